import Foundation

/// Turns a `ModelSpec` into a shared library: `verilator --cc`, the generated
/// shim, the C++ compiler (called directly on two unity translation units in
/// parallel; like `make -j2` on Verilator's makefile with its __ALL.cpp, but
/// the runtime objects come from the cache instead of being compiled per
/// model, and no make process is spawned), and a link against the cached
/// runtime objects.
enum ModelBuilder {
    static let libraryName = "libmodel.so"
    static let shimName = "tl_shim.cpp"

    /// The `verilator` arguments for `spec` (without paths).
    static func verilatorFlags(spec: ModelSpec) -> [String] {
        var flags = ["--cc", "-O3", "--x-assign", "fast", "--x-initial", "unique", "--no-timing",
                     "-Wno-fatal", "--top-module", spec.top]
        if spec.trace { flags.append("--trace") }
        return flags + spec.verilatorFlags
    }

    /// Builds everything into `dir` (created): `<top>.v`, `obj/` (Verilated C++,
    /// headers and objects), `libmodel.so`. Returns whether the shim calls Verilator's root
    /// evaluation function directly (`ShimGenerator.directEval`): false for a trace build or
    /// when this Verilator's generated code has another shape (then the public `eval()`).
    @discardableResult
    static func build(spec: ModelSpec, layout: PortLayout, toolchain tc: ToolchainIdentity,
                      runtime: [URL], into dir: URL) throws -> Bool {
        let fm = FileManager.default
        let obj = dir.appendingPathComponent("obj")
        try fm.createDirectory(at: obj, withIntermediateDirectories: true)
        let source = dir.appendingPathComponent("\(spec.top).v")
        try spec.verilog.write(to: source, atomically: false, encoding: .utf8)
        let configs = try observedConfiguration(spec: spec, in: dir)
        try verilate(spec: spec, source: source, configs: configs, obj: obj, cwd: dir)
        let header = (try? String(contentsOf: obj.appendingPathComponent("V\(spec.top).h"), encoding: .utf8)) ?? ""
        try InterfaceCheck.check(spec: spec, header: header)
        if !spec.observed.isEmpty {
            let root = (try? String(contentsOf: obj.appendingPathComponent("V\(spec.top)___024root.h"), encoding: .utf8)) ?? ""
            try ObservedBuild.checkMembers(spec: spec, rootHeader: root)
        }
        let verilated = (try? String(contentsOf: obj.appendingPathComponent("V\(spec.top).cpp"), encoding: .utf8)) ?? ""
        let direct = ShimGenerator.directEval(top: spec.top, verilatedSource: verilated, trace: spec.trace)
        try ShimGenerator.source(spec: spec, layout: layout, directEval: direct)
            .write(to: obj.appendingPathComponent(shimName), atomically: false, encoding: .utf8)
        // Two unity translation units, like Verilator's own __ALL.cpp: parsing
        // verilated.h dominates each compile (about 1.3 s), so 8 separate files
        // took ~10 s where two take ~2.5 s (measured on the router fixtures).
        // Fast code and the shim in one, constructors/slow paths in the other;
        // the two compile in parallel.
        let generated = try fm.contentsOfDirectory(atPath: obj.path).filter { $0.hasSuffix(".cpp") }.sorted()
        let isSlow = { (name: String) in name.contains("__Slow") || name.hasSuffix("__Syms.cpp") }
        func unity(_ name: String, _ files: [String]) throws -> URL {
            let url = obj.appendingPathComponent(name)
            try (files.map { "#include \"\($0)\"" }.joined(separator: "\n") + "\n")
                .write(to: url, atomically: false, encoding: .utf8)
            return url
        }
        let sources = [try unity("tl_fast.cpp", generated.filter { !isSlow($0) }),
                       try unity("tl_slow.cpp", generated.filter(isSlow))]
        let trace = spec.trace ? "1" : "0"
        let objects = try compile(sources, into: obj, flags: tc.cxxFlags + ["-I\(obj.path)", "-DVM_TRACE=\(trace)", "-DVM_TRACE_VCD=\(trace)"], toolchain: tc)
        let lib = dir.appendingPathComponent(libraryName)
        var link: [String] = ["-shared", "-o", lib.path]
        link += objects.map(\.path)
        link += runtime.map(\.path)
        link += ["-pthread", "-latomic"]
        try ProcessRunner.check(.cxx, link, cwd: dir, environment: ownTemporaries(dir))
        return direct != nil
    }

