import Foundation

/// The on-disk cache of compiled models.
///
/// Location: `TRAPLINE_CACHE_DIR` when set; else `sim/build/cache` when the
/// current directory is the Trapline repository (it has `Package.swift` and
/// `sim/`); else `~/.cache/trapline`.
///
/// Layout: `runtime-<key>/` Verilator's runtime objects (one per toolchain),
/// `models/<top>-<key>/` one compiled model (`libmodel.so` plus the Verilated
/// objects and headers, which the C++ bench harness links against),
/// `locks/` the `flock` files, `tmp/` builds in progress, and `builds.log`
/// with one line per model actually built. Each entry holds a `manifest.txt`
/// (`CacheManifest`: sizes and digests), checked before the entry is used.
///
/// The key is a SHA-256 of everything that affects the binary: the Verilog
/// text, the top module, the port list, the observed signals, the clocks and reset, trace on/off, extra
/// Verilator flags, the shim generator version, the exact `verilator
/// --version`, the compiler path and version, and the compiler flags.
/// A build happens in `tmp/` and is renamed into place, under a file lock
/// that concurrent builders (threads or processes) wait on.
public final class ModelCache: Sendable {
    /// The cache folder (see the location rules above).
    public let directory: URL
    /// Where progress lines go ("building Verilator model ... (cache miss, key ...)").
    public let log: @Sendable (String) -> Void

    /// A cache in `directory` (default: `defaultDirectory()`) whose progress lines go to `log` (default: stderr).
    public init(directory: URL? = nil, log: (@Sendable (String) -> Void)? = nil) {
        self.directory = directory ?? ModelCache.defaultDirectory()
        self.log = log ?? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    }

    /// The cache directory the rules above choose.
    public static func defaultDirectory() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["TRAPLINE_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let cwd = FileManager.default.currentDirectoryPath
        let fm = FileManager.default
        if fm.fileExists(atPath: cwd + "/Package.swift") && fm.fileExists(atPath: cwd + "/sim") {
            return URL(fileURLWithPath: cwd + "/sim/build/cache")
        }
        return fm.homeDirectoryForCurrentUser.appendingPathComponent(".cache/trapline")
    }

    /// The cache key of `spec` with the current toolchain.
    public func key(for spec: ModelSpec) throws -> String {
        let tc = try ToolchainIdentity.current(memo: directory)
        return Self.key(spec: spec, toolchain: tc)
    }

    static func key(spec: ModelSpec, toolchain tc: ToolchainIdentity) -> String {
        var fields = ["model", "shim \(ShimGenerator.version)", spec.verilog, spec.top, spec.clock,
                      spec.reset ?? "-", spec.resetActiveHigh ? "high" : "low", spec.trace ? "trace" : "notrace"]
        fields += spec.ports.map { "\($0.direction.rawValue) \($0.width) \($0.name)" }
        if !spec.clocks.isEmpty { fields += ["clocks"] + spec.clocks }
        if !spec.observed.isEmpty { fields += ["observed"] + spec.observed.map { "\($0.width) \($0.path)" } }
        fields += ["flags"] + ModelBuilder.verilatorFlags(spec: spec) + ["cxx"] + tc.cxxFlags
        fields += [tc.verilator, tc.verilatorVersion, tc.verilatorRoot, tc.cxx, tc.cxxVersion]
        return Digest.hex(fields: fields)
    }

