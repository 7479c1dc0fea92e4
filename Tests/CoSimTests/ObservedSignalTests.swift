import CoSim
import Foundation
import Testing

/// Internal signals named in `ModelSpec.observed`: read like outputs
/// (`peek` after the edge, `sampled` before it), cycle by cycle against a
/// Swift model of the design; unknown paths fail with the closest signals;
/// a model that observes nothing has the shim it had before.
@Suite struct ObservedSignalTests {
    /// A leaf with a 4-bit counter, its combinational next value and a 70-bit
    /// shift register of `inc` (none of them a port), inside a top that also
    /// has a generate loop of accumulators (`gen[g].acc` adds g + 1 a cycle).
    static let verilog = """
    module obs_leaf(input clk, input rst, input inc, output odd);
        reg [3:0] count;
        reg [69:0] history;
        wire [3:0] next = count + {3'd0, inc};
        always @(posedge clk) begin
            if (rst) begin count <= 4'd0; history <= 70'd0; end
            else begin count <= next; history <= {history[68:0], inc}; end
        end
        assign odd = count[0];
    endmodule
    module obs_top(input clk, input rst, input inc, output odd);
        obs_leaf u_leaf(.clk(clk), .rst(rst), .inc(inc), .odd(odd));
        genvar g;
        generate for (g = 0; g < 2; g = g + 1) begin : gen
            localparam [7:0] STEP = g + 1;
            reg [7:0] acc;
            always @(posedge clk) acc <= rst ? 8'd0 : acc + STEP;
        end endgenerate
    endmodule

    """

    static let paths = ["u_leaf.count", "u_leaf.next", "u_leaf.history", "gen[1].acc"]

