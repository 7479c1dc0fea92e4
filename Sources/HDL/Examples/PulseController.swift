extension Examples {
    /// A controller: on `req` in idle it runs for `runCycles` cycles (`busy`), then pulses
    /// `done` for one cycle; `cancel` returns to idle at once. State machine over
    /// `CtlState` (idle, run, finish), with properties:
    /// - assert: `busy` and `done` are never 1 together; the run counter stays below `runCycles`;
    /// - assume: `req` and `cancel` are never 1 together (the environment's promise);
    /// - cover: a run completes (`done`).
    public static func pulseController(runCycles: Int = 3) throws -> Module {
        precondition(runCycles >= 2 && runCycles < 256)
        let m = ModuleBuilder("pulse_controller")
        let clk = m.input("clk"), rst = m.input("rst")
        let req = m.input("req"), cancel = m.input("cancel")
        let busy = m.output("busy"), done = m.output("done")

        let State = m.enumeration("CtlState", ["idle", "run", "finish"])
        let state = m.reg("state", State, clock: clk, reset: rst, resetTo: State.idle)
        let count = m.reg("count", width: 8, clock: clk, reset: rst, resetValue: 0)

        m.switch(state) { s in
            s.is(State.idle) {
                m.when(req) { state <== State.run; count <== 0 }
            }
            s.is(State.run) {
                m.when(cancel) { state <== State.idle }
                    .elseWhen(count .== runCycles - 1) { state <== State.finish }
                    .otherwise { count <== count + 1 }
            }
            s.is(State.finish) { state <== State.idle }
        }
        busy <== state .== State.run
        done <== state .== State.finish

        m.assert(!(busy && done), "busy and done are exclusive", clock: clk, disableIf: rst)
        m.assert(count < runCycles, "the run counter stays below runCycles", clock: clk, disableIf: rst)
        m.assume(!(req && cancel), "req and cancel never together", clock: clk, disableIf: rst)
        m.cover(done, "a run completes", clock: clk, disableIf: rst)
        return try m.build()
    }
}
