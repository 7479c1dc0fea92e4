import HDL

/// The command/response handshake (SPEC 9): one stage, latency 1.
///
/// A command executes on the edge that accepts it: the routing decision is combinational from
/// the command ports and the state, and the response and every state change are registered on
/// that edge, so a response is valid one cycle after its command (SPEC 9 allows up to 2) and
/// the block takes a command every cycle while `rsp_ready` is high.
///
/// The decision logic is read only by the block's one clocked process, so the emitter computes
/// it inside that process (`LocalValues`): a simulator evaluates it once per clock edge, on the
/// path the command takes, not on every change of an input. (An earlier version registered the
/// command first, latency 2: it bought no logic depth, the path from the registered command
/// being as long as the path from the ports, and cost about 30 instructions a cycle.)
///
/// Handshake: the response slot frees (`rsp_slot_free`) when it is empty or consumed this
/// cycle; a command is accepted (`cmd_ready`) exactly then. Nothing is dropped or duplicated:
/// a command waits on the ports (`cmd_valid` held, SPEC 9) while its response cannot be
/// written.
struct Handshake {
    /// `cmd_valid && cmd_ready`: the command on the ports executes on this edge (state
    /// changes, response loaded).
    let execute: Signal
    /// The response register holds a response.
    let responseValid: Signal

    init(_ m: ModuleBuilder, _ io: RouterPorts) {
        let rspValid = m.reg("rsp_valid_q", width: 1, clock: io.clk, reset: io.rst, resetValue: 0)
        let slotFree = (!rspValid || io.rspReady).named("rsp_slot_free")
        io.cmdReady <== slotFree
        io.rspValid <== rspValid
        let execute = (io.cmdValid && slotFree).named("execute")
        self.execute = execute
        responseValid = rspValid
        m.when(execute) { rspValid <== 1 }.elseWhen(io.rspReady) { rspValid <== 0 }
    }
}
