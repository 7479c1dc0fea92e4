import HDL

/// The assertions of the six `SafetyProperty` cases. All are checked on every rising
/// edge of `clk` while `rst` is low; "answering" below means a response is valid and a
/// command is in flight, so the response answers the head of `CheckerQueue`, executed
/// by `CheckerState.current`.
struct CheckerAssertions {
    let m: ModuleBuilder
    let p: RouterParameters
    let io: CheckerPorts
    let q: CheckerQueue
    let s: CheckerState
    // Response kinds and command classes.
    let routed, succeed, failInvalid, failValid, rejected: Signal
    let answering: Signal
    let headIsEvent, headUnknown, guestInstruction, vmmAccess, vmmLaunchOrResume: Signal

    init(_ m: ModuleBuilder, _ p: RouterParameters, _ io: CheckerPorts, _ q: CheckerQueue, _ s: CheckerState) {
        self.m = m; self.p = p; self.io = io; self.q = q; self.s = s
        let kind = io.rspKind
        routed = kind .== m.spec("RSP_ROUTED"); succeed = kind .== m.spec("RSP_VMSUCCEED")
        failInvalid = kind .== m.spec("RSP_VMFAIL_INVALID"); failValid = kind .== m.spec("RSP_VMFAIL_VALID")
        rejected = kind .== m.spec("RSP_REJECTED")
        answering = (io.rspValid && (q.count .!= 0)).named("chk_answering")
        let op = q.head.op, isVMM = s.current[7]
        headIsEvent = op .== m.spec("OP_EVENT")
        headUnknown = op > m.spec("OP_BITMAP_WRITE")
        let privileged = !headIsEvent && !headUnknown
        guestInstruction = (!isVMM && privileged).named("chk_guest_instruction")
        let access = (op .== m.spec("OP_VMREAD")) || (op .== m.spec("OP_VMWRITE")) || (op .== m.spec("OP_BITMAP_WRITE"))
        vmmAccess = (isVMM && access).named("chk_vmm_access")
        vmmLaunchOrResume = isVMM && ((op .== m.spec("OP_LAUNCH")) || (op .== m.spec("OP_RESUME")))
    }

    func check(_ property: SafetyProperty, _ condition: Signal, _ text: String, line: Int = #line) {
        m.assert(condition, "\(property.tag): \(text)", clock: io.clk, disableIf: io.rst, line: line)
    }

    /// `when` implies `then`.
    func implies(_ when: Signal, _ then: Signal) -> Signal { !when || then }

    /// 1: ROUTED targets and VMSUCCEED's current exist; a self delivery names the running VMM.
    func targetExists() {
        check(.targetExists, implies(io.rspValid && routed, io.rspTarget <= p.vmms - 1),
              "a ROUTED response's target is a VMM < \(p.vmms)")
        let c = io.rspCurrent, id = c[5, 0]
        let exists = !c[6] && ((c[7] && (id <= p.vmms - 1)) || (!c[7] && (id <= p.guests - 1)))
        check(.targetExists, implies(io.rspValid && succeed, exists),
              "a VMSUCCEED's current is a VMM < \(p.vmms) or a guest < \(p.guests)")
        let isCurrent = s.current .== (m.spec("ENTITY_VMM_FLAG") | io.rspTarget.zeroExtended(to: 8))
        check(.targetExists, implies(answering && routed, io.rspSelf .== isCurrent),
              "a ROUTED response is self exactly when its target is the running VMM")
    }

    /// 2: one response per accepted command, in order, stable, latency <= 2, full rate.
    func handshake() {
        check(.handshake, implies(io.rspValid, q.count .!= 0), "a response is valid only while an accepted command awaits it")
        check(.handshake, !((q.count .== 2) && q.accept && !q.consume), "at most two commands in flight")
        check(.handshake, !((q.count .!= 0) && !io.rspValid && s.waited),
              "a response is valid at most 2 cycles after its command is accepted (or the previous response leaves)")
        var same = io.rspValid
        for (f, before) in zip(io.responseFields, s.previous) { same = same && (f.signal .== before) }
        check(.handshake, implies(s.stalled, same), "a response not consumed stays valid and unchanged")
        check(.handshake, implies(io.rspReady && s.readyBefore, io.cmdReady),
              "with rsp_ready high (this cycle and the last) a command is accepted every cycle")
        let fits = (headUnknown && rejected && (io.rspError .== m.spec("REJECT_UNKNOWN_OP")))
            || (headIsEvent && ((routed && (io.rspReason .== q.head.reason)) || rejected))
            || (guestInstruction && (routed || rejected))
            || (vmmAccess && (succeed || failInvalid || failValid))
            || (vmmLaunchOrResume && (succeed || failValid))
        check(.handshake, implies(answering, fits), "the response fits the oldest command in flight (kind, reason)")
        check(.handshake, implies(answering && routed, io.rspFrom .== s.current),
              "a ROUTED response's from is the entity that ran the command")
        check(.handshake, implies(answering && succeed && vmmAccess, io.rspCurrent .== s.current),
              "VMREAD/VMWRITE/BITMAP_WRITE leave current unchanged")
    }

