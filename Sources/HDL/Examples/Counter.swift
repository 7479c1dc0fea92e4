/// Example designs written in the DSL (public so tests and co-simulation can use them).
public enum Examples {}

extension Examples {
    /// An up-counter: counts while `en` is 1, wraps to 0 after `limit`, synchronous reset.
    /// `q` is the count; `wrap` is 1 in the cycle the counter is at `limit` and enabled.
    public static func counter(width: Int = 8) throws -> Module {
        let m = ModuleBuilder("counter")
        let clk = m.input("clk")
        let rst = m.input("rst")
        let en = m.input("en")
        let limit = m.input("limit", width: width)
        let q = m.output("q", width: width)
        let wrap = m.output("wrap")
        let count = m.reg("count", width: width, clock: clk, reset: rst, resetValue: 0)
        let atLimit = m.wire("atLimit")
        atLimit <== count .== limit
        m.when(en) {
            m.when(atLimit) {
                count <== 0
            }.otherwise {
                count <== count + 1
            }
        }
        q <== count
        wrap <== en && atLimit
        return try m.build()
    }
}
