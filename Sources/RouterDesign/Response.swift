import HDL

/// The exit information an event writes (SPEC 5.5): INTR_INFO and INTR_ERR.
struct EventInfo {
    /// Reasons 0 and 1: 1<<31 | errValid<<11 | intType<<8 | vector (reason 1: type 0, no error code); else 0.
    let info: Signal
    /// errCode when reason 0 and errValid, else 0.
    let errCode: Signal

    init(_ m: ModuleBuilder, _ d: CommandDecode) {
        let interruption = d.isException || d.isExternalInterrupt
        info = m.wire("ev_intr_info", width: 32)
        info <== mux(interruption,
                     cat(m.const(1, width: 1), m.const(0, width: 19), d.isException && d.errValid, d.intType, d.vector),
                     0)
        errCode = m.wire("ev_intr_err", width: 32)
        errCode <== mux(d.isException && d.errValid, d.errCode, 0)
    }
}

/// The response registers (SPEC 8, 9): loaded on the executing edge (`Handshake`) with
/// the command's response, every field its kind does not list 0.
enum ResponseRegisters {
    static func build(_ m: ModuleBuilder, _ s: RouterState, _ io: RouterPorts, _ d: CommandDecode,
                      _ o: Outcome, _ fields: FieldDecode, _ routing: RoutingPolicy,
                      _ delivery: Deliverability, _ event: EventInfo, execute: Signal) {
        func register(_ name: String, _ width: Int) -> Signal {
            m.reg(name, width: width, clock: io.clk, reset: io.rst, resetValue: 0)
        }

        let kinds = io.kinds
        let kind = m.reg("rsp_kind_q", kinds, clock: io.clk, reset: io.rst, resetTo: kinds.routed)
        let target = register("rsp_target_q", 4)
        let isSelf = register("rsp_self_q", 1), fallback = register("rsp_fallback_q", 1)
        let policy = register("rsp_policy_q", 3), from = register("rsp_from_q", 8)
        let reason = register("rsp_reason_q", 16), qual = register("rsp_qual_q", 64)
        let info = register("rsp_info_q", 32), errCode = register("rsp_err_code_q", 32)
        let entry = register("rsp_entry_q", 64), data = register("rsp_data_q", 64)
        let current = register("rsp_current_q", 8), error = register("rsp_error_q", 8)

        // VMREAD data: the field's value, masked by the read's success with an AND rather than
        // selected under the outcome's branches. Under the branches the field reads depended
        // on the error logic (which reads `return_to`), and Yosys's `share`, merging a field
        // read with the event path's read of the same array, made a false combinational loop.
        let readValue = m.wire("vmread_value", width: 64)
        readValue <== 0
        fields.read(m, into: readValue)
        m.when(execute) {
            kind <== kinds.routed; target <== 0; isSelf <== 0; fallback <== 0; policy <== 0; from <== 0; reason <== 0
            qual <== 0; info <== 0; errCode <== 0; entry <== 0; data <== 0; current <== 0; error <== 0
            // Events (and unknown ops) and VMM operations are separate branches: each response
            // is built only from the decision of its own kind of command.
            m.when(d.eventPath) {
                m.when(o.rejectCode .!= 0) {
                    kind <== kinds.rejected
                    error <== o.rejectCode
                }.otherwise {
                    kind <== kinds.routed
                    target <== delivery.target
                    isSelf <== delivery.isSelf
                    fallback <== delivery.fallback
                    policy <== routing.policy
                    from <== s.current
                    reason <== d.reason
                    qual <== d.qual
                    info <== event.info
                    errCode <== event.errCode
                    entry <== s.hostRIP.read(delivery.target)
                }
            }.otherwise {
                let readOK = (d.isRead && !(o.vmfailInvalid || o.vmfailValid)).named("vmread_ok")
                data <== readValue & readOK.replicated(64)
                m.when(o.vmfailInvalid) {
                    kind <== kinds.value("vmfail_invalid")
                }.elseWhen(o.vmfailValid) {
                    kind <== kinds.value("vmfail_valid")
                    error <== o.vmError
                }.otherwise {
                    kind <== kinds.vmsucceed
                    current <== s.current
                    m.when(d.isLaunch) { current <== cat(m.const(0, width: 2), io.cmdGuest) }
                    m.when(d.isResume) { current <== o.ownReturnEntity }
                }
            }
        }

        io.rspKind <== kind; io.rspTarget <== target; io.rspSelf <== isSelf; io.rspFallback <== fallback
        io.rspPolicy <== policy; io.rspFrom <== from; io.rspReason <== reason; io.rspQual <== qual
        io.rspInfo <== info; io.rspErrCode <== errCode; io.rspEntry <== entry; io.rspData <== data
        io.rspCurrent <== current; io.rspError <== error
    }
}
