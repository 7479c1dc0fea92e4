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
    var cxxFlags: [String] {
        [
            "-std=gnu++17", "-O2", "-fPIC", "-fvisibility=hidden", "-fvisibility-inlines-hidden",
            "-faligned-new", "-fcf-protection=none", "-w",
            "-I\(verilatorRoot)/include", "-I\(verilatorRoot)/include/vltstd",
            "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE_FST=0",
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

    /// Resolves the tools (memoised; a missing tool is a `ToolError`).
    static func current() throws(ToolError) -> ToolchainIdentity {
        lock.lock(); defer { lock.unlock() }
        if let resolved { return resolved }
        let verilator = try Toolchain.locate(.verilator)
        let cxx = try Toolchain.locate(.cxx)
        let vVersion = try Toolchain.version(of: .verilator)
        let cVersion = try Toolchain.version(of: .cxx)
        var root = ProcessInfo.processInfo.environment["VERILATOR_ROOT"] ?? ""
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
        resolved = id
        return id
    }

    /// Key of the runtime objects: tools and flags.
    var runtimeKey: String {
        SHA256.hex(["runtime", verilator, verilatorVersion, verilatorRoot, cxx, cxxVersion] + cxxFlags + Self.runtimeSources)
    }
}
