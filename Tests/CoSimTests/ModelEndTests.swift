import CoSim
import Testing

/// A model whose RTL calls `$finish` / `$stop`, or that Verilator stops with a
/// fatal error, ends its simulation, not the test process: `step` returns
/// false, `end` says what, where and when, and the instance stays frozen.
/// (Before the shim caught them, `$finish` ended the process with exit 0 at
/// its second call and a fatal error aborted it.)
@Suite struct ModelEndTests {
    /// Counts after reset; calls `CALL` in the cycle where count is 3 (line 5).
    static func ender(_ call: String) -> ModelSpec {
        ModelSpec(verilog: """
            module ender(input clk, input rst, output reg [7:0] count);
                always @(posedge clk) begin
                    if (rst) count <= 8'd0;
                    else count <= count + 8'd1;
                    if (!rst && count == 8'd3) \(call);
                end
            endmodule

            """, top: "ender", ports: [.input("clk"), .input("rst"), .output("count", 8)], reset: "rst")
    }

    @Test(arguments: [("$finish", ModelEnd.Kind.finish), ("$stop", .stop), ("$fatal(1, \"count %d\", count)", .stop)])
    func anEndingCallFreezesTheModelAndSaysWhere(call: String, kind: ModelEnd.Kind) throws {
        let m = try VerilatedModel(Self.ender(call), cache: Fixtures.cache)
        let count = try m.output("count")
        try m.reset(cycles: 2)
        #expect(m.step(3))                     // cycles 3-5: count 0 -> 3
        #expect(m.end == nil)
        #expect(!m.step(10))                   // cycle 6 sees count == 3
        let end = try #require(m.end)
        #expect(end.kind == kind)              // Verilator implements $fatal as a message and $stop
        #expect(end.cycle == 6)
        #expect(end.sourceLine == 5)
        #expect(end.file.hasSuffix("ender.v"))
        #expect(m.cycles == 5, "only the cycles that completed")
        #expect(!m.step(), "a frozen model does not run again")
        #expect(m.cycles == 5)
        #expect(m.end == end)
        _ = m.peek(count)                      // the ports as the end left them, no evaluation
        #expect(end.description == "the RTL called \(end.cause) at cycle 6 (line 5)")
    }

    @Test func aFinishInAnInitialBlockEndsTheModelAtCycleZero() throws {
        let spec = ModelSpec(verilog: "module early(input clk, output reg q);\n    initial $finish;\n    always @(posedge clk) q <= ~q;\nendmodule\n",
                             top: "early", ports: [.input("clk"), .output("q")])
        let m = try VerilatedModel(spec, cache: Fixtures.cache)
        #expect(m.end?.kind == .finish)
        #expect(m.end?.cycle == 0)
        #expect(m.end?.sourceLine == 2)
        #expect(!m.step())
        #expect(m.cycles == 0)
    }

    /// vl_fatal from Verilator's own code (not a call in the RTL): a
    /// combinational loop that never settles. It used to abort the process.
    @Test func aRegionThatDoesNotConvergeIsAFatalEndNotAnAbort() throws {
        let spec = ModelSpec(verilog: "module osc(input clk, input en, output x);\n    wire y;\n    assign y = en ? ~x : 1'b0;\n    assign x = y;\nendmodule\n",
                             top: "osc", ports: [.input("clk"), .input("en"), .output("x")])
        let m = try VerilatedModel(spec, cache: Fixtures.cache)
        #expect(m.step(2))
        m.poke(try m.input("en"), 1)
        #expect(!m.step())
        let end = try #require(m.end)
        #expect(end.kind == .fatal)
        #expect(end.message.contains("did not converge"), "\(end.message)")
        #expect(end.cause.hasPrefix("a fatal error ("))
        #expect(!m.step())
    }
}
