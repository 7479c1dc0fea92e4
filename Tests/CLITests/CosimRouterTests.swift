import Foundation
import Testing
import TestSupport

/// `trapline cosim` on the generated router: directed and random traces match
/// the reference at several parameter sets under random backpressure, on
/// Verilator and Icarus; a deliberately broken copy (given with --rtl) exits 1
/// and its report replays.
@Suite(.serialized) struct CosimRouterTests {
    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    static let directed = """
    {"op":"vmwrite","vmcs":0,"field":"0x6c16","data":"0x1000"}
    {"op":"vmwrite","vmcs":1,"field":"0x6c16","data":"0x2000"}
    {"op":"vmwrite","vmcs":0,"field":"0x4200","data":"0x11"}
    {"op":"vmread","vmcs":0,"field":"0x4200"}
    {"op":"vmwrite","vmcs":0,"field":"0x4202","data":"0x7"}
    {"op":"launch","guest":3}
    {"op":"event","reason":0,"vector":14,"intType":3,"errValid":1,"errCode":"0x6"}
    {"op":"event","reason":30,"qual":"0x00600008"}
    {"op":"resume"}
    {"op":"event","reason":5}
    {"op":"vmread","vmcs":1,"field":"0x4402"}
    {"op":"resume"}
    {"op":"bitmap_write","vmcs":1,"field":3,"data":"0xffffffff"}
    {"op":"vmwrite","vmcs":2,"field":"0x4000","data":"0x1"}
    {"op":"event","reason":99}
    {"op":6}
    {"op":"vmread","vmcs":9,"field":"0x4000"}

    """

    @Test(arguments: ["verilator", "icarus"])
    func directedTraceMatchesTheReference(sim: String) throws {
        let dir = try RepoPaths.scratchDirectory("cosim-router")
        let trace = dir.appendingPathComponent("directed.jsonl")
        try Self.directed.write(to: trace, atomically: true, encoding: .utf8)
        let r = try trapline(["cosim", trace.path, "--sim", sim, "--idle", "30", "--stall", "40", "--seed", "9"])
        #expect(r.status == 0, "\(r.stderr)")
        let route = try trapline(["route", trace.path])
        #expect(r.stdout == route.stdout, "the RTL's responses are the reference's")
        #expect(r.stdout.split(separator: "\n").count == 17)
    }

    @Test(arguments: [
        [String](),
        ["--vmms", "2", "--guests", "1", "--io-ranges", "0", "--platform-vmm", "0", "--static-map", "", "--no-io-bitmaps"],
        ["--vmms", "16", "--guests", "64", "--io-ranges", "16", "--platform-vmm", "15", "--static-map", "5,6,12,30"],
    ])
    func randomTracesMatchUnderBackpressure(parameters: [String]) throws {
        for (seed, idle, stall) in [(1, 0, 0), (2, 30, 50), (3, 70, 70)] {
            let r = try trapline(["cosim", "--random", "3000", "--seed", "\(seed)", "--idle", "\(idle)", "--stall", "\(stall)"] + parameters)
            #expect(r.status == 0, "seed \(seed) \(parameters): \(r.stderr)")
            #expect(r.stdout.split(separator: "\n").count == 3000)
        }
    }

