import CoSim
import Foundation
import Testing
import TestSupport

/// Secondary clocks (`ModelSpec.clocks`, `tick`): a register clocked by the
/// second clock updates only on its ticks, one clocked by the main clock only
/// on steps, a two-flop synchronizer carries a bit across, `sampled` holds the
/// values before the last rising edge of whichever clock ran, and an end
/// during a tick is reported and freezes the model.
@Suite struct ClockTests {
    /// Counters on clk_a and clk_b; flag_a (clk_a) registers d_a; sync_b is a
    /// two-flop synchronizer of flag_a into clk_b; `both` is combinational
    /// across the domains; stop_b calls $finish at a clk_b edge (line 11).
    static let verilog = """
    module two_clocks(input clk_a, input clk_b, input rst, input d_a, input stop_b,
                      output reg [7:0] count_a, output reg [7:0] count_b,
                      output reg flag_a, output reg [1:0] sync_b, output both);
        always @(posedge clk_a) begin
            if (rst) begin count_a <= 8'd0; flag_a <= 1'b0; end
            else begin count_a <= count_a + 8'd1; flag_a <= d_a; end
        end
        always @(posedge clk_b) begin
            if (rst) begin count_b <= 8'd0; sync_b <= 2'b0; end
            else begin count_b <= count_b + 8'd1; sync_b <= {sync_b[0], flag_a}; end
            if (!rst && stop_b) $finish;
        end
        assign both = flag_a & sync_b[1];
    endmodule

    """

    static func spec(trace: Bool = false) throws -> ModelSpec {
        try ModelSpec.discover(verilog: verilog, top: "two_clocks", clock: "clk_a", clocks: ["clk_b"], trace: trace)
    }

    /// Both domains in reset: the main clock for two steps, clk_b for two ticks.
    func reset(_ m: VerilatedModel, _ b: ClockPort) throws {
        let rst = try m.input("rst")
        m.poke(rst, 1)
        m.step(2)
        m.tick(b, 2)
        m.poke(rst, 0)
    }

    @Test func eachRegisterMovesOnlyWithItsClock() throws {
        let spec = try Self.spec()
        #expect(spec.clock == "clk_a" && spec.clocks == ["clk_b"] && spec.reset == "rst")
        let m = try VerilatedModel(spec, cache: Fixtures.cache)
        let b = try m.clock("clk_b"), d = try m.input("d_a")
        let countA = try m.output("count_a"), countB = try m.output("count_b")
        let flag = try m.output("flag_a"), sync = try m.output("sync_b"), both = try m.output("both")
        m.poke(d, 0)
        try reset(m, b)
        #expect(m.peek(countA) == 0 && m.peek(countB) == 0 && m.peek(sync) == 0)
        var rng = TestRandom(state: 3)
        var a: UInt64 = 0, cb: UInt64 = 0, f: UInt64 = 0, s: UInt64 = 0, steps = m.cycles
        for round in 0..<600 {
            let bit = rng.next() & 1
            let n = rng.next() % 3 + 1
            m.poke(d, bit)
            if rng.next() % 2 == 0 {
                #expect(m.step(n))
                // sampled: before the main clock's last rising edge (clk_b's registers held still).
                #expect(m.sampled(countA) == (a + n - 1) & 0xFF, "round \(round)")
                #expect(m.sampled(countB) == cb, "round \(round)")
                #expect(m.sampled(flag) == (n > 1 ? bit : f), "round \(round)")
                a = (a + n) & 0xFF; f = bit; steps += n
            } else {
                #expect(m.tick(b, n))
                // sampled: before clk_b's last rising edge (clk_a's registers held still).
                #expect(m.sampled(countB) == (cb + n - 1) & 0xFF, "round \(round)")
                #expect(m.sampled(countA) == a, "round \(round)")
                var before = s
                for _ in 0..<n { before = s; s = (s << 1 | f) & 3 }
                #expect(m.sampled(sync) == before, "round \(round)")
                cb = (cb + n) & 0xFF
            }
            #expect(m.peek(countA) == a, "round \(round)")
            #expect(m.peek(countB) == cb, "round \(round)")
            #expect(m.peek(flag) == f, "round \(round)")
            #expect(m.peek(sync) == s, "round \(round)")
            #expect(m.peek(both) == f & (s >> 1), "round \(round)")
        }
        #expect(m.cycles == steps, "cycles counts main-clock cycles only")
    }

