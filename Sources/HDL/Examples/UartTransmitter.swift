extension Examples {
    /// A UART transmitter (8N1): takes a byte when `valid && ready`, then drives `tx` low
    /// for the start bit, the 8 data bits least significant first, and high for the stop
    /// bit, each for `clocksPerBit` cycles. A state machine over the enumeration
    /// `TxState` (idle, start, data, stop).
    public static func uartTransmitter(clocksPerBit: Int = 4) throws -> Module {
        precondition(clocksPerBit >= 2, "Examples.uartTransmitter: clocksPerBit must be at least 2")
        let m = ModuleBuilder("uart_tx")
        let clk = m.input("clk"), rst = m.input("rst")
        let valid = m.input("valid"), data = m.input("data", width: 8)
        let ready = m.output("ready"), tx = m.output("tx")

        let State = m.enumeration("TxState", ["idle", "start", "data", "stop"])
        let state = m.reg("state", State, clock: clk, reset: rst, resetTo: State.idle)
        let cw = bitsToIndex(clocksPerBit)
        let tick = m.reg("tick", width: cw, clock: clk, reset: rst, resetValue: 0)
        let bitIndex = m.reg("bitIndex", width: 3, clock: clk, reset: rst, resetValue: 0)
        let shift = m.reg("shift", width: 8, clock: clk)
        let lastTick = (tick .== clocksPerBit - 1).named("last_tick")

        tick <== mux(lastTick, 0, tick + 1)
        m.switch(state) { s in
            s.is(State.idle) {
                tick <== 0
                m.when(valid) { state <== State.start; shift <== data }
            }
            s.is(State.start) {
                m.when(lastTick) { state <== State.data; bitIndex <== 0 }
            }
            s.is(State.data) {
                m.when(lastTick) {
                    shift <== shift >> 1
                    bitIndex <== bitIndex + 1
                    m.when(bitIndex .== 7) { state <== State.stop }
                }
            }
            s.is(State.stop) {
                m.when(lastTick) { state <== State.idle }
            }
        }
        ready <== state .== State.idle
        tx <== 1
        m.when(state .== State.start) { tx <== 0 }.elseWhen(state .== State.data) { tx <== shift[0] }
        return try m.build()
    }
}
