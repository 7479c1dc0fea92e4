import CoSim
import RouterModel

/// The SPEC 9 ports of `trapline_router` as CoSim handles, resolved once per
/// model instance; `load` and `response` move a whole command / response
/// through the shared port buffers without strings or allocation.
struct VerilatorRouterPorts {
    let rst, cmdValid, rspReady: InputPort
    let op, reason, vector, intType, errValid, errCode, qual, vmcs, field, data, guest: InputPort
    let cmdReady, rspValid: OutputPort
    let kind, target, isSelf, fallback, policy, from, rspReason, rspQual, info, rspErrCode, entry, rspData, current, error: OutputPort

    /// The model description of a router RTL with the SPEC 9 interface.
    static func spec(verilog: String, trace: Bool) -> ModelSpec {
        ModelSpec(verilog: verilog, top: RouterInterface.topModule,
                  ports: RouterInterface.ports.map { ModelPort($0.name, width: $0.width, $0.isInput ? .input : .output) },
                  clock: "clk", reset: "rst", resetActiveHigh: true, trace: trace)
    }

    init(_ m: VerilatedModel) throws {
        rst = try m.input("rst"); cmdValid = try m.input("cmd_valid"); rspReady = try m.input("rsp_ready")
        op = try m.input("cmd_op"); reason = try m.input("cmd_reason"); vector = try m.input("cmd_vector")
        intType = try m.input("cmd_int_type"); errValid = try m.input("cmd_err_valid"); errCode = try m.input("cmd_err_code")
        qual = try m.input("cmd_qual"); vmcs = try m.input("cmd_vmcs"); field = try m.input("cmd_field")
        data = try m.input("cmd_data"); guest = try m.input("cmd_guest")
        cmdReady = try m.output("cmd_ready"); rspValid = try m.output("rsp_valid")
        kind = try m.output("rsp_kind"); target = try m.output("rsp_target"); isSelf = try m.output("rsp_self")
        fallback = try m.output("rsp_fallback"); policy = try m.output("rsp_policy"); from = try m.output("rsp_from")
        rspReason = try m.output("rsp_reason"); rspQual = try m.output("rsp_qual"); info = try m.output("rsp_info")
        rspErrCode = try m.output("rsp_err_code"); entry = try m.output("rsp_entry"); rspData = try m.output("rsp_data")
        current = try m.output("rsp_current"); error = try m.output("rsp_error")
    }

    /// Drives the operands of `c` (cmd_valid is separate).
    @inline(__always)
    func load(_ c: Command, into m: VerilatedModel) {
        m.poke(op, UInt64(c.op)); m.poke(reason, UInt64(c.reason)); m.poke(vector, UInt64(c.vector))
        m.poke(intType, UInt64(c.intType)); m.poke(errValid, c.errValid ? 1 : 0); m.poke(errCode, UInt64(c.errCode))
        m.poke(qual, c.qual); m.poke(vmcs, UInt64(c.vmcs)); m.poke(field, UInt64(c.field))
        m.poke(data, c.data); m.poke(guest, UInt64(c.guest))
    }

    /// The response on the rsp_* outputs as sampled at the last rising edge.
    @inline(__always)
    func response(from m: VerilatedModel) -> Response {
        Response(kind: UInt8(truncatingIfNeeded: m.sampled(kind)), target: UInt8(truncatingIfNeeded: m.sampled(target)),
                 isSelf: m.sampled(isSelf) != 0, fallback: m.sampled(fallback) != 0,
                 policy: UInt8(truncatingIfNeeded: m.sampled(policy)), from: UInt8(truncatingIfNeeded: m.sampled(from)),
                 reason: UInt16(truncatingIfNeeded: m.sampled(rspReason)), qual: m.sampled(rspQual),
                 info: UInt32(truncatingIfNeeded: m.sampled(info)), errCode: UInt32(truncatingIfNeeded: m.sampled(rspErrCode)),
                 entry: m.sampled(entry), data: m.sampled(rspData),
                 current: UInt8(truncatingIfNeeded: m.sampled(current)), error: UInt8(truncatingIfNeeded: m.sampled(error)))
    }
}
