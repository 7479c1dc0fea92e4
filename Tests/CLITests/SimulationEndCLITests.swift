import Foundation
import Testing
import TestSupport

/// An --rtl router that ends the simulation itself is never a pass: the
/// committed router (rtl/trapline_router.v) plus one line that calls
/// `$finish` or `$stop` when a RESUME (op 4) is offered. Before the fix,
/// Verilator's handlers ran inside trapline and cosim and equiv exited 0.
@Suite(.serialized) struct SimulationEndCLITests {
    /// Line of the added call: the committed router's text is unchanged above it.
    static func fixture(_ call: String, in dir: URL) throws -> (path: String, line: Int) {
        let router = try String(contentsOf: RepoPaths.root.appendingPathComponent("rtl/trapline_router.v"), encoding: .utf8)
        let end = try #require(router.range(of: "endmodule", options: .backwards), "no endmodule in rtl/trapline_router.v")
        let text = router[..<end.lowerBound] + "    always @(posedge clk) if (cmd_valid && cmd_op == 3'd4) \(call);\n" + router[end.lowerBound...]
        let line = router[..<end.lowerBound].filter { $0 == "\n" }.count + 1
        let url = dir.appendingPathComponent("\(call.dropFirst()).v")
        try String(text).write(to: url, atomically: true, encoding: .utf8)
        return (url.path, line)
    }

    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    @Test(arguments: ["$finish", "$stop"], ["verilator", "icarus"])
    func cosimExitsOneAndSaysWhereTheRunEnded(call: String, sim: String) throws {
        let dir = try RepoPaths.scratchDirectory("cosim-end")
        let (rtl, line) = try Self.fixture(call, in: dir)
        let r = try trapline(["cosim", "--random", "2000", "--seed", "1", "--rtl", rtl, "--sim", sim])
        #expect(r.status == 1, "stdout: \(r.stdout.prefix(300))\nstderr: \(r.stderr)")
        // Streamed under both simulators: the responses before the end, each checked as it came, and no more.
        #expect(ResponseLines.all(r.stdout, count: try #require(ResponseLines.reported(r.stderr))), "\(r.stdout.prefix(300))")
        if sim == "verilator" {
            #expect(r.stderr.contains("trapline: error: the RTL called \(call) at cycle "), "\(r.stderr)")
            #expect(r.stderr.contains("(\(rtl):\(line)) under verilator after "))
        } else {
            // Icarus cannot tell $finish from $stop; the RTL's calls are named.
            #expect(r.stderr.contains("trapline: error: the RTL ended the icarus simulation before the test bench did ($finish or $stop; the RTL calls it at \(rtl):\(line)) after "), "\(r.stderr)")
        }
        #expect(r.stderr.contains(" of 2000 responses; no verdict on the remaining "))
        #expect(r.stderr.contains("  replay: trapline cosim "))
    }

    @Test func equivIsAMismatchShrunkToTheCommandThatEndedTheRun() throws {
        let dir = try RepoPaths.scratchDirectory("equiv-end")
        let (rtl, line) = try Self.fixture("$finish", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try trapline(["equiv", "--rtl", rtl, "--budget", "5", "--icarus-sample", "300", "--out", out.path,
                              "--shrink-seconds", "30"])
        #expect(r.status == 1, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stdout.contains("verdict: MISMATCH"))
        #expect(!r.stdout.contains("verdict: EQUIVALENT"))
        #expect(r.stdout.contains("verilator: the RTL called $finish at cycle "), "\(r.stdout)")
        #expect(r.stdout.contains("(\(rtl):\(line)) under verilator after "))
        #expect(r.stdout.contains("no verdict on the remaining"))
        // The divergence blames the RESUME the RTL saw; the shrunk trace keeps it.
        let traceLine = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("  trace      ") })
        let trace = try String(contentsOfFile: String(traceLine.dropFirst("  trace      ".count)), encoding: .utf8)
        #expect(trace.contains("\"op\":\"resume\""), "\(trace)")
        #expect(r.stderr.contains("trapline: error: the RTL and the reference differ"))
    }
}
