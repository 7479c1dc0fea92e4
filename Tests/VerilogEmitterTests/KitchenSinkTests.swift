import HDL
import Testing
import TestSupport
import VerilogEmitter

/// One module using every DSL feature at once, linted by all three tools.
@Suite struct KitchenSinkTests {
    static func child() throws -> Module {
        let c = ModuleBuilder("adder_child")
        let a = c.input("a", width: 4)
        let b = c.input("b", width: 4)
        let y = c.output("y", width: 4)
        let carry = c.output("carry")
        let sum = c.wire("sum", width: 5)
        sum <== a.addingWithCarry(b)
        y <== sum[3, 0]
        carry <== sum[4]
        return try c.build()
    }

    static func design() throws -> Module {
        let m = ModuleBuilder("kitchen_sink")
        let clk = m.input("clk")
        let rst = m.input("rst")
        let en = m.input("en")
        let sel = m.input("sel", width: 2)
        let a = m.input("a", width: 8)
        let b = m.input("b", width: 8)
        let idx = m.input("idx", width: 3)
        let addr = m.input("addr", width: 4)
        let wide = m.input("wide", width: 16)
        let out = m.output("out", width: 8)
        let flags = m.output("flags", width: 8)
        let memOut = m.output("memOut", width: 8)
        let arrOut = m.output("arrOut", width: 8)
        let childY = m.output("childY", width: 4)
        let acc = m.reg("acc", width: 8, clock: clk, reset: rst, resetValue: 5)
        let gated = m.reg("gated", width: 8, clock: clk, reset: rst, resetValue: 0, enable: en)
        let noReset = m.reg("noReset", width: 8, clock: clk)
        let regs = m.regArray("bank", count: 5, width: 8, clock: clk, reset: rst, resetValue: 0)
        let mem = m.memory("store", depth: 16, width: 8, clock: clk)
        let odd = m.memory("oddStore", depth: 10, width: 8, clock: clk)
        let tmp = m.wire("tmp", width: 8)
        let childCarry = m.wire("childCarry")

        tmp <== ((a & b) | (a ^ ~b)) + (a - b)
        out <== 0
        m.when(sel .== 0) {
            out <== a << 2
        }.elseWhen(sel .== 1) {
            out <== a >> 3
        }.elseWhen(sel < 3) {
            out <== (a << idx) ^ (b >> idx)
        }.otherwise {
            out <== mux(a > b, a, b)
        }
        flags <== cat(a .!= b, a <= b, a >= b, !(a .== b), (a[0] && b[0]) || en,
                      wide.orReduce(), wide.andReduce(), wide.xorReduce())
        m.switch(sel) { s in
            s.is(0) { acc <== acc + 1 }
            s.is(1, 2) { acc <== a.addingWithCarry(b)[7, 0] }
            s.default { acc <== acc.subtractingWithBorrow(b).truncated(to: 8) }
        }
        gated <== tmp
        noReset <== wide[11, 4] ^ wide[a[3, 0]].replicated(8)
        m.when(en) {
            regs.write(idx, a)
            mem.write(addr, b)
            odd.write(addr, a)
        }
        regs[0] <== mux(rst, 0, regs[0])
        arrOut <== regs.read(idx) ^ mem.read(addr) ^ odd.read(addr) ^ gated ^ noReset ^ acc
        memOut <== mem.read(addr.truncated(to: 2).zeroExtended(to: 4)) + m.const(200, width: 8)
        let inst = m.instance(try child(), name: "u_add", bindings: ["a": a[3, 0], "b": b[7, 4], "carry": childCarry])
        childY <== inst.output("y") ^ childCarry.replicated(4)
        return try m.build()
    }

    @Test func everyFeatureIsLintClean() throws {
        let text = VerilogEmitter.emit(try Self.design())
        print(text)
        try Lint.check(verilog: text, top: "kitchen_sink")
    }
}
