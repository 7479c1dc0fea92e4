import RouterModel
import RouterSpec

/// Coverage-driven steering of a VMM's commands (`StimulusBias`): events aimed
/// at a VMM that is free (deeper nesting) or busy (fallback, undeliverable),
/// RESUMEs that unwind a full handler chain, LAUNCHes that change a guest's
/// owner. The aim reads the shadow router's routing table; it is stimulus,
/// not an oracle (a mis-aimed event is just another random event).
extension RandomTraceGenerator {
    /// A steered command for VMM `me`, or nil to draw from the plain distribution.
    mutating func steeredCommand(_ me: Int, returnTo ret: Entity?) -> Command? {
        if bias.idle > 0 && me == 0 && ret == nil && busyCount == 0 && rng.chance(bias.idle) { return randomEvent() }
        if bias.dive > 0 && rng.chance(bias.dive), let e = aimedEvent(me, busyTarget: false) { return e }
        if bias.collide > 0 && rng.chance(bias.collide), let e = aimedEvent(me, busyTarget: true) { return e }
        if bias.unwind > 0 && ret != nil && (bias.dive == 0 || busyCount == v) && rng.chance(bias.unwind) { return .resume }
        if bias.ownerChange > 0 && ret?.isVMM != true && rng.chance(bias.ownerChange) {
            for _ in 0..<4 {
                let g = below(config.guests)
                if shadow.owner(guest: g) != me { return .launch(guest: UInt8(g)) }
            }
        }
        return nil
    }

    /// VMMs with a handler open.
    var busyCount: Int {
        var n = 0
        for vmm in 0..<v where shadow.isBusy(vmm: vmm) { n += 1 }
        return n
    }

    /// An event whose target (as the shadow's table routes it now) is another
    /// VMM that is busy (`busyTarget`) or free; nil when a few tries find none.
    mutating func aimedEvent(_ me: Int, busyTarget: Bool) -> Command? {
        for _ in 0..<8 {
            let t = !bias.reasons.isEmpty && rng.chance(50) ? pick(bias.reasons) : pick(RouterConfig.supportedReasons)
            guard let target = predictedTarget(t, me: me), target != me else { continue }
            if shadow.isBusy(vmm: target) == busyTarget { return event(reason: t) }
        }
        return nil
    }

    /// The VMM 5.2 chooses for reason `t` while VMM `me` runs, before 5.4; nil
    /// for OWNER (the running VMM itself) and for I/O under IO_RANGE (depends on the port).
    func predictedTarget(_ t: UInt16, me: Int) -> Int? {
        if config.staticMap.contains(t) { return config.platformVMM }
        let e = shadow.peek(vmcs: 0, field: VMCSField.route(Int(t))) ?? 0
        let fieldVMM = Int(e >> UInt64(RouteLayout.vmmShift) & UInt64(RouteLayout.vmmMask))
        switch UInt8(e & UInt64(RouteLayout.policyMask)) {
        case Policy.owner: return nil
        case Policy.field: return fieldVMM
        case Policy.ioRange: return t == ExitReason.ioInstruction ? nil : fieldVMM
        default:
            let eligible = shadow.peek(vmcs: 0, field: VMCSField.eligible(Int(t))) ?? 0
            var best = -1, low = Int.max
            for vmm in 0..<v where eligible >> UInt64(vmm) & 1 == 1 && (vmm == me || !shadow.isBusy(vmm: vmm)) {
                if shadow.load(vmm: vmm) < low { low = shadow.load(vmm: vmm); best = vmm }
            }
            return best >= 0 ? best : fieldVMM
        }
    }
}
