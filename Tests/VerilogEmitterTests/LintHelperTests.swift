import Testing
import TestSupport

/// The lint helper really fails: each tool's complaint reaches the caller.
@Suite struct LintHelperTests {
    func failure(_ verilog: String) -> String? {
        do {
            try Lint.check(verilog: verilog, top: "bad")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func verilatorWarningsFail() {
        let message = failure("module bad (input wire [3:0] a, output wire y);\n    assign y = a[0];\nendmodule\n")
        #expect(message?.contains("verilator") == true)
        #expect(message?.contains("UNUSEDSIGNAL") == true, "\(message ?? "passed")")
    }

    @Test func icarusWarningsFail() {
        // Clean for Verilator (waived) but Icarus warns about @* and arrays.
        let text = """
        module bad (input wire [1:0] a, output reg [3:0] y);
            reg [3:0] mem [0:3];
            integer i;
            initial for (i = 0; i < 4; i = i + 1) mem[i] = 4'd0;
            always @* begin
                y = mem[a];
            end
        endmodule

        """
        let message = failure(text)
        #expect(message?.contains("iverilog") == true, "\(message ?? "passed")")
    }

    @Test func missingSubModuleFailsNamingIt() {
        // Every tool runs, whatever the others said, and each one's complaint is in the message.
        let message = failure("module bad (input wire a, output wire y);\n    missing u (.a(a), .y(y));\nendmodule\n")
        #expect(message?.contains("failed") == true)
        #expect(message?.contains("missing") == true, "\(message ?? "passed")")
        for tag in ["[verilator]", "[iverilog]", "[yosys]"] {
            #expect(message?.contains(tag) == true, "\(tag): \(message ?? "passed")")
        }
    }
}
