import CoSim
import RouterModel

/// The SPEC 9 ports of `trapline_router` as slots of the model's shared
/// buffers, resolved once per model instance (every router port is at most
/// 64 bits, one slot each); `load` and `response` move a whole command /
/// response without strings, branches per port or allocation.
struct VerilatorRouterPorts {
    let inputs: UnsafeMutablePointer<UInt64>
    let sampled: UnsafePointer<UInt64>
    let rst, cmdValid, rspReady: Int
    let op, reason, vector, intType, errValid, errCode, qual, vmcs, field, data, guest: Int
    let cmdReady, rspValid: Int
    let kind, target, isSelf, fallback, policy, from, rspReason, rspQual, info, rspErrCode, entry, rspData, current, error: Int

    /// The model description of a router RTL with the SPEC 9 interface.
    static func spec(verilog: String, trace: Bool) -> ModelSpec {
        ModelSpec(verilog: verilog, top: RouterInterface.topModule,
                  ports: RouterInterface.ports.map { ModelPort($0.name, width: $0.width, $0.isInput ? .input : .output) },
                  clock: "clk", reset: "rst", resetActiveHigh: true, trace: trace)
    }

    init(_ m: VerilatedModel) throws {
        inputs = m.rawInputs; sampled = m.rawSampled
        func i(_ n: String) throws -> Int { try m.input(n).slot }
        func o(_ n: String) throws -> Int { try m.output(n).slot }
        rst = try i("rst"); cmdValid = try i("cmd_valid"); rspReady = try i("rsp_ready")
        op = try i("cmd_op"); reason = try i("cmd_reason"); vector = try i("cmd_vector")
        intType = try i("cmd_int_type"); errValid = try i("cmd_err_valid"); errCode = try i("cmd_err_code")
        qual = try i("cmd_qual"); vmcs = try i("cmd_vmcs"); field = try i("cmd_field")
        data = try i("cmd_data"); guest = try i("cmd_guest")
        cmdReady = try o("cmd_ready"); rspValid = try o("rsp_valid")
        kind = try o("rsp_kind"); target = try o("rsp_target"); isSelf = try o("rsp_self")
        fallback = try o("rsp_fallback"); policy = try o("rsp_policy"); from = try o("rsp_from")
        rspReason = try o("rsp_reason"); rspQual = try o("rsp_qual"); info = try o("rsp_info")
        rspErrCode = try o("rsp_err_code"); entry = try o("rsp_entry"); rspData = try o("rsp_data")
        current = try o("rsp_current"); error = try o("rsp_error")
    }

    /// Drives the operands of `c`, each cut to its port width (cmd_valid is separate).
    @inline(__always)
    func load(_ c: Command) {
        inputs[op] = UInt64(c.op & 7); inputs[reason] = UInt64(c.reason); inputs[vector] = UInt64(c.vector)
        inputs[intType] = UInt64(c.intType & 7); inputs[errValid] = c.errValid ? 1 : 0
        inputs[errCode] = UInt64(c.errCode); inputs[qual] = c.qual; inputs[vmcs] = UInt64(c.vmcs & 0xF)
        inputs[field] = UInt64(c.field); inputs[data] = c.data; inputs[guest] = UInt64(c.guest & 0x3F)
    }

    @inline(__always) func set(_ slot: Int, _ on: Bool) { inputs[slot] = on ? 1 : 0 }
    @inline(__always) func isHigh(_ slot: Int) -> Bool { sampled[slot] != 0 }

    /// The response on the rsp_* outputs as sampled at the last rising edge.
    @inline(__always)
    func response() -> Response {
        Response(kind: UInt8(truncatingIfNeeded: sampled[kind]), target: UInt8(truncatingIfNeeded: sampled[target]),
                 isSelf: sampled[isSelf] != 0, fallback: sampled[fallback] != 0,
                 policy: UInt8(truncatingIfNeeded: sampled[policy]), from: UInt8(truncatingIfNeeded: sampled[from]),
                 reason: UInt16(truncatingIfNeeded: sampled[rspReason]), qual: sampled[rspQual],
                 info: UInt32(truncatingIfNeeded: sampled[info]), errCode: UInt32(truncatingIfNeeded: sampled[rspErrCode]),
                 entry: sampled[entry], data: sampled[rspData],
                 current: UInt8(truncatingIfNeeded: sampled[current]), error: UInt8(truncatingIfNeeded: sampled[error]))
    }
}
