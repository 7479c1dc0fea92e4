import Foundation
import Testing
import TestSupport

/// Several `trapline cosim` processes needing the same new model at once:
/// the cache's file lock makes exactly one of them build it, all of them run.
/// Also: `--wave` writes a VCD through the CLI.
@Suite struct CosimProcessTests {
    @Test func concurrentProcessesBuildOnce() throws {
        let shared = RepoPaths.root.appendingPathComponent("sim/build/test-cache")
        let exe = try RepoPaths.traplineExecutable().path
        let dir = try RepoPaths.scratchDirectory("cosim-procs")
        let rtl = dir.appendingPathComponent("reject.v")
        try (CosimCommandTests.rejectRouter + "// \(UUID())\n").write(to: rtl, atomically: true, encoding: .utf8)
        let trace = dir.appendingPathComponent("ok.jsonl")
        try "{\"op\":6}\n{\"op\":7}\n".write(to: trace, atomically: true, encoding: .utf8)
        // Warm the shared runtime objects, then give a fresh cache a link to them,
        // so the fresh cache's build log holds only this test's builds.
        let warm = try Tools.run(exe, ["cosim", trace.path, "--rtl", rtl.path], environment: CosimCommandTests.environment)
        #expect(warm.status == 0, "\(warm.stderr)")
        let fresh = dir.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: shared.path) where name.hasPrefix("runtime-") {
            try FileManager.default.createSymbolicLink(at: fresh.appendingPathComponent(name), withDestinationURL: shared.appendingPathComponent(name))
        }
        let results = UnsafeSendableBox<[Tools.Result?]>([nil, nil, nil])
        DispatchQueue.concurrentPerform(iterations: 3) { i in
            let r = try? Tools.run(exe, ["cosim", trace.path, "--rtl", rtl.path], environment: ["TRAPLINE_CACHE_DIR": fresh.path])
            results.lock.lock(); results.value[i] = r; results.lock.unlock()
        }
        for r in results.value {
            let r = try #require(r)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == "{\"kind\":\"rejected\",\"error\":4}\n{\"kind\":\"rejected\",\"error\":4}\n")
        }
        let log = try String(contentsOf: fresh.appendingPathComponent("builds.log"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1, "exactly one process built the model:\n\(log)")
        #expect(results.value.compactMap { $0 }.filter { $0.stderr.contains("cache miss") }.count == 1)
    }

    @Test func waveOptionWritesAVCD() throws {
        let dir = try RepoPaths.scratchDirectory("cosim-wave")
        let rtl = dir.appendingPathComponent("reject.v")
        try CosimCommandTests.rejectRouter.write(to: rtl, atomically: true, encoding: .utf8)
        let trace = dir.appendingPathComponent("ok.jsonl")
        try "{\"op\":6}\n{\"op\":7}\n{\"op\":6}\n".write(to: trace, atomically: true, encoding: .utf8)
        let wave = dir.appendingPathComponent("run.vcd")
        let r = try Tools.run(try RepoPaths.traplineExecutable().path,
                              ["cosim", trace.path, "--rtl", rtl.path, "--wave", wave.path],
                              environment: CosimCommandTests.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let vcd = try String(contentsOf: wave, encoding: .utf8)
        #expect(vcd.contains(" cmd_valid "))
        #expect(vcd.contains(" rsp_kind "))
    }
}

/// A mutable box shared by concurrentPerform's iterations (guarded by `lock`).
final class UnsafeSendableBox<T>: @unchecked Sendable {
    var value: T
    let lock = NSLock()
    init(_ value: T) { self.value = value }
}
