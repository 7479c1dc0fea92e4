import CoSim
import Lockstep
import RouterModel

/// The SPEC 9 ports of `trapline_router` as handles of the generic lockstep
/// layer (`Ports`), resolved once per bench; `load` and `response`
/// move a whole command or response between a `CycleIO` and the model's values
/// without strings, lookups or allocation.
struct RouterSignals: Sendable {
    let cmdValid, rspReady: InputSignal
    let op, reason, vector, intType, errValid, errCode, qual, vmcs, field, data, guest: InputSignal
    let cmdReady, rspValid: OutputSignal
    let kind, target, isSelf, fallback, policy, from, rspReason, rspQual, info, rspErrCode, entry, rspData, current, error: OutputSignal

    /// The model description of a router RTL with the SPEC 9 interface.
    static func spec(verilog: String, trace: Bool) -> ModelSpec {
        ModelSpec(verilog: verilog, top: RouterInterface.topModule,
                  ports: RouterInterface.ports.map { ModelPort($0.name, width: $0.width, $0.isInput ? .input : .output) },
                  clock: "clk", reset: "rst", resetActiveHigh: true, trace: trace)
    }

    init(_ ports: Ports) throws {
        func i(_ n: String) throws -> InputSignal { try ports.input(n, asker: "the router test bench") }
        func o(_ n: String) throws -> OutputSignal { try ports.output(n, asker: "the router test bench") }
        cmdValid = try i("cmd_valid"); rspReady = try i("rsp_ready")
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
    func load(_ c: Command, _ io: CycleIO) {
        io[op] = UInt64(c.op); io[reason] = UInt64(c.reason); io[vector] = UInt64(c.vector)
        io[intType] = UInt64(c.intType); io[errValid] = c.errValid ? 1 : 0
        io[errCode] = UInt64(c.errCode); io[qual] = c.qual; io[vmcs] = UInt64(c.vmcs)
        io[field] = UInt64(c.field); io[data] = c.data; io[guest] = UInt64(c.guest)
    }

    /// The response on the rsp_* outputs as sampled at this cycle's rising edge.
    @inline(__always)
    func response(_ io: CycleIO) -> Response {
        Response(kind: UInt8(truncatingIfNeeded: io.actual(kind)), target: UInt8(truncatingIfNeeded: io.actual(target)),
                 isSelf: io.actual(isSelf) != 0, fallback: io.actual(fallback) != 0,
                 policy: UInt8(truncatingIfNeeded: io.actual(policy)), from: UInt8(truncatingIfNeeded: io.actual(from)),
                 reason: UInt16(truncatingIfNeeded: io.actual(rspReason)), qual: io.actual(rspQual),
                 info: UInt32(truncatingIfNeeded: io.actual(info)), errCode: UInt32(truncatingIfNeeded: io.actual(rspErrCode)),
                 entry: io.actual(entry), data: io.actual(rspData),
                 current: UInt8(truncatingIfNeeded: io.actual(current)), error: UInt8(truncatingIfNeeded: io.actual(error)))
    }
}
