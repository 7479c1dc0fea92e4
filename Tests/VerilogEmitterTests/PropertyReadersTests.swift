import HDL
import Testing
import VerilogEmitter

/// A value that one clocked block and a property both read stays at module level: the
/// properties are emitted in blocks of their own, so a block-local variable would be an
/// undeclared identifier there (Yosys and Icarus declare it implicitly, Verilator refuses).
@Suite struct PropertyReadersTests {
    @Test func aValueReadByAPropertyIsNotLocalToAClockedBlock() throws {
        let t = try emitLinted { m, clk, rst, en in
            let d = m.input("d", width: 4)
            let q = m.reg("q", width: 4, clock: clk, reset: rst, resetValue: 0)
            let next = (d + 1).named("next_d")
            m.when(en) { q <== next }
            m.assert(!en || (next .!= 0) || (d .== 15), "next_d wraps only from 15", clock: clk, disableIf: rst)
            let out = m.output("y", width: 4)
            out <== q
        }
        #expect(t.contains("wire [3:0] next_d"), "\(t)")
        #expect(!t.contains("reg  [3:0] next_d;"), "\(t)")
    }
}
