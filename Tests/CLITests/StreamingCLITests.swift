import Foundation
import Testing
import TestSupport

/// Issue 14, item 11: `cosim --random N` under Verilator streams: the commands
/// are generated and each response checked and printed as it comes, so memory
/// does not grow with N. Before: commands and responses were held for the
/// whole run (about 110 bytes per command: 1.5 M commands peaked at ~180 MB,
/// 10^7 at ~1 GB).
@Suite struct StreamingCLITests {
    /// Peak resident memory of `trapline ARGS > /dev/null` in KB (`/usr/bin/time -f %M`).
    func peakKB(_ args: [String]) throws -> (status: Int32, kb: Int, stderr: String) {
        let exe = try RepoPaths.traplineExecutable().path
        let command = (["/usr/bin/time", "-f", "'peak %M'", exe] + args).joined(separator: " ") + " > /dev/null"
        let r = try Tools.run("/bin/sh", ["-c", command], environment: CosimCommandTests.environment)
        let kb = r.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") }.flatMap { Int($0.dropFirst(5)) } ?? -1
        return (r.status, kb, r.stderr)
    }

    @Test func memoryDoesNotGrowWithTheNumberOfCommands() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            Issue.record("/usr/bin/time is needed to measure peak memory (apt-get install time)"); return
        }
        // Build the model first: /usr/bin/time's peak counts the child processes, and the C++
        // compiler of a cold model cache alone peaks far above the run (270 MB seen in CI order).
        let warm = try peakKB(["cosim", "--random", "10", "--seed", "3"])
        #expect(warm.status == 0, "\(warm.stderr.suffix(500))")
        let r = try peakKB(["cosim", "--random", "1500000", "--seed", "3"])
        #expect(!r.stderr.contains("building Verilator model"), "the model should come from the cache: \(r.stderr.suffix(300))")
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        #expect(r.kb > 0 && r.kb < 100_000, "peak \(r.kb) KB for 1.5 M commands; \(r.stderr.suffix(300))")
    }

    /// The streamed run checks the same commands `random` writes: its responses are the reference's.
    @Test func streamedResponsesAreTheReferences() throws {
        let exe = try RepoPaths.traplineExecutable().path
        let dir = try RepoPaths.scratchDirectory("streamed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("t.jsonl")
        let made = try Tools.run(exe, ["random", "--count", "40000", "--seed", "11", "--out", trace.path])
        #expect(made.status == 0, "\(made.stderr)")
        let route = try Tools.run(exe, ["route", trace.path])
        let cosim = try Tools.run(exe, ["cosim", "--random", "40000", "--seed", "11", "--idle", "10", "--stall", "30"],
                                  environment: CosimCommandTests.environment)
        #expect(cosim.status == 0, "\(cosim.stderr.suffix(500))")
        #expect(cosim.stdout == route.stdout)
        #expect(cosim.stdout.split(separator: "\n").count == 40000)
    }
}
