import Foundation
import Testing
import TestSupport

/// Issue 14, item 7: a `--rtl` file that no simulator can take is bad input
/// (exit 2) under both simulators, named as the user gave it (never the
/// deleted copy in a build folder), with the fix. Before: exit 3 with
/// `/…/sim/build/cache/tmp/<key>/trapline_router.v:1:36: syntax error` (a
/// folder already removed), and Icarus said exit 3 where Verilator said 2 on
/// the same missing port.
@Suite struct BadRTLCLITests {
    struct Fixture: CustomStringConvertible, Sendable {
        var name: String
        /// The file's text from the committed router's.
        var make: @Sendable (String) -> String
        /// Text the message must hold (the tool's own error line is checked separately).
        var expected: [String]
        var description: String { name }
    }

    static let fixtures: [Fixture] = [
        Fixture(name: "syntax", make: { _ in "module trapline_router(input clk); this is not verilog endmodule\n" },
                expected: [":1:", "syntax error", "fix the Verilog at the lines shown"]),
        Fixture(name: "empty", make: { _ in "" }, expected: ["the file is empty; give a Verilog file whose top module is trapline_router"]),
        Fixture(name: "renamed", make: { $0.replacingOccurrences(of: "module trapline_router", with: "module my_router") },
                expected: ["the file has no module named trapline_router (it declares my_router)"]),
        Fixture(name: "missing-port", make: { $0.replacingOccurrences(of: "cmd_guest", with: "cmd_visitor") },
                expected: ["module trapline_router does not have the expected ports", "missing input [5:0] cmd_guest",
                           "unexpected input cmd_visitor (not in the port list)"]),
        Fixture(name: "wide-port", make: { $0.replacingOccurrences(of: "input  wire [2:0] cmd_op,", with: "input  wire [3:0] cmd_op,") },
                expected: ["cmd_op is 4 bits wide in the Verilog, 3 in the port list"]),
        // Icarus accepted an extra output and ran (exit 0) where Verilator refused it.
        Fixture(name: "extra-port", make: { $0.replacingOccurrences(of: "    output reg  [7:0] rsp_error\n", with: "    output reg  [7:0] rsp_error,\n    output wire extra,\n    input  wire extra_in\n") },
                expected: ["unexpected input extra_in (not in the port list)", "unexpected output extra (not in the port list)"]),
    ]

    @Test(arguments: fixtures, ["verilator", "icarus"])
    func badRTLIsBadInputNamingTheFile(fixture: Fixture, sim: String) throws {
        let dir = try RepoPaths.scratchDirectory("bad-rtl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let router = try String(contentsOf: RepoPaths.root.appendingPathComponent("rtl/trapline_router.v"), encoding: .utf8)
        let text = fixture.make(router)
        #expect(text != router, "the fixture \(fixture.name) no longer changes rtl/trapline_router.v")
        let rtl = dir.appendingPathComponent("\(fixture.name).v")
        try text.write(to: rtl, atomically: true, encoding: .utf8)
        let r = try Tools.run(try RepoPaths.traplineExecutable().path,
                              ["cosim", "--random", "3", "--rtl", rtl.path, "--sim", sim],
                              environment: CosimCommandTests.environment)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("trapline: error: --rtl \(rtl.path): "), "\(r.stderr)")
        for e in fixture.expected { #expect(r.stderr.contains(e), "\(e) not in: \(r.stderr)") }
        let others = r.stderr.replacingOccurrences(of: rtl.path, with: "RTL")
        #expect(!others.contains("/tmp/") && !others.contains("cache/tmp"), "a temporary path in the message: \(r.stderr)")
        #expect(!others.contains("router.v:"), "the work folder's copy named instead of the file: \(r.stderr)")
    }
}
