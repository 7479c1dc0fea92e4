import HDL
import RouterSpec

/// What the checker knows of the router's state, learnt from the ports alone:
/// - `current`: the running entity (reset VMM 0); a ROUTED response that is not `self`
///   moves it to the target VMM, a VMSUCCEED sets it to the response's `current`;
/// - `locked`: a VMWRITE of ROUTE_LOCK = 1 through VMCS 0 got VMSUCCEED (until reset);
/// - `watch`: one routing-field encoding, loaded from the free input `chk_watch_seed`
///   while `rst` is high and held after (a free constant: the property holds for every field);
///   `watchValue` is the value last written to it with VMSUCCEED (reset 0, as SPEC 6.1),
///   16 bits;
/// - the previous cycle's response ports and handshake, for the stability, latency and
///   full-rate assertions.
struct CheckerState {
    let current, locked, watch, watchValue, watchLockable: Signal
    /// Last cycle: `rsp_valid && !rsp_ready` (the response had to stay).
    let stalled: Signal
    /// Last cycle: a command was in flight and no response was valid.
    let waited: Signal
    /// Last cycle's `rsp_ready` (1 after reset).
    let readyBefore: Signal
    /// Last cycle's response fields, in `CheckerPorts.responseFields` order.
    let previous: [Signal]

    init(_ m: ModuleBuilder, _ p: RouterParameters, _ io: CheckerPorts, queue q: CheckerQueue) {
        let clk = io.clk, rst = io.rst
        let vmmFlag = m.spec("ENTITY_VMM_FLAG")
        let kind = io.rspKind, head = q.head
        let succeeded = q.consume && (kind .== m.spec("RSP_VMSUCCEED"))
        let wroteHead = succeeded && (head.op .== m.spec("OP_VMWRITE"))

        let current = m.reg("chk_current", width: 8, clock: clk, reset: rst, resetValue: Int(EntityEncoding.resetCurrent))
        m.when(q.consume && (kind .== m.spec("RSP_ROUTED")) && !io.rspSelf) {
            current <== vmmFlag | io.rspTarget.zeroExtended(to: 8)
        }.elseWhen(succeeded) { current <== io.rspCurrent }

        let locked = m.reg("chk_locked", width: 1, clock: clk, reset: rst, resetValue: 0)
        m.when(wroteHead && head.setsLock) { locked <== 1 }

        // Loaded from a free input during reset, then held: a register that only kept its
        // value (D = Q) would be swept by Yosys as undefined.
        let watch = m.reg("chk_watch_field", width: 32, clock: clk)
        m.when(rst) { watch <== io.watchSeed }
        // 16 bits: a value that passed its field's check (VMSUCCEED) fits; IO_BASE and
        // IO_LIMIT keep the low 16 bits of the operand anyway (SPEC 6.3: cut to the width).
        let watchValue = m.reg("chk_watch_value", width: 16, clock: clk, reset: rst, resetValue: 0)
        m.when(wroteHead && head.watchHit) { watchValue <== head.data }
        self.current = current; self.locked = locked; self.watch = watch; self.watchValue = watchValue
        watchLockable = CheckerState.lockable(m, p, watch).named("chk_watch_lockable")

        let stalled = m.reg("chk_stalled", width: 1, clock: clk, reset: rst, resetValue: 0)
        stalled <== io.rspValid && !io.rspReady
        let waited = m.reg("chk_waited", width: 1, clock: clk, reset: rst, resetValue: 0)
        waited <== (q.count .!= 0) && !io.rspValid
        let readyBefore = m.reg("chk_ready_before", width: 1, clock: clk, reset: rst, resetValue: 1)
        readyBefore <== io.rspReady
        self.stalled = stalled; self.waited = waited; self.readyBefore = readyBefore
        previous = io.responseFields.map { f in
            let r = m.reg("chk_prev_" + f.name, width: f.signal.width, clock: clk)
            r <== f.signal
            return r
        }
    }

    /// `field` (32 bits) is a routing field of VMCS 0 that ROUTE_LOCK protects (SPEC 6.2):
    /// ROUTE[0..63], ELIGIBLE[0..63], IO_BASE/IO_LIMIT/IO_CTRL[r < R] or ROUTE_LOCK.
    static func lockable(_ m: ModuleBuilder, _ p: RouterParameters, _ field: Signal) -> Signal {
        // base + 2i for i < 64: bits 6:1 free; for i < 16 (I/O ranges): bits 4:1 free.
        let perReason = 0xFFFF_FF81, perRange = 0xFFFF_FFE1
        var hit = ((field & perReason) .== m.spec("FIELD_ROUTE_BASE"))
            || ((field & perReason) .== m.spec("FIELD_ELIGIBLE_BASE"))
            || (field .== m.spec("FIELD_ROUTE_LOCK"))
        if p.ioRanges > 0 {
            let inRange = p.ioRanges >= 16 ? m.const(1, width: 1) : (field[4, 1] < p.ioRanges)
            let io = ((field & perRange) .== m.spec("FIELD_IO_BASE_BASE"))
                || ((field & perRange) .== m.spec("FIELD_IO_LIMIT_BASE"))
                || ((field & perRange) .== m.spec("FIELD_IO_CTRL_BASE"))
            hit = hit || (io && inRange)
        }
        return hit
    }
}
