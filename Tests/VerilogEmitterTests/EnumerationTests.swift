import HDL
import Testing
import TestSupport
import VerilogEmitter

/// Enumerations: values are localparams, a switch on an enumerated register is a `case`
/// with the values' names as labels, and the state machine behaves the same in Icarus and
/// Verilator.
@Suite struct EnumerationTests {
    enum Phase: String, CaseIterable { case idle, busy, done }

    /// idle --start--> busy (counts `left` down from 2) --> done --> idle.
    static func machine() throws -> Module {
        let m = ModuleBuilder("machine")
        let clk = m.input("clk"), rst = m.input("rst"), start = m.input("start")
        let phase = m.output("phase", width: 2)
        let State = m.enumeration(Phase.self, name: "State")
        let state = m.reg("state", State, clock: clk, reset: rst, resetTo: State.idle)
        let left = m.reg("left", width: 2, clock: clk)
        m.switch(state) { s in
            s.is(State[Phase.idle]) {
                m.when(start) { state <== State.busy; left <== 2 }
            }
            s.is(State.busy) {
                left <== left - 1
                m.when(left .== 0) { state <== State.done }
            }
            s.is(State.done) { state <== State.idle }
        }
        phase <== state
        return try m.build()
    }

    @Test func statesAreNamedLocalparamsAndCaseLabels() throws {
        let text = VerilogEmitter.emit(try Self.machine())
        try Lint.check(verilog: text, top: "machine")
        let t = withoutLocationComments(text)
        #expect(t.contains("localparam [1:0] STATE_IDLE = 2'd0;"))
        #expect(t.contains("localparam [1:0] STATE_BUSY = 2'd1;"))
        #expect(t.contains("localparam [1:0] STATE_DONE = 2'd2;"))
        #expect(t.contains("case (state)\n"))
        #expect(t.contains("STATE_IDLE: begin"))
        #expect(t.contains("state <= STATE_BUSY;"))
        #expect(t.contains("state <= STATE_IDLE;\n"), "reset value by name? \(t)")
    }

    @Test func machineRunsTheSameInIcarusAndVerilator() throws {
        var cycles: [[String: UInt64]] = [["rst": 1], ["rst": 0]]
        cycles += [["start": 1], ["start": 0], [:], [:], [:], [:], [:]]
        let r = try DualSimulation.run(try Self.machine(), cycles: cycles)
        // idle, idle (start seen at this edge), busy x3 (left 2, 1, 0), done, idle
        #expect(r.rows.dropFirst().map { $0["phase"]! } == [0, 0, 1, 1, 1, 2, 0, 0])
    }
}