    /// The Verilator configuration files of the build: `observed.vlt` in
    /// `dir` when the spec observes internal signals (`ObservedBuild`; the
    /// paths are found in an `--xml-only` netlist first), else none.
    static func observedConfiguration(spec: ModelSpec, in dir: URL) throws -> [URL] {
        guard !spec.observed.isEmpty else { return [] }
        let netlist = try NetlistReader.read(verilog: spec.verilog, top: spec.top, flags: spec.verilatorFlags, in: dir)
        let vlt = dir.appendingPathComponent("observed.vlt")
        try ObservedBuild.configuration(spec: spec, netlist: netlist).write(to: vlt, atomically: false, encoding: .utf8)
        return [vlt]
    }

    /// Runs `verilator --cc` on `source` (after the configuration files
    /// `configs`). Errors Verilator reports in the
    /// input (`%Error: FILE:L:C: ...`, no such top module) are `VerilogRejected`;
    /// any other failure (a crash, an internal error) is a `ToolError`.
    static func verilate(spec: ModelSpec, source: URL, configs: [URL] = [], obj: URL, cwd: URL) throws {
        let path = try Toolchain.locate(.verilator)
        let arguments = verilatorFlags(spec: spec) + ["--Mdir", obj.path] + configs.map(\.path) + [source.path]
        let result = try ProcessRunner.run(path, arguments, cwd: cwd)
        guard result.status != 0 else { return }
        throw verilatorFailure(result, top: spec.top, verilog: spec.verilog, copy: source, command: [path] + arguments)
    }

    /// A failed `verilator` run as an error: errors Verilator reports in the
    /// input are `VerilogRejected` (naming `copy`, the file it read, by the
    /// marker), anything else (a crash, an internal error) a `ToolError`.
    static func verilatorFailure(_ result: ProcessResult, top: String, verilog: String, copy: URL, command: [String]) -> Error {
        let output = result.output
        let toolFault = ["Internal Error", "internal fault", "Verilator internal"].contains { output.contains($0) }
        if result.status > 0 && result.status < 128 && output.contains("%Error") && !toolFault {
            return VerilogRejected(tool: "verilator", top: top, verilog: verilog, output: output, copies: [copy.path])
        }
        return ToolError.failed(tool: .verilator, command: command.joined(separator: " "), output: output)
    }

    /// The compiler's and linker's own temporary files (`cc*.s`, `cc*.res`, left
    /// in TMPDIR when they are killed) go into the build folder, which is removed.
    static func ownTemporaries(_ dir: URL) -> [String: String] { ["TMPDIR": dir.path] }

    /// Compiles each source to `dir/<name>.o`, at most two compilers at a time
    /// (the CI machine has two cores). Throws the first failure with its output.
    @discardableResult
    static func compile(_ sources: [URL], into dir: URL, flags: [String], toolchain tc: ToolchainIdentity) throws -> [URL] {
        let objects = sources.map { dir.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".o") }
        // Biggest files first so the two lanes finish together.
        let order = sources.indices.sorted {
            let a = (try? sources[$0].resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            let b = (try? sources[$1].resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            return a > b
        }
        let lanes = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
        let next = NSLock()
        nonisolated(unsafe) var cursor = 0
        nonisolated(unsafe) var failure: Error?
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while true {
                next.lock()
                guard failure == nil, cursor < order.count else { next.unlock(); return }
                let i = order[cursor]; cursor += 1
                next.unlock()
                do {
                    try ProcessRunner.check(.cxx, flags + ["-c", sources[i].path, "-o", objects[i].path], cwd: dir,
                                            environment: ownTemporaries(dir))
                } catch {
                    next.lock(); if failure == nil { failure = error }; next.unlock()
                }
            }
        }
        if let failure { throw failure }
        return objects
    }
}