    @Test func icarusRandomMatches() throws {
        let r = try trapline(["cosim", "--random", "400", "--seed", "5", "--sim", "icarus"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// The generated router, renamed and wrapped: the wrapper corrupts bit 0 of
    /// `rsp_entry` on ROUTED responses that target VMM 2.
    func brokenCopy(in dir: URL) throws -> URL {
        let gen = try trapline(["generate", "--out", dir.path])
        #expect(gen.status == 0, "\(gen.stderr)")
        var text = try String(contentsOf: dir.appendingPathComponent("trapline_router.v"), encoding: .utf8)
        text = text.replacingOccurrences(of: "module trapline_router", with: "module trapline_router_inner")
        text += """

        module trapline_router (
          input clk, input rst, input cmd_valid, input [2:0] cmd_op, input [15:0] cmd_reason, input [7:0] cmd_vector,
          input [2:0] cmd_int_type, input cmd_err_valid, input [31:0] cmd_err_code, input [63:0] cmd_qual,
          input [3:0] cmd_vmcs, input [31:0] cmd_field, input [63:0] cmd_data, input [5:0] cmd_guest, input rsp_ready,
          output cmd_ready, output rsp_valid, output [2:0] rsp_kind, output [3:0] rsp_target, output rsp_self,
          output rsp_fallback, output [2:0] rsp_policy, output [7:0] rsp_from, output [15:0] rsp_reason,
          output [63:0] rsp_qual, output [31:0] rsp_info, output [31:0] rsp_err_code, output [63:0] rsp_entry,
          output [63:0] rsp_data, output [7:0] rsp_current, output [7:0] rsp_error);
          wire [63:0] entry;
          trapline_router_inner inner (.clk(clk), .rst(rst), .cmd_valid(cmd_valid), .cmd_op(cmd_op), .cmd_reason(cmd_reason),
            .cmd_vector(cmd_vector), .cmd_int_type(cmd_int_type), .cmd_err_valid(cmd_err_valid), .cmd_err_code(cmd_err_code),
            .cmd_qual(cmd_qual), .cmd_vmcs(cmd_vmcs), .cmd_field(cmd_field), .cmd_data(cmd_data), .cmd_guest(cmd_guest),
            .rsp_ready(rsp_ready), .cmd_ready(cmd_ready), .rsp_valid(rsp_valid), .rsp_kind(rsp_kind), .rsp_target(rsp_target),
            .rsp_self(rsp_self), .rsp_fallback(rsp_fallback), .rsp_policy(rsp_policy), .rsp_from(rsp_from),
            .rsp_reason(rsp_reason), .rsp_qual(rsp_qual), .rsp_info(rsp_info), .rsp_err_code(rsp_err_code),
            .rsp_entry(entry), .rsp_data(rsp_data), .rsp_current(rsp_current), .rsp_error(rsp_error));
          assign rsp_entry = entry ^ {63'd0, rsp_kind == 3'd0 && rsp_target == 4'd2};
        endmodule

        """
        let url = dir.appendingPathComponent("broken.v")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func brokenCopyExitsOneAndTheReportReplays() throws {
        let dir = try RepoPaths.scratchDirectory("cosim-broken")
        let broken = try brokenCopy(in: dir)
        let r = try trapline(["cosim", "--random", "3000", "--seed", "4", "--rtl", broken.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("mismatch at command"))
        #expect(r.stderr.contains("differing fields: entry"))
        #expect(r.stderr.contains("stimulus seed: 4"))
        let index = try #require(r.stderr.split(separator: "\n").first { $0.contains("mismatch at command") }?
            .split(separator: " ").dropFirst(5).first.flatMap { Int($0) })
        // The replay line re-runs the failing prefix and fails at the same command.
        let replay = try #require(r.stderr.split(separator: "\n").first { $0.contains("replay: ") })
        var args = replay.components(separatedBy: "replay: ")[1].split(separator: " ").map(String.init)
        #expect(args.first == "trapline")
        args.removeFirst()
        args = args.map { $0 == "mismatch.vcd" ? dir.appendingPathComponent("mismatch.vcd").path : $0 }
        let again = try trapline(args)
        #expect(again.status == 1)
        #expect(again.stderr.contains("mismatch at command \(index) "))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("mismatch.vcd").path))
        // The same broken copy under Icarus is caught too.
        let icarus = try trapline(["cosim", "--random", "3000", "--seed", "4", "--rtl", broken.path, "--sim", "icarus"])
        #expect(icarus.status == 1)
        #expect(icarus.stderr.contains("mismatch at command \(index) (icarus vs reference)"))
    }
}
