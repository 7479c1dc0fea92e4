import CoSim
import Foundation
import Testing
import TestSupport

/// VCD output: off by default, written on request, closed cleanly by
/// `closeTrace()` and by deinit.
@Suite struct TraceTests {
    @Test func vcdContainsTheSignalsAndEdges() throws {
        let dir = try RepoPaths.scratchDirectory("vcd")
        let path = dir.appendingPathComponent("counter.vcd").path
        do {
            let m = try VerilatedModel(Fixtures.counterSpec(trace: true), cache: Fixtures.cache)
            try m.openTrace(path)
            #expect(m.isTracing)
            m.poke(try m.input("en"), 1)
            try m.reset(cycles: 1)
            m.step(4)
            m.closeTrace()
            #expect(!m.isTracing)
        }
        let vcd = try String(contentsOfFile: path, encoding: .utf8)
        for signal in ["clk", "rst", "en", "count", "next_count"] {
            #expect(vcd.contains(" \(signal) ") || vcd.contains(" \(signal) ["), "VCD lacks \(signal)")
        }
        #expect(vcd.contains("$enddefinitions"))
        // 5 cycles: falling edges at 0, 10, ..., 40 and rising edges at 5, ..., 45.
        #expect(vcd.contains("\n#45\n"))
        #expect(!vcd.contains("\n#50\n"))
        #expect(vcd.contains("b00000100 "), "count reaches 4")
    }

    @Test func deinitClosesAnOpenTrace() throws {
        let path = try RepoPaths.scratchDirectory("vcd").appendingPathComponent("c.vcd").path
        do {
            let m = try VerilatedModel(Fixtures.counterSpec(trace: true), cache: Fixtures.cache)
            try m.openTrace(path)
            m.step(3)
        }
        let vcd = try String(contentsOfFile: path, encoding: .utf8)
        #expect(vcd.contains("\n#25\n"))
    }

    @Test func traceNeedsATraceBuild() throws {
        let m = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache)
        do {
            try m.openTrace("/tmp/never.vcd")
            Issue.record("a model built without --trace cannot write a VCD")
        } catch {
            #expect("\(error)".contains("set ModelSpec.trace = true"))
        }
    }
}
