import CoSim
import Foundation
import HDL
import Lockstep
import Testing
import TestSupport

/// Bad input to the lockstep layer: each error names both sides and the fix.
@Suite struct LockstepInputTests {
    @Test func moduleGivesPortsClockAndReset() throws {
        let spec = try ModelSpec(module: Examples.fifo())
        #expect(spec.top == "fifo" && spec.clock == "clk" && spec.reset == "rst" && spec.resetActiveHigh)
        #expect(spec.ports.map(\.description) == ["input [0:0] clk", "input [0:0] rst", "input [0:0] in_valid", "input [7:0] in_data",
                                                   "output [0:0] in_ready", "output [0:0] out_valid", "output [7:0] out_data",
                                                   "input [0:0] out_ready", "output [2:0] count"])
        let ports = try Ports(spec: spec)
        #expect(ports.inputs.map(\.name) == ["in_valid", "in_data", "out_ready"])
    }

    @Test func activeLowResetIsFound() throws {
        let m = ModuleBuilder("low")
        let clk = m.input("clk"), rstN = m.input("rst_n"), q = m.output("q", width: 4)
        let r = m.reg("r", width: 4, clock: clk, reset: rstN, resetKind: .asyncLow, resetValue: 0)
        r <== r + 1
        q <== r
        let spec = try ModelSpec(module: try m.build())
        #expect(spec.reset == "rst_n" && !spec.resetActiveHigh)
    }

    @Test func secondClockIsFoundAndLockstepRefusesIt() throws {
        let m = ModuleBuilder("two_clocks")
        let a = m.input("clk_a"), b = m.input("clk_b"), qa = m.output("qa", width: 4), qb = m.output("qb", width: 4)
        let ra = m.reg("ra", width: 4, clock: a), rb = m.reg("rb", width: 4, clock: b)
        ra <== ra + 1; rb <== rb + 1
        qa <== ra; qb <== rb
        let spec = try ModelSpec(module: try m.build())
        #expect(spec.clock == "clk_a" && spec.clocks == ["clk_b"])
        #expect(throws: LockstepError.badDesign("two_clocks has more than one clock (clk_a, clk_b); the lockstep layer runs one clock: drive a multi-clock design with VerilatedModel.tick(_:) (docs/cosim.md)")) {
            try Ports(spec: spec)
        }
    }

    @Test func moduleWithoutClockIsRefused() throws {
        let m = ModuleBuilder("comb")
        let a = m.input("a", width: 4), y = m.output("y", width: 4)
        y <== a + 1
        #expect(throws: LockstepError.badDesign("module comb has no clock: no input clocks a register or a memory (inputs: a); the lockstep layer runs clocked designs: give it a clocked module, or name the clock with ModelSpec(module:clock:)")) {
            try ModelSpec(module: try m.build())
        }
    }

    @Test func unknownPortAndWidthMismatchNameBothSides() throws {
        let ports = try Ports(spec: ModelSpec(module: Examples.fifo()))
        #expect(throws: LockstepError.unknownPort(asker: "the reference model", name: "in_vald", direction: .input, design: "fifo",
                                                  known: ["in_valid", "in_data", "out_ready"])) { try ports.input("in_vald") }
        let e = LockstepError.widthMismatch(asker: "the reference model", name: "in_data", expected: 16, design: "fifo", declared: 8)
        #expect(throws: e) { try ports.input("in_data", width: 16) }
        #expect(e.description == "the reference model expects in_data to be 16 bits wide, but design fifo declares it 8 bits wide; make the two agree")
        #expect(LockstepError.unknownPort(asker: "the reference model", name: "out_dat", direction: .output, design: "fifo", known: ["a", "b"]).description
                == "the reference model asks for output 'out_dat', but design fifo has no such output; its outputs are: a, b")
    }

    @Test func malformedTracesNameFileAndLine() throws {
        let head = "\(StimulusTrace.magic)\ndesign fifo\nseed 1\nrun 0\ninit-seed 9\nreset-cycles 2\ninputs in_valid:1 in_data:8 out_ready:1\n"
        let ok = try StimulusTrace.parse(head + "1 3f 0\n0 0 1\n", file: "t.trace")
        #expect(ok.rows == [InputRow([1, 0x3f, 0]), InputRow([0, 0, 1])])
        #expect(try StimulusTrace.parse(ok.text, file: "t.trace") == ok)
        func error(_ text: String) -> String {
            do { _ = try StimulusTrace.parse(text, file: "t.trace"); return "parsed" } catch { return error.description }
        }
        #expect(error(head + "1 3f\n") == "t.trace:8: 2 values for 3 inputs (in_valid in_data out_ready)")
        #expect(error(head + "1 zz 0\n") == "t.trace:8: 'zz' is not a hexadecimal value (input in_data)")
        #expect(error(head + "2 0 0\n") == "t.trace:8: value 2 does not fit input in_valid (1 bits)")
        #expect(error("hello\n") == "t.trace:1: not a lockstep trace: the first line must be '\(StimulusTrace.magic)'")
        #expect(error(head.replacingOccurrences(of: "seed 1\n", with: "")) == "t.trace: the header has no 'seed' line")
        let ports = try Ports(spec: ModelSpec(module: Examples.fifo(width: 16)))
        #expect(throws: LockstepError.badTrace(file: "t.trace", line: 0, message: "the trace's inputs (in_valid:1 in_data:8 out_ready:1) are not fifo's (in_valid:1 in_data:16 out_ready:1)")) {
            try ok.check(against: ports, file: "t.trace")
        }
    }

    @Test func optionsAreRangeChecked() {
        var o = LockstepOptions()
        o.runs = 0
        #expect(throws: LockstepError.badArgument("--runs 0 is outside 1...100000000")) { try o.validate() }
        o.runs = 2; o.icarusRuns = 3
        #expect(throws: LockstepError.badArgument("--icarus-runs 3 is outside 0...2 (the runs)")) { try o.validate() }
    }
}
