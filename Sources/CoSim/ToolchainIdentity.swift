import Foundation

/// The exact tools a model is built with, resolved once per process: paths,
/// version strings and Verilator's include directory. Everything here is part
/// of the cache key, so a Verilator or compiler upgrade rebuilds every model.
struct ToolchainIdentity: Sendable {
    var verilator: String
    var verilatorVersion: String
    var verilatorRoot: String
    var cxx: String
    var cxxVersion: String

    /// The flags every C++ translation unit is compiled with (model, shim, runtime).
    /// -O2 rather than Verilator's default -Os: measured faster per cycle at a
    /// small build-time cost (see docs/cosim.md). `-mtls-dialect=gnu2` (TLS
    /// descriptors): Verilator's eval touches thread-locals, and in a dlopen'ed
    /// library the default dialect calls `__tls_get_addr` each time (measured).
    /// `-DVL_USER_FINISH/STOP/FATAL`: the runtime leaves out its `$finish`,
    /// `$stop` and fatal handlers (which exit or abort the process) and the
    /// shim defines them (`ShimGenerator.endHooks`); being in these flags, they
    /// are part of the runtime's and every model's cache key.
    /// `VL_PRINTF`/`VL_VPRINTF` (verilated.h: "Print ala printf ... redefine if
    /// desired"; every `$display`, `$write`, `$monitor` and runtime message ends
    /// there) print on stderr instead of stdout: the model runs inside
    /// Trapline, whose stdout carries JSON Lines and summaries.
    var cxxFlags: [String] {
        [
            "-std=gnu++17", "-O2", "-fPIC", "-fvisibility=hidden", "-fvisibility-inlines-hidden",
            "-faligned-new", "-fcf-protection=none", "-w",
            "-I\(verilatorRoot)/include", "-I\(verilatorRoot)/include/vltstd",
            "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE_FST=0",
            "-DVL_USER_FINISH", "-DVL_USER_STOP", "-DVL_USER_FATAL",
            "-DVL_PRINTF(...)=fprintf(stderr, __VA_ARGS__)", "-DVL_VPRINTF(f, ap)=vfprintf(stderr, f, ap)",
        ] + Self.tlsFlags
    }

    #if arch(x86_64)
    static let tlsFlags = ["-mtls-dialect=gnu2"]
    #else
    static let tlsFlags: [String] = []   // aarch64 uses TLS descriptors already
    #endif

    /// The Verilator runtime sources compiled once per toolchain and linked into every model.
    static let runtimeSources = ["verilated.cpp", "verilated_vcd_c.cpp", "verilated_threads.cpp"]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var resolved: ToolchainIdentity?

    /// Resolves the tools (memoised per process; a missing tool is a `ToolError`).
    /// With `memo` (the cache directory), the probed version strings are also
    /// kept on disk under a fingerprint of the tool files (resolved path, size,
    /// modification time) and `VERILATOR_ROOT`, so a process that loads a
    /// cached model does not start `verilator` and the compiler three times
    /// (~0.1 s); replacing either tool changes the fingerprint.
    static func current(memo: URL? = nil) throws(ToolError) -> ToolchainIdentity {
        lock.lock(); defer { lock.unlock() }
        if let resolved { return resolved }
        let verilator = try Toolchain.locate(.verilator)
        let cxx = try Toolchain.locate(.cxx)
        let envRoot = ProcessInfo.processInfo.environment["VERILATOR_ROOT"] ?? ""
        let memoFile = memo.map { dir in
            dir.appendingPathComponent("toolchain-\(Digest.hex(fields: ["toolchain memo v1", fingerprint(verilator), fingerprint(cxx), envRoot]).prefix(16)).txt")
        }
        if let memoFile, let text = try? String(contentsOf: memoFile, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.count >= 3, !lines[0].isEmpty, !lines[1].isEmpty,
               FileManager.default.fileExists(atPath: "\(lines[1])/include/verilated.cpp") {
                let id = ToolchainIdentity(verilator: verilator, verilatorVersion: lines[0], verilatorRoot: lines[1],
                                           cxx: cxx, cxxVersion: lines[2])
                resolved = id
                return id
            }
        }
        let vVersion = try Toolchain.version(of: .verilator)
        let cVersion = try Toolchain.version(of: .cxx)
        var root = envRoot
        if root.isEmpty {
            let r: ProcessResult
            do { r = try ProcessRunner.run(verilator, ["--getenv", "VERILATOR_ROOT"]) } catch {
                throw .failed(tool: .verilator, command: "\(verilator) --getenv VERILATOR_ROOT", output: "\(error)")
            }
            root = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard FileManager.default.fileExists(atPath: "\(root)/include/verilated.cpp") else {
            throw .missing(tool: .verilator, detail: "its runtime sources were not found in \(root)/include (VERILATOR_ROOT)")
        }
        let id = ToolchainIdentity(verilator: verilator, verilatorVersion: vVersion, verilatorRoot: root,
                                   cxx: cxx, cxxVersion: cVersion)
        if let memoFile {
            // Written whole then renamed, so a concurrent reader sees all of it or nothing.
            let tmp = memoFile.deletingLastPathComponent().appendingPathComponent(".\(memoFile.lastPathComponent).\(UUID().uuidString.prefix(8))")
            try? FileManager.default.createDirectory(at: memoFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? "\(vVersion)\n\(root)\n\(cVersion)\n".write(to: tmp, atomically: false, encoding: .utf8)) != nil {
                if rename(tmp.path, memoFile.path) != 0 { try? FileManager.default.removeItem(at: tmp) }
            }
        }
        resolved = id
        return id
    }

    /// Resolved path, size and modification time of an executable.
    private static func fingerprint(_ path: String) -> String {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attrs = (try? FileManager.default.attributesOfItem(atPath: real)) ?? [:]
        let size = (attrs[.size] as? NSNumber)?.int64Value ?? -1
        let mtime = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "\(path) -> \(real) \(size) \(mtime)"
    }

    /// Key of the runtime objects: tools and flags.
    var runtimeKey: String {
        Digest.hex(fields: ["runtime", verilator, verilatorVersion, verilatorRoot, cxx, cxxVersion] + cxxFlags + Self.runtimeSources)
    }
}