    /// How many models this cache has built (lines in `builds.log`), for tests and reports.
    public func buildCount(top: String? = nil) -> Int {
        let text = (try? String(contentsOf: directory.appendingPathComponent("builds.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { top == nil || $0.split(separator: " ").dropFirst().first.map(String.init) == top }.count
    }

    /// A compiled model on disk: its directory, shared library and key, and
    /// whether this call built it (false: it was found in the cache).
    public struct Entry: Sendable {
        /// The entry's folder, `models/<top>-<key>/`.
        public var directory: URL
        /// The compiled shared library, `libmodel.so`, in `directory`.
        public var library: URL
        /// The SHA-256 cache key (hex) the entry was built under.
        public var key: String
        /// True when this call built the model, false when it was found in the cache.
        public var built: Bool
        /// Input and output buffer slots of the model's port layout; `VerilatedModel` checks them against the spec's layout on load.
        public var layoutSlots: (inputs: Int, outputs: Int)
    }

    /// The compiled model for `spec`, built when missing or damaged (its
    /// `CacheManifest` does not match). Thread- and process-safe. A cache
    /// folder that cannot be used is a `CacheError`.
    public func entry(for spec: ModelSpec) throws -> Entry {
        try spec.validate()
        let tc = try ToolchainIdentity.current(memo: directory)
        let key = Self.key(spec: spec, toolchain: tc)
        let short = String(key.prefix(16))
        let fm = FileManager.default
        let dir = directory.appendingPathComponent("models/\(spec.top)-\(short)")
        let lib = dir.appendingPathComponent(ModelBuilder.libraryName)
        let layout = PortLayout(spec: spec)
        func make(_ built: Bool) -> Entry {
            Entry(directory: dir, library: lib, key: key, built: built, layoutSlots: (layout.inputSlots, layout.outputSlots))
        }
        if fm.fileExists(atPath: lib.path) && Self.isIntact(dir) { return make(false) }
        try ensureDirectories()
        let lock = try FileLock(path: directory.appendingPathComponent("locks/model-\(short).lock").path)
        defer { lock.unlock() }
        if fm.fileExists(atPath: dir.path) {   // another builder finished while we waited, or a damaged entry
            guard let problem = Self.damage(dir) else { return make(false) }
            log("the cached model \(dir.path) is damaged (\(problem)); rebuilding it")
        }
        let runtime = try runtimeObjects(toolchain: tc)
        log("building Verilator model \(spec.top) (cache miss, key \(short))...")
        let start = Date()
        let tmp = temporaryFolder(short)
        ProcessGuard.registerTemporary(tmp)   // removed if Trapline is interrupted mid-build
        defer { try? fm.removeItem(at: tmp); ProcessGuard.release(tmp); removeEmptyTemporaryFolder() }
        let direct = try ModelBuilder.build(spec: spec, layout: layout, toolchain: tc, runtime: runtime, into: tmp)
        if !direct && !spec.trace {
            // Correct either way; say it, so a Verilator upgrade cannot slow every run silently.
            log("note: the model Verilator \(tc.verilatorVersion) generated for \(spec.top) has no "
                + "V\(spec.top)___024root___eval of the known shape; the shim calls the public eval() "
                + "(correct, slower per cycle). Trapline knows the shape of Verilator 5.0xx; report the version")
        }
        try cacheStep("cannot record the new model in \(tmp.path)") {
            let objects = try fm.contentsOfDirectory(atPath: tmp.appendingPathComponent("obj").path)
                .filter { $0.hasSuffix(".o") }.map { "obj/\($0)" }
            try CacheManifest.write(in: tmp, files: [ModelBuilder.libraryName] + objects)
            try fm.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fm.removeItem(at: dir)   // a damaged entry
            try fm.moveItem(at: tmp, to: dir)
        }
        appendBuildLog("\(Int(Date().timeIntervalSince1970)) \(spec.top) \(short) \(String(format: "%.2f", Date().timeIntervalSince(start)))s")
        log("built Verilator model \(spec.top) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s"
            + (spec.trace ? " (tracing)" : direct ? " (direct evaluation)" : " (public eval())"))
        return make(true)
    }

    /// Verilator's runtime objects for `tc`, compiled once into the cache
    /// (again when their manifest does not match).
    func runtimeObjects(toolchain tc: ToolchainIdentity) throws -> [URL] {
        let fm = FileManager.default
        let short = String(tc.runtimeKey.prefix(16))
        let dir = directory.appendingPathComponent("runtime-\(short)")
        let names = ToolchainIdentity.runtimeSources.map { $0.replacingOccurrences(of: ".cpp", with: ".o") }
        let objects = names.map { dir.appendingPathComponent($0) }
        if CacheManifest.problem(in: dir) == nil { return objects }
        try ensureDirectories()
        let lock = try FileLock(path: directory.appendingPathComponent("locks/runtime-\(short).lock").path)
        defer { lock.unlock() }
        if fm.fileExists(atPath: dir.path) {
            guard let problem = CacheManifest.problem(in: dir) else { return objects }
            log("the cached Verilator runtime \(dir.path) is damaged (\(problem)); rebuilding it")
        }
        log("compiling the Verilator runtime once for this toolchain (\(tc.verilatorVersion))...")
        let tmp = temporaryFolder("runtime-\(short)")
        ProcessGuard.registerTemporary(tmp)
        defer { try? fm.removeItem(at: tmp); ProcessGuard.release(tmp); removeEmptyTemporaryFolder() }
        try cacheStep("cannot create \(tmp.path)") { try fm.createDirectory(at: tmp, withIntermediateDirectories: true) }
        let sources = ToolchainIdentity.runtimeSources.map { URL(fileURLWithPath: "\(tc.verilatorRoot)/include/\($0)") }
        try ModelBuilder.compile(sources, into: tmp, flags: tc.cxxFlags + ["-DVM_TRACE=1", "-DVM_TRACE_VCD=1"], toolchain: tc)
        try cacheStep("cannot record the runtime objects in \(tmp.path)") {
            try CacheManifest.write(in: tmp, files: names)
            try? fm.removeItem(at: dir)
            try fm.moveItem(at: tmp, to: dir)
        }
        return objects
    }

    private func appendBuildLog(_ line: String) {
        let url = directory.appendingPathComponent("builds.log")
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
