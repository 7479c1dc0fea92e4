import CoSim
import Foundation
import Testing
import TestSupport

/// `VerilogLint` with the real tools: every tool runs, whatever the others
/// said, and each finding has the place the tool named.
@Suite struct VerilogLintTests {
    /// `text` written to a fresh folder as `<name>.v`, linted for top `top` (default `name`).
    func lint(_ name: String, _ text: String, top: String? = nil, tools: Set<LintTool> = Set(LintTool.allCases)) throws -> LintReport {
        let dir = try RepoPaths.scratchDirectory("verilog-lint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).v")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try VerilogLint.run(file: file, top: top ?? name, tools: tools)
    }

    @Test func cleanFileHasNoFindings() throws {
        let report = try lint("clean", "module clean (input wire a, output wire y);\n    assign y = ~a;\nendmodule\n")
        #expect(report.isClean, "\(report)")
        #expect(report.runs.map(\.tool) == [.verilator, .iverilog, .yosys])
        #expect(report.runs.allSatisfy { $0.status == 0 })
        #expect(report.summary == "clean (verilator, iverilog, yosys)")
    }

    @Test func widthMismatchIsAVerilatorWidthWarningOnItsLine() throws {
        let report = try lint("width", "module width (input wire [3:0] a, output wire [1:0] y);\n    assign y = a;\nendmodule\n")
        #expect(!report.isClean)
        // Verilator 5.008 and later say WIDTHTRUNC where 5.006 says WIDTH.
        let width = try #require(report.findings.first { $0.tool == .verilator && $0.code?.hasPrefix("WIDTH") == true }, "\(report)")
        #expect(width.severity == .warning)
        #expect(width.file == report.file.path && width.line == 2 && width.column != nil)
        #expect(report.description.contains("\(report.file.path):2:\(width.column!): warning: [verilator \(width.code!)]"))
    }

    @Test func syntaxErrorIsReportedByEveryTool() throws {
        let report = try lint("syntax", "module syntax (input wire a, output wire y);\n    assign y = a\nendmodule\n")
        #expect(report.runs.allSatisfy { $0.status != 0 })
        for tool in LintTool.allCases {
            let found = report.findings.filter { $0.tool == tool }
            #expect(found.contains { $0.severity == .error && $0.line == 3 && $0.file == report.file.path }, "\(tool): \(found)")
        }
    }

    @Test func missingTopIsAnErrorFromEveryTool() throws {
        let report = try lint("clean", "module clean (input wire a, output wire y);\n    assign y = a;\nendmodule\n", top: "nosuch")
        for tool in LintTool.allCases {
            #expect(report.findings.contains { $0.tool == tool && $0.severity == .error && $0.message.contains("nosuch") }, "\(report)")
        }
    }

    /// Yosys's note that it builds a register array from registers (mem2reg) is
    /// waived (`VerilogLint.yosysWaivers`): it says how, not what is wrong.
    @Test func registerArrayWithAResetLoopIsClean() throws {
        let text = """
        module regs (input wire clk, input wire rst, input wire en, input wire [3:0] d, output wire [3:0] y);
            reg [3:0] slot [0:3];
            integer i;
            always @(posedge clk) begin
                if (rst) begin
                    for (i = 0; i < 4; i = i + 1) slot[i] <= 4'd0;
                end else begin
                    if (en) slot[1] <= d;
                    slot[3] <= slot[1] + slot[0];
                end
            end
            assign y = slot[3];
        endmodule

        """
        let report = try lint("regs", text)
        #expect(report.isClean, "\(report)")
        #expect(report.runs.last?.command.contains("-w") == true, "the waiver is on the command line")
    }

    @Test func onlyTheToolsAskedForRun() throws {
        let report = try lint("width", "module width (input wire [3:0] a, output wire [1:0] y);\n    assign y = a;\nendmodule\n",
                              tools: [.yosys, .iverilog])
        #expect(report.runs.map(\.tool) == [.iverilog, .yosys])
        #expect(report.isClean, "Icarus and Yosys accept the truncation: \(report)")
        #expect(report.output(of: .verilator) == nil)
    }

    @Test func badTopNameAndMissingFileAreBadInput() throws {
        let dir = try RepoPaths.scratchDirectory("verilog-lint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("t.v")
        try "module t; endmodule\n".write(to: file, atomically: true, encoding: .utf8)
        for (top, url, words) in [("a; write_verilog x", file, "is not a Verilog identifier"),
                                  ("t", dir.appendingPathComponent("none.v"), "none.v: there is no such file"),
                                  ("t", dir, "is a folder")] {
            do {
                _ = try VerilogLint.run(file: url, top: top)
                Issue.record("\(top) \(url.path) was accepted")
            } catch {
                guard case .badInput(let message) = error else { Issue.record("\(error)"); continue }
                #expect(message.contains(words), "\(message)")
            }
        }
    }
}
