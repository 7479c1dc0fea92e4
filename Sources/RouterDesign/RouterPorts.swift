import HDL
import RouterSpec

/// The ports of `trapline_router`, exactly SPEC section 9 (names, widths, order).
struct RouterPorts {
    let clk, rst, cmdValid: Signal
    /// The command operands (the decision reads them straight from the ports).
    let cmdOp, cmdReason, cmdVector, cmdIntType, cmdErrValid, cmdErrCode, cmdQual: Signal
    let cmdVMCS, cmdField, cmdData, cmdGuest: Signal
    let rspReady: Signal
    let cmdReady, rspValid, rspKind, rspTarget, rspSelf, rspFallback, rspPolicy, rspFrom, rspReason, rspQual: Signal
    let rspInfo, rspErrCode, rspEntry, rspData, rspCurrent, rspError: Signal
    /// The response kinds of SPEC 8 as an enumeration (`RSP_ROUTED` ... `RSP_REJECTED`, the
    /// codes of `RouterSpec.ResponseKind`, in that order): `rsp_kind` and the register behind
    /// it hold only these values, so assigning a bare number is an elaboration error.
    let kinds: Enumeration

    init(_ m: ModuleBuilder) {
        kinds = m.enumeration("Rsp", ResponseKind.names)
        // The enumeration encodes case i as i: RouterSpec's codes must be 0, 1, 2 ... in name order.
        precondition(ResponseKind.entries.enumerated().allSatisfy { UInt64($0.offset) == $0.element.value },
                     "ResponseKind codes must follow the order of ResponseKind.names")
        clk = m.input("clk"); rst = m.input("rst"); cmdValid = m.input("cmd_valid")
        cmdOp = m.input("cmd_op", width: 3); cmdReason = m.input("cmd_reason", width: 16)
        cmdVector = m.input("cmd_vector", width: 8); cmdIntType = m.input("cmd_int_type", width: 3)
        cmdErrValid = m.input("cmd_err_valid"); cmdErrCode = m.input("cmd_err_code", width: 32)
        cmdQual = m.input("cmd_qual", width: 64); cmdVMCS = m.input("cmd_vmcs", width: 4)
        cmdField = m.input("cmd_field", width: 32); cmdData = m.input("cmd_data", width: 64)
        cmdGuest = m.input("cmd_guest", width: 6); rspReady = m.input("rsp_ready")
        cmdReady = m.output("cmd_ready"); rspValid = m.output("rsp_valid"); rspKind = m.output("rsp_kind", kinds)
        rspTarget = m.output("rsp_target", width: 4); rspSelf = m.output("rsp_self"); rspFallback = m.output("rsp_fallback")
        rspPolicy = m.output("rsp_policy", width: 3); rspFrom = m.output("rsp_from", width: 8)
        rspReason = m.output("rsp_reason", width: 16); rspQual = m.output("rsp_qual", width: 64)
        rspInfo = m.output("rsp_info", width: 32); rspErrCode = m.output("rsp_err_code", width: 32)
        rspEntry = m.output("rsp_entry", width: 64); rspData = m.output("rsp_data", width: 64)
        rspCurrent = m.output("rsp_current", width: 8); rspError = m.output("rsp_error", width: 8)
    }
}
