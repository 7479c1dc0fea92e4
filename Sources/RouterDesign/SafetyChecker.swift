import HDL
import RouterSpec
import VerilogEmitter

/// The router's safety properties (`SafetyProperty`, SPEC sections 3-9) as one checker
/// module in the DSL, `trapline_safety_checker`: its inputs are SPEC section 9 ports of
/// `trapline_router` (same names and widths), so it can be bound beside any RTL with
/// that interface, generated or hand-written. It tracks what it needs from the ports
/// (`CheckerQueue`: the commands in flight; `CheckerState`: current entity, lock, one
/// watched routing field, last cycle's response) and asserts the properties with
/// `m.assert` (`SafetyChecker+Assertions`). Every message starts with the property's tag.
///
/// The only assumption a proof needs is outside: reset is high in the first cycle.
public enum SafetyChecker {
    /// Name of the generated checker module: `trapline_safety_checker`.
    public static let moduleName = "trapline_safety_checker"

    /// The checker for routers generated with `p` (V, G and R enter the properties).
    public static func module(_ p: RouterParameters) throws -> Module {
        try p.validate()
        let m = ModuleBuilder(moduleName)
        let io = CheckerPorts(m)
        let watchHolder = m.wire("chk_incoming_watch_hit")
        let incoming = InFlightCommand(
            op: io.cmdOp, reason: io.cmdReason, vmcs: io.cmdVMCS,
            watchHit: watchHolder,
            lockable: ((io.cmdVMCS .== 0) && CheckerState.lockable(m, p, io.cmdField)).named("chk_incoming_lockable"),
            setsLock: ((io.cmdOp .== m.spec("OP_VMWRITE")) && (io.cmdVMCS .== 0) && (io.cmdField .== m.spec("FIELD_ROUTE_LOCK"))
                       && io.cmdData[0]).named("chk_incoming_sets_lock"),
            data: io.cmdData[15, 0])
        let queue = CheckerQueue(m, io, incoming: incoming)
        let state = CheckerState(m, p, io, queue: queue)
        watchHolder <== (io.cmdVMCS .== 0) && (io.cmdField .== state.watch)
        let a = CheckerAssertions(m, p, io, queue, state)
        a.targetExists()
        a.handshake()
        a.unlistedFieldsZero()
        a.routeLock()
        a.vmmIsolation()
        a.guestNoVMSucceed()
        return try m.build()
    }

    /// The checker's Verilog text (one module), with a header naming the parameters.
    public static func verilog(_ p: RouterParameters) throws -> String {
        VerilogEmitter.emit(try module(p), header: """
            // trapline_safety_checker: the safety properties of SPEC.md sections 3-9 at the ports of
            // trapline_router, generated from Sources/RouterDesign/SafetyChecker.swift. Do not edit.
            // Parameters: --vmms \(p.vmms) --guests \(p.guests) --io-ranges \(p.ioRanges)

            """)
    }
}
