@testable import CoSim
import Foundation
import Testing

/// The three tools' diagnostics read into findings, on output recorded from the
/// real tools (Verilator 5.006, Icarus Verilog 11, Yosys 0.23).
@Suite struct LintParsingTests {
    @Test func verilatorWarningsWithTheirContinuationLines() {
        let output = """
        %Warning-WIDTH: width.v:2:14: Operator ASSIGNW expects 2 bits on the Assign RHS, but Assign RHS's VARREF 'a' generates 4 bits.
                                    : ... In instance width
            2 |     assign y = a;
              |              ^
                        ... For warning description see https://verilator.org/warn/WIDTH?v=5.006
                        ... Use "/* verilator lint_off WIDTH */" and lint_on around source to disable this message.
        %Warning-UNOPTFLAT: loop.v:2:10: Signal unoptimizable: Circular combinational logic: 'loop.x'
            2 |     wire x;
              |          ^
                            loop.v:2:10:      Example path: loop.x
                            loop.v:3:14:      Example path: ASSIGNW
        %Error: Exiting due to 2 warning(s)

        """
        let f = LintFinding.parse(output, tool: .verilator)
        #expect(f.count == 2, "the 'Exiting due to' line counts, it is no finding: \(f)")
        #expect(f[0] == LintFinding(tool: .verilator, severity: .warning, code: "WIDTH", file: "width.v", line: 2, column: 14,
                                    message: "Operator ASSIGNW expects 2 bits on the Assign RHS, but Assign RHS's VARREF 'a' generates 4 bits.",
                                    notes: Array(output.split(separator: "\n").map(String.init)[1...5])))
        #expect(f[1].code == "UNOPTFLAT" && f[1].line == 2 && f[1].notes.count == 4)
        #expect(f[1].notes.last == "                    loop.v:3:14:      Example path: ASSIGNW")
    }

    @Test func verilatorErrorsWithAndWithoutAPlace() {
        let output = """
        %Error: syntax.v:3:1: syntax error, unexpected endmodule, expecting ',' or ';'
            3 | endmodule
              | ^~~~~~~~~
        %Error: Cannot continue
        %Error-PINNOTFOUND: top.v:4:12: Pin not found: 'b'
        %Error: Specified --top-module 'nosuch' was not found in design.
        %Error: Exiting due to 3 error(s)
        """
        let f = LintFinding.parse(output, tool: .verilator)
        #expect(f.map(\.severity) == [.error, .error, .error])
        #expect(f[0].file == "syntax.v" && f[0].line == 3 && f[0].column == 1 && f[0].code == nil && f[0].notes.count == 2)
        #expect(f[1].code == "PINNOTFOUND" && f[1].file == "top.v" && f[1].line == 4 && f[1].message == "Pin not found: 'b'")
        #expect(f[2] == LintFinding(tool: .verilator, severity: .error, message: "Specified --top-module 'nosuch' was not found in design."))
    }

    @Test func icarusDiagnostics() {
        let output = """
        ports.v:6: warning: implicit definition of wire 'z'.
        ports.v:5: warning: Port 1 (a) of leaf expects 4 bits, got 2.
        ports.v:5:        : Padding 2 high bits of the port.
        dup.v:2: error: 'a' has already been declared in this scope.
        dup.v:1:      : It was declared here as a net.
        syntax.v:3: syntax error
        I give up.
        nofile.v: No such file or directory
        error: Unable to find the root module "nosuch" in the Verilog source.
             : Perhaps ``-s nosuch'' is incorrect?
        2 error(s) during elaboration.
        """
        let f = LintFinding.parse(output, tool: .iverilog)
        #expect(f.count == 6, "\(f)")
        #expect(f[0] == LintFinding(tool: .iverilog, severity: .warning, file: "ports.v", line: 6, message: "implicit definition of wire 'z'."))
        #expect(f[1].notes == ["ports.v:5:        : Padding 2 high bits of the port."])
        #expect(f[2].severity == .error && f[2].line == 2 && f[2].notes.count == 1)
        #expect(f[3] == LintFinding(tool: .iverilog, severity: .error, file: "syntax.v", line: 3, message: "syntax error"))
        #expect(f[4] == LintFinding(tool: .iverilog, severity: .error, file: "nofile.v", message: "No such file or directory"))
        #expect(f[5].file == nil && f[5].message.hasPrefix("Unable to find the root module") && f[5].notes.count == 1)
    }

    @Test func yosysDiagnostics() {
        let output = """
        ports.v:6: Warning: Identifier `\\z' is implicitly declared.
        Warning: multiple conflicting drivers for multi.\\b:
            module input b[0]
            module input a[0]
        syntax.v:3: ERROR: syntax error, unexpected TOK_ENDMODULE
        ERROR: Found 1 problems in 'check -assert'.
        Warning: Replacing memory \\slot with list of registers. See t.v:20
        """
        let f = LintFinding.parse(output, tool: .yosys)
        #expect(f.count == 5)
        #expect(f[0] == LintFinding(tool: .yosys, severity: .warning, file: "ports.v", line: 6, message: "Identifier `\\z' is implicitly declared."))
        #expect(f[1].file == nil && f[1].notes == ["    module input b[0]", "    module input a[0]"])
        #expect(f[2] == LintFinding(tool: .yosys, severity: .error, file: "syntax.v", line: 3, message: "syntax error, unexpected TOK_ENDMODULE"))
        #expect(f[3].severity == .error && f[3].message == "Found 1 problems in 'check -assert'.")
        #expect(f[4].file == "t.v" && f[4].line == 20 && f[4].message.hasPrefix("Replacing memory \\slot"))
    }

    /// A failure is never dropped: a non-zero exit without a readable diagnostic
    /// is one error finding holding the raw output.
    @Test func failureWithoutDiagnosticKeepsTheRawOutput() {
        let failed = ProcessResult(status: 139, stdout: "", stderr: "Segmentation fault\n  somewhere deep\n")
        let run = VerilogLint.toolRun(.yosys, command: ["yosys"], result: failed)
        #expect(run.findings == [LintFinding(tool: .yosys, severity: .error,
                                             message: "exited with status 139 and printed no diagnostic Trapline could read (its output follows)",
                                             notes: ["Segmentation fault", "  somewhere deep"])])
        let silent = VerilogLint.toolRun(.iverilog, command: ["iverilog"], result: ProcessResult(status: 1, stdout: "", stderr: ""))
        #expect(silent.findings.map(\.message) == ["exited with status 1 and printed nothing"])
        let fine = VerilogLint.toolRun(.iverilog, command: ["iverilog"], result: ProcessResult(status: 0, stdout: "", stderr: "chatter\n"))
        #expect(fine.findings.isEmpty)
    }

    @Test func renderedAsCompilerDiagnostics() throws {
        let width = LintFinding(tool: .verilator, severity: .warning, code: "WIDTH", file: "f.v", line: 3, column: 5,
                                message: "too wide", notes: ["  note"])
        #expect(width.description == "f.v:3:5: warning: [verilator WIDTH] too wide")
        #expect(width.rendered == "f.v:3:5: warning: [verilator WIDTH] too wide\n  note")
        #expect(LintFinding(tool: .iverilog, severity: .error, file: "f.v", line: 3, message: "syntax error").description
                == "f.v:3: error: [iverilog] syntax error")
        #expect(LintFinding(tool: .yosys, severity: .error, message: "Module `x' not found!").description
                == "error: [yosys] Module `x' not found!")
        let decoded = try JSONDecoder().decode(LintFinding.self, from: JSONEncoder().encode(width))
        #expect(decoded == width)
        #expect(LintFinding.tally([width, width]) == "2 warnings (verilator 2)")
    }
}
