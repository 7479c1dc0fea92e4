import HDL

/// The SPEC section 9 ports the safety checker observes, all of them inputs of the
/// checker and named exactly as on `trapline_router` (a harness binds them by name).
/// The checker reads the command operands it tracks (op, reason, vmcs, field, data) and
/// every response port; it drives nothing. One input is not a router port:
/// `chk_watch_seed`, loaded into the watched field while `rst` is high (a proof harness
/// leaves it free, so the watched field is any encoding; see `CheckerState`).
struct CheckerPorts {
    let clk, rst, watchSeed: Signal
    let cmdValid, cmdReady, cmdOp, cmdReason, cmdVMCS, cmdField, cmdData: Signal
    let rspReady, rspValid, rspKind, rspTarget, rspSelf, rspFallback, rspPolicy, rspFrom, rspReason: Signal
    let rspQual, rspInfo, rspErrCode, rspEntry, rspData, rspCurrent, rspError: Signal

    init(_ m: ModuleBuilder) {
        clk = m.input("clk"); rst = m.input("rst"); watchSeed = m.input("chk_watch_seed", width: 32)
        cmdValid = m.input("cmd_valid"); cmdReady = m.input("cmd_ready")
        cmdOp = m.input("cmd_op", width: 3); cmdReason = m.input("cmd_reason", width: 16)
        cmdVMCS = m.input("cmd_vmcs", width: 4); cmdField = m.input("cmd_field", width: 32)
        cmdData = m.input("cmd_data", width: 64)
        rspReady = m.input("rsp_ready"); rspValid = m.input("rsp_valid"); rspKind = m.input("rsp_kind", width: 3)
        rspTarget = m.input("rsp_target", width: 4); rspSelf = m.input("rsp_self"); rspFallback = m.input("rsp_fallback")
        rspPolicy = m.input("rsp_policy", width: 3); rspFrom = m.input("rsp_from", width: 8)
        rspReason = m.input("rsp_reason", width: 16); rspQual = m.input("rsp_qual", width: 64)
        rspInfo = m.input("rsp_info", width: 32); rspErrCode = m.input("rsp_err_code", width: 32)
        rspEntry = m.input("rsp_entry", width: 64); rspData = m.input("rsp_data", width: 64)
        rspCurrent = m.input("rsp_current", width: 8); rspError = m.input("rsp_error", width: 8)
    }

    /// Every response field except `rsp_valid`, with its port name.
    var responseFields: [(name: String, signal: Signal)] {
        [("rsp_kind", rspKind), ("rsp_target", rspTarget), ("rsp_self", rspSelf), ("rsp_fallback", rspFallback),
         ("rsp_policy", rspPolicy), ("rsp_from", rspFrom), ("rsp_reason", rspReason), ("rsp_qual", rspQual),
         ("rsp_info", rspInfo), ("rsp_err_code", rspErrCode), ("rsp_entry", rspEntry), ("rsp_data", rspData),
         ("rsp_current", rspCurrent), ("rsp_error", rspError)]
    }
}
