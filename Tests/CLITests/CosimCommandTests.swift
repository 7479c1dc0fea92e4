import Foundation
import Testing
import TestSupport

/// `trapline cosim` end to end with the real simulators, on a hand-written
/// router that rejects every command with code 4 (what the reference answers
/// to ops 6 and 7): exit codes, stdout responses, the mismatch report.
@Suite struct CosimCommandTests {
    static let rejectRouter = """
    module trapline_router (
      input clk, input rst, input cmd_valid, input [2:0] cmd_op, input [15:0] cmd_reason, input [7:0] cmd_vector,
      input [2:0] cmd_int_type, input cmd_err_valid, input [31:0] cmd_err_code, input [63:0] cmd_qual,
      input [3:0] cmd_vmcs, input [31:0] cmd_field, input [63:0] cmd_data, input [5:0] cmd_guest, input rsp_ready,
      output cmd_ready, output reg rsp_valid, output [2:0] rsp_kind, output [3:0] rsp_target, output rsp_self,
      output rsp_fallback, output [2:0] rsp_policy, output [7:0] rsp_from, output [15:0] rsp_reason,
      output [63:0] rsp_qual, output [31:0] rsp_info, output [31:0] rsp_err_code, output [63:0] rsp_entry,
      output [63:0] rsp_data, output [7:0] rsp_current, output [7:0] rsp_error);
      assign rsp_target = 4'd0; assign rsp_self = 1'b0; assign rsp_fallback = 1'b0; assign rsp_policy = 3'd0;
      assign rsp_from = 8'd0; assign rsp_reason = 16'd0; assign rsp_qual = 64'd0; assign rsp_info = 32'd0;
      assign rsp_err_code = 32'd0; assign rsp_entry = 64'd0; assign rsp_data = 64'd0; assign rsp_current = 8'd0;
      assign rsp_error = 8'd4; assign rsp_kind = 3'd4;
      assign cmd_ready = !rsp_valid || rsp_ready;
      always @(posedge clk) begin
        if (rst) rsp_valid <= 1'b0;
        else if (cmd_valid && cmd_ready) rsp_valid <= 1'b1;
        else if (rsp_ready) rsp_valid <= 1'b0;
      end
    endmodule

    """

    /// Models shared with the other tests (one build of each RTL text).
    static let environment = ["TRAPLINE_CACHE_DIR": RepoPaths.root.appendingPathComponent("sim/build/test-cache").path]

    func files() throws -> (dir: URL, rtl: String) {
        let dir = try RepoPaths.scratchDirectory("cosim-cli")
        let rtl = dir.appendingPathComponent("reject.v")
        try Self.rejectRouter.write(to: rtl, atomically: true, encoding: .utf8)
        return (dir, rtl.path)
    }

    func cosim(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, ["cosim"] + args, environment: Self.environment)
    }

    @Test(arguments: ["verilator", "icarus"])
    func matchingTraceExitsZeroAndPrintsTheResponses(sim: String) throws {
        let (dir, rtl) = try files()
        let trace = dir.appendingPathComponent("ok.jsonl")
        try "{\"op\":6}\n{\"op\":7}\n{\"op\":6}\n".write(to: trace, atomically: true, encoding: .utf8)
        let r = try cosim([trace.path, "--rtl", rtl, "--sim", sim, "--idle", "50", "--stall", "50", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == String(repeating: "{\"kind\":\"rejected\",\"error\":4}\n", count: 3))
    }

    @Test(arguments: ["verilator", "icarus"])
    func mismatchExitsOneWithAReplayableReport(sim: String) throws {
        let (dir, rtl) = try files()
        let trace = dir.appendingPathComponent("bad.jsonl")
        try "{\"op\":6}\n{\"op\":\"vmread\",\"field\":\"0x4402\"}\n{\"op\":7}\n".write(to: trace, atomically: true, encoding: .utf8)
        let r = try cosim([trace.path, "--rtl", rtl, "--sim", sim, "--seed", "5", "--vmms", "3"])
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").count == 2, "responses up to the mismatch")
        #expect(r.stderr.contains("mismatch at command 1 (\(sim) vs reference)"))
        #expect(r.stderr.contains("expected: {\"kind\":\"vmsucceed\",\"data\":\"0x0\",\"current\":{\"vmm\":0}}"))
        #expect(r.stderr.contains("actual:   {\"kind\":\"rejected\",\"error\":4}"))
        #expect(r.stderr.contains("handshake: seed 5, idle 20%, stall 20%"))
        #expect(r.stderr.contains("--seed 5 --idle 20 --stall 20"))
        #expect(r.stderr.contains("--vmms 3"))
        let prefixLine = try #require(r.stderr.split(separator: "\n").first { $0.contains("failing prefix") })
        let path = String(prefixLine.split(separator: " ").last!)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"op\":6}\n{\"op\":\"vmread\",\"field\":\"0x4402\"}\n")
    }

    @Test func randomStimulusReportsItsSeed() throws {
        let (_, rtl) = try files()
        let r = try cosim(["--random", "50", "--seed", "77", "--rtl", rtl])
        #expect(r.status == 1)
        #expect(r.stderr.contains("stimulus seed: 77"))
    }

    @Test(arguments: [
        ([String](), "needs a trace file or --random N"),
        (["--random", "3", "--idle", "100"], "--idle 100 is out of range"),
        (["--random", "3", "--sim", "modelsim"], "--sim modelsim: unknown simulator"),
        (["/no/such/trace.jsonl"], "trace file /no/such/trace.jsonl does not exist"),
        (["--random", "3", "--rtl", "/no/such.v"], "--rtl /no/such.v: cannot read the file"),
        (["--random", "3", "--vmms", "1"], "--vmms 1 is out of range"),
        (["--random", "3", "--wave-from", "2"], "--wave-from needs --wave FILE"),
    ])
    func badInputExitsTwo(args: [String], message: String) throws {
        let r = try cosim(args)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func malformedTraceLineIsBadInputAndRunsNothing() throws {
        let (dir, rtl) = try files()
        let trace = dir.appendingPathComponent("malformed.jsonl")
        try "{\"op\":6}\n{\"op\":\"fly\"}\n".write(to: trace, atomically: true, encoding: .utf8)
        let r = try cosim([trace.path, "--rtl", rtl])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(":2:"))
    }

    // A --rtl file that does not compile is bad input (exit 2): BadRTLCLITests.
}

@Suite struct CosimInterfaceTests {
    @Test func rtlWithTheWrongInterfaceIsBadInputNamingThePorts() throws {
        let dir = try RepoPaths.scratchDirectory("cosim-iface")
        let rtl = dir.appendingPathComponent("wrong.v")
        var text = CosimCommandTests.rejectRouter
            .replacingOccurrences(of: "input [2:0] cmd_op,", with: "input [3:0] cmd_op,")
            .replacingOccurrences(of: "input [5:0] cmd_guest,", with: "")
        text = text.replacingOccurrences(of: "output [7:0] rsp_error);", with: "output [7:0] rsp_error, output extra);\n  assign extra = 1'b0;")
        try text.write(to: rtl, atomically: true, encoding: .utf8)
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["cosim", "--random", "3", "--rtl", rtl.path],
                              environment: CosimCommandTests.environment)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--rtl \(rtl.path): module trapline_router does not have the expected ports"))
        #expect(r.stderr.contains("cmd_op is 4 bits wide in the Verilog, 3 in the port list"))
        #expect(r.stderr.contains("missing input [5:0] cmd_guest"))
        #expect(r.stderr.contains("unexpected output extra"))
        #expect(r.stdout.isEmpty)
    }
}
