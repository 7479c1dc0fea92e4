import HDL

/// A two-input round-robin stream arbiter with a registered output, designed in
/// Trapline's DSL.
///
/// Streams `a` and `b` (valid/ready/data) merge into `out`; `out_src` says which
/// input a word came from (0 = a, 1 = b). The output register takes a word when
/// it is empty or its word leaves this cycle (`out_ready`). When both inputs
/// offer, the one not served last wins (round robin); after reset `a` goes first.
public enum StreamArbiter {
    /// The module. `width` is the data width; `bug` seeds a fairness bug (the
    /// round-robin pointer is not updated when `b` wins, so `a` always wins a tie
    /// after `b` was served once) for the example's failing run.
    public static func module(width: Int = 8, bug: Bool = false) throws -> Module {
        let m = ModuleBuilder("stream_arbiter")
        let clk = m.input("clk")
        let rst = m.input("rst")
        let aValid = m.input("a_valid"), aData = m.input("a_data", width: width), aReady = m.output("a_ready")
        let bValid = m.input("b_valid"), bData = m.input("b_data", width: width), bReady = m.output("b_ready")
        let outValid = m.output("out_valid"), outData = m.output("out_data", width: width)
        let outSrc = m.output("out_src"), outReady = m.input("out_ready")

        let full = m.reg("full", clock: clk, reset: rst, resetValue: 0)
        let data = m.reg("data", width: width, clock: clk, reset: rst, resetValue: 0)
        let src = m.reg("src", clock: clk, reset: rst, resetValue: 0)
        let lastB = m.reg("lastB", clock: clk, reset: rst, resetValue: 1)   // b served last: a wins the first tie
        let canLoad = m.wire("canLoad"), grantA = m.wire("grantA"), grantB = m.wire("grantB")

        canLoad <== !full || outReady
        grantA <== aValid && (!bValid || lastB)
        grantB <== bValid && !grantA
        aReady <== canLoad && grantA
        bReady <== canLoad && grantB
        outValid <== full
        outData <== data
        outSrc <== src

        m.when(canLoad) {
            full <== aValid || bValid
            m.when(grantA) {
                data <== aData
                src <== 0
                lastB <== 0
            }.elseWhen(grantB) {
                data <== bData
                src <== 1
                if !bug { lastB <== 1 }
            }
        }
        return try m.build()
    }
}