    /// 3: a valid response's kind is one of the five; fields its kind does not list are 0.
    func unlistedFieldsZero() {
        let routedFields = [io.rspTarget, io.rspSelf, io.rspFallback, io.rspPolicy, io.rspFrom, io.rspReason,
                            io.rspQual, io.rspInfo, io.rspErrCode, io.rspEntry]
        func zero(_ fields: [Signal]) -> Signal {
            fields.dropFirst().reduce(fields[0] .== 0) { $0 && ($1 .== 0) }
        }
        check(.unlistedFieldsZero, implies(io.rspValid, io.rspKind <= m.spec("RSP_REJECTED")), "the kind is 0...4")
        check(.unlistedFieldsZero, implies(io.rspValid && routed, zero([io.rspData, io.rspCurrent, io.rspError])),
              "ROUTED: data, current and error are 0")
        check(.unlistedFieldsZero, implies(io.rspValid && succeed, zero(routedFields + [io.rspError])),
              "VMSUCCEED: only data and current may be non-zero")
        check(.unlistedFieldsZero, implies(io.rspValid && failInvalid, zero(routedFields + [io.rspData, io.rspCurrent, io.rspError])),
              "VMFAIL_INVALID: every field is 0")
        check(.unlistedFieldsZero, implies(io.rspValid && (failValid || rejected), zero(routedFields + [io.rspData, io.rspCurrent])),
              "VMFAIL_VALID, REJECTED: only error may be non-zero")
    }

    /// 4a: ROUTE_LOCK's write rule; 4b: the read-back of a routing field.
    func routeLock() {
        let mainVMM = s.current .== m.spec("ENTITY_VMM_FLAG")
        let lockedWrite = answering && s.locked && mainVMM && (q.head.op .== m.spec("OP_VMWRITE")) && q.head.lockable
        check(.routeLock, implies(lockedWrite, failValid && (io.rspError .== m.spec("ERR_ROUTE_LOCKED"))),
              "under ROUTE_LOCK, VMM 0's VMWRITE of a routing field through VMCS 0 is VMfailValid 64")
        let readBack = answering && succeed && (q.head.op .== m.spec("OP_VMREAD")) && q.head.watchHit && s.watchLockable
        check(.routeLockReadBack, implies(readBack, io.rspData .== s.watchValue.zeroExtended(to: 64)),
              "a VMREAD of a routing field returns the last value written to it (under the lock: from before it)")
    }

    /// 5: a VMM other than VMM 0 cannot name another VMM's VMCS.
    func vmmIsolation() {
        let c = s.current, vmcs = q.head.vmcs
        let otherVMM = vmmAccess && (c .!= m.spec("ENTITY_VMM_FLAG")) && (vmcs <= p.vmms - 1) && (c[5, 0] .!= vmcs.zeroExtended(to: 6))
        check(.vmmIsolation, implies(answering && otherVMM, failValid && (io.rspError .== m.spec("ERR_OTHER_VMCS"))),
              "a VMM other than VMM 0 naming another VMM's VMCS gets VMfailValid 65")
    }

    /// 6: a guest's privileged instructions are exits, never VMSUCCEED.
    func guestNoVMSucceed() {
        check(.guestNoVMSucceed, implies(answering && guestInstruction, !succeed),
              "a guest never gets VMSUCCEED for VMREAD/VMWRITE/LAUNCH/RESUME/BITMAP_WRITE")
        let op = q.head.op
        let reason = mux(op .== m.spec("OP_VMREAD"), m.spec("EXIT_REASON_VMREAD"),
                         mux(op .== m.spec("OP_LAUNCH"), m.spec("EXIT_REASON_VMLAUNCH"),
                             mux(op .== m.spec("OP_RESUME"), m.spec("EXIT_REASON_VMRESUME"), m.spec("EXIT_REASON_VMWRITE"))))
        check(.guestNoVMSucceed, implies(answering && guestInstruction, (routed && (io.rspReason .== reason)) || rejected),
              "a guest's privileged instruction is routed as its VMX exit (23, 25, 20, 24, 25) or rejected")
    }
}
