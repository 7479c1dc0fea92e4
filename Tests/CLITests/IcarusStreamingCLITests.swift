import Foundation
import Testing
import TestSupport

/// Issue 14, item 11 under Icarus: `cosim --sim icarus` streams like the
/// Verilator run. The bench reads each command from a named pipe when it
/// offers it, and each response is checked and printed as `vvp` writes it.
/// Before: the commands went to a `$readmemh` file and an array in `vvp`, and
/// the responses were parsed at the end (about 300 bytes per command between
/// trapline and vvp), and `--random` was refused past 2*10^7.
@Suite(.serialized) struct IcarusStreamingCLITests {
    /// The streamed Icarus run prints exactly the reference's responses, for `--random` and a trace file.
    @Test func streamedResponsesAreTheReferences() throws {
        let exe = try RepoPaths.traplineExecutable().path
        let dir = try RepoPaths.scratchDirectory("icarus-streamed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("t.jsonl")
        let made = try Tools.run(exe, ["random", "--count", "20000", "--seed", "11", "--out", trace.path])
        #expect(made.status == 0, "\(made.stderr)")
        let route = try Tools.run(exe, ["route", trace.path])
        let random = try Tools.run(exe, ["cosim", "--random", "20000", "--seed", "11", "--idle", "10", "--stall", "30", "--sim", "icarus"],
                                   environment: CosimCommandTests.environment)
        #expect(random.status == 0, "\(random.stderr.suffix(500))")
        #expect(random.stdout == route.stdout)
        #expect(random.stdout.split(separator: "\n").count == 20000)
        let file = try Tools.run(exe, ["cosim", trace.path, "--sim", "icarus"], environment: CosimCommandTests.environment)
        #expect(file.status == 0, "\(file.stderr.suffix(500))")
        #expect(file.stdout == route.stdout)
    }

    /// Peak memory (trapline and vvp: `/usr/bin/time` reports the largest of
    /// the process tree) is the same for 10x the commands. Before: +~40 MB
    /// from 15 k to 150 k commands.
    @Test func memoryDoesNotGrowWithTheNumberOfCommands() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            Issue.record("/usr/bin/time is needed to measure peak memory (apt-get install time)"); return
        }
        let streaming = StreamingCLITests()
        let small = try streaming.peakKB(["cosim", "--random", "15000", "--seed", "4", "--sim", "icarus"])
        let large = try streaming.peakKB(["cosim", "--random", "150000", "--seed", "4", "--sim", "icarus"])
        #expect(small.status == 0 && large.status == 0, "\(small.stderr.suffix(300)) \(large.stderr.suffix(300))")
        #expect(small.kb > 0 && large.kb - small.kb < 15_000,
                "peak \(small.kb) KB for 15 k commands, \(large.kb) KB for 150 k")
    }

    /// A mismatch in a streamed Icarus run: exit 1 with the failing command's
    /// index, the responses before it on stdout, and a replay that fails the same way.
    @Test func mismatchStopsTheRunAndReplays() throws {
        let exe = try RepoPaths.traplineExecutable().path
        let dir = try RepoPaths.scratchDirectory("icarus-streamed-mismatch")
        defer { try? FileManager.default.removeItem(at: dir) }
        // VMfailValid 65 (another VMM's VMCS) answered as 63: a wrong error number.
        let rtl = try ProcessSafetyCLITests.fixture("bug.v", replacing: "    localparam [7:0] ERR_OTHER_VMCS = 8'd65;",
                                                    with: "    localparam [7:0] ERR_OTHER_VMCS = 8'd63;", in: dir)
        let r = try Tools.run(exe, ["cosim", "--random", "200000", "--seed", "1", "--sim", "icarus", "--rtl", rtl],
                              environment: CosimCommandTests.environment)
        #expect(r.status == 1, "\(r.stderr.suffix(800))")
        let head = try #require(r.stderr.split(separator: "\n").first { $0.hasPrefix("trapline: error: mismatch at command ") })
        let index = try #require(Int(head.dropFirst("trapline: error: mismatch at command ".count).prefix { $0.isNumber }))
        #expect(r.stdout.split(separator: "\n").count == index + 1, "every response up to the failing one is printed")
        let replay = try #require(r.stderr.split(separator: "\n").first { $0.contains("replay: trapline cosim ") })
        var words = replay.split(separator: " ").drop { $0 != "trapline" }.dropFirst().map(String.init)
        if let w = words.firstIndex(of: "--wave") { words[w + 1] = dir.appendingPathComponent("m.vcd").path }
        let again = try Tools.run(exe, words, environment: CosimCommandTests.environment)
        #expect(again.status == 1 && again.stderr.contains("mismatch at command \(index) "), "\(again.stderr.suffix(500))")
    }

    /// `cosim ... | head -1`: SIGPIPE ends trapline with 141, as any filter,
    /// but vvp is stopped and the run's folder removed. Before: trapline died
    /// at once, leaving vvp running to its end and the folder behind.
    @Test(arguments: ["icarus", "verilator"])
    func closedPipeStopsEverything(simulator: String) throws {
        let safety = ProcessSafetyCLITests()
        let (dir, tmp) = try safety.scratch("sigpipe-\(simulator)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let exe = try RepoPaths.traplineExecutable().path
        var env = CosimCommandTests.environment
        env["TMPDIR"] = tmp.path
        let r = try Tools.run("/bin/bash", ["-c", "\(exe) cosim --random 5000000 --sim \(simulator) | head -1; echo \"status ${PIPESTATUS[0]}\""],
                              environment: env)
        #expect(r.stdout.hasSuffix("status 141\n"), "\(r.stdout.suffix(200)) \(r.stderr.suffix(500))")
        #expect(r.stderr.contains("trapline: stopped: standard output was closed (SIGPIPE"), "\(r.stderr.suffix(500))")
        #expect(ProcessSafetyCLITests.wait(2) { ProcessSafetyCLITests.processes(under: tmp).isEmpty },
                "\(ProcessSafetyCLITests.processes(under: tmp))")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        #expect(left.filter { $0.hasPrefix("trapline-") }.isEmpty, "left in TMPDIR: \(left)")
    }
}