    @Test func peekAndSampledFollowTheDesignCycleByCycle() throws {
        let spec = try ModelSpec.discover(verilog: Self.verilog, top: "obs_top", observe: Self.paths)
        #expect(spec.observed == [ObservedSignal(path: "u_leaf.count", width: 4), ObservedSignal(path: "u_leaf.next", width: 4),
                                  ObservedSignal(path: "u_leaf.history", width: 70), ObservedSignal(path: "gen[1].acc", width: 8)])
        let m = try VerilatedModel(spec, cache: Fixtures.cache)
        let inc = try m.input("inc"), odd = try m.output("odd")
        let count = try m.observed("u_leaf.count"), next = try m.observed("u_leaf.next")
        let history = try m.observed("u_leaf.history"), acc = try m.observed("gen[1].acc")
        #expect(count.width == 4 && history.width == 70)
        m.poke(inc, 0)
        try m.reset(cycles: 2)
        #expect(m.peek(count) == 0 && m.peek(acc) == 0 && m.peekWords(history) == [0, 0, 0])
        var rng = TestRandom(state: 11)
        var model: (count: UInt64, history: [UInt32], acc: UInt64) = (0, [0, 0, 0], 0)
        for cycle in 0..<400 {
            let i = rng.next() & 1
            m.poke(inc, i)
            // Before the edge: the combinational next value follows the poked input at once.
            #expect(m.peek(next) == (model.count + i) & 0xF, "cycle \(cycle)")
            m.step()
            #expect(m.sampled(count) == model.count, "cycle \(cycle)")
            #expect(m.sampled(next) == (model.count + i) & 0xF, "cycle \(cycle)")
            #expect(m.sampledWords(history) == model.history, "cycle \(cycle)")
            #expect(m.sampled(acc) == model.acc, "cycle \(cycle)")
            model.count = (model.count + i) & 0xF
            model.history = shiftIn(model.history, bit: UInt32(i))
            model.acc = (model.acc + 2) & 0xFF
            #expect(m.peek(count) == model.count, "cycle \(cycle)")
            #expect(m.peek(odd) == model.count & 1, "cycle \(cycle)")
            #expect(m.peek(next) == (model.count + i) & 0xF, "cycle \(cycle)")
            #expect(m.peekWords(history) == model.history, "cycle \(cycle)")
            #expect(m.peek(history) == UInt64(model.history[1]) << 32 | UInt64(model.history[0]), "cycle \(cycle)")
            #expect(m.peek(acc) == model.acc, "cycle \(cycle)")
        }
        // The shim reads exactly these four root members (VerilatorNames' rule, checked on the header).
        let shim = try String(contentsOf: m.entry.directory.appendingPathComponent("obj/tl_shim.cpp"), encoding: .utf8)
        for member in ["obs_top__DOT__u_leaf__DOT__count", "obs_top__DOT__u_leaf__DOT__next",
                       "obs_top__DOT__u_leaf__DOT__history[2]", "obs_top__DOT__gen__BRA__1__KET____DOT__acc"] {
            #expect(shim.contains("t->rootp->\(member)"), "\(member)")
        }
        do { _ = try m.observed("u_leaf.cnt"); Issue.record("not observed") } catch {
            #expect("\(error)".contains("obs_top has no signal 'u_leaf.cnt' to observe: it is not in the spec's observed list"), "\(error)")
        }
    }

    /// 70 bits as three 32-bit words, shifted left by one with `bit` in at the bottom.
    private func shiftIn(_ words: [UInt32], bit: UInt32) -> [UInt32] {
        let w0 = words[0] << 1 | bit
        let w1 = words[1] << 1 | words[0] >> 31
        let w2 = (words[2] << 1 | words[1] >> 31) & 0x3F
        return [w0, w1, w2]
    }

    @Test func unknownPathListsTheClosestSignals() throws {
        var spec = try ModelSpec.discover(verilog: Self.verilog, top: "obs_top")
        do {
            try spec.observe(["u_leaf.cont"])
            Issue.record("an unknown path must be refused")
        } catch let error as ModelError {
            guard case let .unknownSignal(path, top, reason, candidates) = error else { Issue.record("\(error)"); return }
            #expect(path == "u_leaf.cont" && top == "obs_top" && reason == "the design has no such signal")
            #expect(candidates.first == "u_leaf.count", "\(candidates)")
            #expect("\(error)".contains("closest signals: u_leaf.count"), "\(error)")
        }
        // A hand-written spec with a wrong path fails the build before any C++ is compiled.
        spec.observed = [ObservedSignal(path: "u_lef.count", width: 4)]
        do {
            _ = try Fixtures.cache.entry(for: spec)
            Issue.record("an unknown path must fail the build")
        } catch let error as ModelError {
            guard case let .unknownSignal(_, _, _, candidates) = error else { Issue.record("\(error)"); return }
            #expect(candidates.first == "u_leaf.count", "\(candidates)")
        }
        // A wrong width and a top-level port are refused with what to do.
        spec.observed = [ObservedSignal(path: "u_leaf.count", width: 5)]
        #expect(throws: ModelError.badSpec("observed signal u_leaf.count is 4 bits wide in obs_top, 5 in the spec")) {
            _ = try Fixtures.cache.entry(for: spec)
        }
        spec.observed = [ObservedSignal(path: "odd", width: 1)]
        #expect(throws: ModelError.badSpec("odd is a port of obs_top, not an internal signal: read it with output(\"odd\")")) {
            _ = try Fixtures.cache.entry(for: spec)
        }
        spec.observed = [ObservedSignal(path: "u_leaf..count", width: 4)]
        #expect(throws: ModelError.self) { _ = try Fixtures.cache.entry(for: spec) }
    }

    /// A genvar is a variable in the netlist but has no storage in the model:
    /// the check of the generated header says so, not the C++ compiler. A
    /// variable local to a named block is kept and observed like any other.
    @Test func aVariableVerilatorDoesNotStoreIsAModelError() throws {
        let spec = try ModelSpec.discover(verilog: Self.verilog + Fixtures.nonce(), top: "obs_top", observe: ["g"])
        #expect(spec.observed == [ObservedSignal(path: "g", width: 32)])
        do {
            _ = try VerilatedModel(spec, cache: Fixtures.cache)
            Issue.record("Verilator stores no member for a genvar")
        } catch let error as ModelError {
            guard case let .unknownSignal(path, _, reason, candidates) = error else { Issue.record("\(error)"); return }
            #expect(path == "g")
            #expect(reason.contains("Verilator stores no variable for it"), "\(reason)")
            #expect(candidates.contains("u_leaf.count"), "\(candidates)")
        }
        let local = """
        module blk_top(input clk, input [2:0] d, output reg q);
            always @(posedge clk) begin : blk
                reg [2:0] loc;
                loc = d ^ 3'b101;
                q <= ^loc;
            end
        endmodule

        """
        let m = try VerilatedModel(ModelSpec.discover(verilog: local, top: "blk_top", observe: ["blk.loc"]), cache: Fixtures.cache)
        let d = try m.input("d"), loc = try m.observed("blk.loc")
        for v: UInt64 in [0, 3, 6, 7] {
            m.poke(d, v)
            m.step()
            #expect(m.peek(loc) == v ^ 5)
        }
    }

    /// Observing nothing leaves the shim as it was: no root header, no extra copy.
    @Test func aModelWithoutObservedSignalsIsUnchanged() throws {
        let m = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache)
        let shim = try String(contentsOf: m.entry.directory.appendingPathComponent("obj/tl_shim.cpp"), encoding: .utf8)
        #expect(!shim.contains("rootp->counter__DOT__"))
        #expect(!shim.contains("___024root.h"))
        #expect(!FileManager.default.fileExists(atPath: m.entry.directory.appendingPathComponent("observed.vlt").path))
        var observing = Fixtures.counterSpec()
        observing.observed = []
        #expect(try Fixtures.cache.key(for: observing) == m.entry.key)
    }
}
