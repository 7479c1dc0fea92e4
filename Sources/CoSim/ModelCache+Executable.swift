import Foundation

extension ModelCache {
    /// Compiles C++ `sources` (e.g. a hand-written bench harness that includes
    /// `V<top>.h` and drives the model directly) and links them against the
    /// SAME Verilated objects and runtime as the cached model `entry`, with the
    /// same compiler and flags. Returns the executable at `output`.
    /// Compiler errors are a `ToolError.failed` with the compiler's output.
    @discardableResult
    public func buildExecutable(sources: [URL], against entry: Entry, output: URL) throws -> URL {
        let tc = try ToolchainIdentity.current(memo: directory)
        let runtime = try runtimeObjects(toolchain: tc)
        let obj = entry.directory.appendingPathComponent("obj")
        let modelObjects = try FileManager.default.contentsOfDirectory(atPath: obj.path)
            .filter { $0.hasSuffix(".o") }   // the model (the shim's C functions come along, unused)
            .sorted().map { obj.appendingPathComponent($0) }
        let work = output.deletingLastPathComponent().appendingPathComponent("\(output.lastPathComponent)-obj")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let objects = try ModelBuilder.compile(sources, into: work,
                                               flags: tc.cxxFlags + ["-I\(obj.path)", "-DVM_TRACE=0", "-DVM_TRACE_VCD=0"],
                                               toolchain: tc)
        // Built in steps: one `+` chain of arrays took the type checker over 5 s.
        var link: [String] = ["-o", output.path]
        link += objects.map(\.path)
        link += modelObjects.map(\.path)
        link += runtime.map(\.path)
        link += ["-pthread", "-latomic"]
        try ProcessRunner.check(.cxx, link, cwd: work, environment: ModelBuilder.ownTemporaries(work))
        return output
    }
}
