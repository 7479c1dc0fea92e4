import Foundation
import Testing
import TestSupport

/// `trapline equiv` refusing bad input (exit 2) and a missing tool (exit 3).
@Suite struct EquivCLITests {
    static func trapline(_ args: [String], environment: [String: String]? = nil) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: environment)
    }

    @Test(arguments: [
        (["--shard", "3/2"], "--shard '3/2': the shard number I must be 1...2"),
        (["--shard", "x"], "--shard 'x' is not of the form I/N"),
        (["--budget=-1"], "--budget -1.0: give the campaign time in seconds, from 0 to 10000000"),
        (["--rtl", "/nonexistent/router.v"], "--rtl /nonexistent/router.v: cannot read the file"),
        (["--junit", "/nonexistent/dir/j.xml"], "--junit /nonexistent/dir/j.xml: the folder /nonexistent/dir does not exist"),
        (["--vmms", "1"], "--vmms 1 is out of range: it must be 2...16"),
    ])
    func badInputIsExit2(_ args: [String], _ message: String) throws {
        let r = try EquivCLITests.trapline(["equiv"] + args)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func aMissingSimulatorIsExit3() throws {
        let dir = try RepoPaths.scratchDirectory("equiv-tool")
        let rtl = dir.appendingPathComponent("r.v")
        try "module trapline_router; endmodule\n".write(to: rtl, atomically: true, encoding: .utf8)
        let r = try EquivCLITests.trapline(["equiv", "--rtl", rtl.path], environment: ["TRAPLINE_VERILATOR": "/nonexistent/verilator"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("verilator is required but missing"), "stderr: \(r.stderr)")
    }

    /// A file without the SPEC 9 ports is the user's input, not a tool failure:
    /// exit 2, as `trapline cosim` says for the same file.
    @Test func anRTLWithTheWrongPortsIsExit2() throws {
        let dir = try RepoPaths.scratchDirectory("equiv-ports")
        let rtl = dir.appendingPathComponent("r.v")
        try "module trapline_router(input wire clk); endmodule\n".write(to: rtl, atomically: true, encoding: .utf8)
        let r = try EquivCLITests.trapline(["equiv", "--rtl", rtl.path, "--budget", "1", "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("--rtl \(rtl.path): module trapline_router does not have the expected ports: missing input [0:0] rst"))
        #expect(r.stderr.contains("give a Verilog file with the trapline_router interface of SPEC section 9"))
    }
}
