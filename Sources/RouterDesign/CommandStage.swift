import HDL

/// The router's two pipeline stages and their handshake (SPEC 9).
///
/// Stage 1 registers an accepted command (`cmd_*_q`); stage 2 executes it on the next
/// edge: the routing decision is combinational from the registered command and the state,
/// and the response and every state change are registered on that edge. A response is
/// therefore valid two cycles after its command is accepted (SPEC 9 allows 2), and the
/// block still takes one command per cycle while `rsp_ready` is high.
///
/// Why a registered command: no combinational path runs from the command ports to the
/// state, which bounds the logic depth behind the ports, and in simulation the decision
/// logic depends on registers only, so it is evaluated once per clock edge instead of on
/// every change of an input.
///
/// Handshake: the response slot frees (`rsp_slot_free`) when it is empty or consumed this
/// cycle; the registered command executes (`execute`) when there is one and the slot
/// frees; a new command is accepted (`cmd_ready`) when the command register is empty or
/// executes this cycle. Nothing is dropped or duplicated: a command waits in stage 1
/// while its response cannot be written.
struct CommandStage {
    /// `cmd_valid && cmd_ready`: the command ports are registered on this edge.
    let accept: Signal
    /// The registered command executes on this edge (state changes, response loaded).
    let execute: Signal
    /// The response register holds a response.
    let responseValid: Signal
    /// The ports with the command operands replaced by their registered copies.
    let ports: RouterPorts

    init(_ m: ModuleBuilder, _ io: RouterPorts) {
        let rspValid = m.reg("rsp_valid_q", width: 1, clock: io.clk, reset: io.rst, resetValue: 0)
        let pending = m.reg("cmd_valid_q", width: 1, clock: io.clk, reset: io.rst, resetValue: 0)
        let slotFree = (!rspValid || io.rspReady).named("rsp_slot_free")
        let ready = (!pending || slotFree).named("cmd_ready_int")
        io.cmdReady <== ready
        io.rspValid <== rspValid
        let accept = (io.cmdValid && ready).named("accept")
        let execute = (pending && slotFree).named("execute")
        self.accept = accept
        self.execute = execute
        responseValid = rspValid
        m.when(accept) { pending <== 1 }.elseWhen(execute) { pending <== 0 }
        m.when(execute) { rspValid <== 1 }.elseWhen(io.rspReady) { rspValid <== 0 }

        // Operand registers: no reset (nothing reads them while `cmd_valid_q` is 0).
        func stage(_ port: Signal, _ name: String) -> Signal {
            let q = m.reg(name, width: port.width, clock: io.clk, enable: accept)
            q <== port
            return q
        }
        var p = io
        p.cmdOp = stage(io.cmdOp, "cmd_op_q")
        p.cmdReason = stage(io.cmdReason, "cmd_reason_q")
        p.cmdVector = stage(io.cmdVector, "cmd_vector_q")
        p.cmdIntType = stage(io.cmdIntType, "cmd_int_type_q")
        p.cmdErrValid = stage(io.cmdErrValid, "cmd_err_valid_q")
        p.cmdErrCode = stage(io.cmdErrCode, "cmd_err_code_q")
        p.cmdQual = stage(io.cmdQual, "cmd_qual_q")
        p.cmdVMCS = stage(io.cmdVMCS, "cmd_vmcs_q")
        p.cmdField = stage(io.cmdField, "cmd_field_q")
        p.cmdData = stage(io.cmdData, "cmd_data_q")
        p.cmdGuest = stage(io.cmdGuest, "cmd_guest_q")
        ports = p
    }
}