    @Test func aSynchronizerTakesTwoTicksOfItsClock() throws {
        let m = try VerilatedModel(try Self.spec(), cache: Fixtures.cache)
        let b = try m.clock("clk_b"), d = try m.input("d_a")
        let flag = try m.output("flag_a"), sync = try m.output("sync_b")
        m.poke(d, 0)
        try reset(m, b)
        let before = m.cycles
        m.poke(d, 1)
        m.step()
        #expect(m.peek(flag) == 1 && m.peek(sync) == 0b00)
        m.step(5)                                // no clk_b edge: the synchronizer holds
        #expect(m.peek(sync) == 0b00)
        m.tick(b)
        #expect(m.peek(sync) == 0b01 && m.sampled(sync) == 0b00)
        m.tick(b)
        #expect(m.peek(sync) == 0b11 && m.sampled(sync) == 0b01)
        #expect(m.cycles == before + 6, "ticks are not main-clock cycles")
    }

    @Test func aFinishDuringATickEndsTheModel() throws {
        let m = try VerilatedModel(try Self.spec(), cache: Fixtures.cache)
        let b = try m.clock("clk_b"), stop = try m.input("stop_b")
        m.poke(stop, 0)
        try reset(m, b)
        m.step(3)
        m.tick(b, 4)
        m.poke(stop, 1)
        #expect(!m.tick(b))
        let end = try #require(m.end)
        #expect(end.kind == .finish)
        #expect(end.sourceLine == 11)
        #expect(end.cycle == m.cycles + 1 && m.cycles == 5, "\(end), cycles \(m.cycles)")
        #expect(!m.step() && !m.tick(b), "a frozen model does not run again")
    }

    @Test func clockHandlesAndSpecsAreChecked() throws {
        let m = try VerilatedModel(try Self.spec(), cache: Fixtures.cache)
        do { _ = try m.input("clk_b"); Issue.record("a clock is not pokeable") } catch {
            #expect("\(error)".contains("clk_b is a secondary clock of two_clocks: tick(clock(\"clk_b\")) drives it"), "\(error)")
        }
        do { _ = try m.clock("clk_a"); Issue.record("the main clock is stepped") } catch {
            #expect("\(error)".contains("clk_a is the main clock of two_clocks: step() drives it"), "\(error)")
        }
        do { _ = try m.clock("d_a"); Issue.record("an input that is not a clock") } catch {
            #expect("\(error)".contains("d_a is not a clock of two_clocks"), "\(error)")
        }
        #expect(throws: ModelError.self) { try m.clock("nope") }
        var spec = try Self.spec()
        spec.clocks = ["clk_a"]
        #expect(throws: ModelError.badSpec("clk_a is the main clock (step drives it); list only other clocks in clocks")) { try spec.validate() }
        spec.clocks = ["count_a"]
        #expect(throws: ModelError.badSpec("secondary clock 'count_a' must be a 1-bit input in the port list")) { try spec.validate() }
        spec.clocks = ["clk_b", "clk_b"]
        #expect(throws: ModelError.badSpec("secondary clock clk_b is listed twice; list each clock once")) { try spec.validate() }
        // Without a clock named by convention, discovery says which inputs there are.
        #expect(throws: ModelError.self) { _ = try ModelSpec.discover(verilog: Self.verilog, top: "two_clocks") }
    }

    /// Each cycle of either clock is its own 10-unit slot in the VCD; the
    /// other clock keeps its level.
    @Test func ticksHaveTheirOwnTimeSlotsInAWaveform() throws {
        let path = try RepoPaths.scratchDirectory("vcd").appendingPathComponent("two.vcd").path
        do {
            let m = try VerilatedModel(try Self.spec(trace: true), cache: Fixtures.cache)
            try m.openTrace(path)
            let b = try m.clock("clk_b")
            m.step()       // 0 / 5
            m.tick(b)      // 10 / 15
            m.step()       // 20 / 25
            m.closeTrace()
        }
        let vcd = try VCDReader.parse(String(contentsOfFile: path, encoding: .utf8))
        let a = try #require(vcd.variable(named: "clk_a")).code, b = try #require(vcd.variable(named: "clk_b")).code
        let levels = [0, 5, 10, 15, 20, 25].map { t in (vcd.value(a, at: UInt64(t)) ?? "?") + (vcd.value(b, at: UInt64(t)) ?? "?") }
        #expect(levels == ["00", "10", "10", "11", "01", "11"], "clk_a clk_b at 0, 5, ..., 25: \(levels)")
    }
}
