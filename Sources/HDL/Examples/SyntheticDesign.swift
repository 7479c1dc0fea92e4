extension Examples {
    /// A generated design of about `nodes` expression nodes, for benchmarks and scale
    /// tests: lanes of 16-bit registers, each with arithmetic, a `when`/`otherwise`, a
    /// `switch` and a register array read, folded into one output.
    /// The builder is returned unbuilt so callers can time `build()` separately.
    public static func syntheticDesign(nodes: Int) -> ModuleBuilder {
        let m = ModuleBuilder("synthetic")
        let clk = m.input("clk")
        let rst = m.input("rst")
        let sel = m.input("sel", width: 4)
        let a = m.input("a", width: 16)
        let b = m.input("b", width: 16)
        let y = m.output("y", width: 16)
        let table = m.regArray("lookup", count: 4, width: 16, clock: clk, reset: rst, resetValue: 0)
        m.when(sel[0]) { table.write(sel[2, 1], a) }
        var fold = m.const(0, width: 16)
        var lane = 0
        while m.nodeCount < nodes {
            let r = m.reg("lane\(lane)", width: 16, clock: clk, reset: rst, resetValue: lane & 0xFFFF)
            let w = m.wire("mix\(lane)", width: 16)
            w <== ((r ^ a) + (fold & b)) - (r >> 1)
            m.when(sel .== (lane & 15)) {
                r <== w
            }.elseWhen(w[15]) {
                r <== r + 1
            }.otherwise {
                m.switch(sel[1, 0]) { s in
                    s.is(0) { r <== table.read(sel[3, 2]) }
                    s.is(1, 2) { r <== cat(w[7, 0], r[15, 8]) }
                    s.default { r <== mux(w .== b, a, r) }
                }
            }
            fold = fold ^ r
            lane += 1
        }
        y <== fold
        return m
    }
}

extension ModuleBuilder {
    /// Number of expression nodes recorded so far (a measure of design size).
    public var nodeCount: Int { exprs.count }
}
