import RouterModel
import RouterSpec

/// The boot-time configuration VMM 0 performs first (see the distribution in
/// `RandomTraceGenerator`).
extension RandomTraceGenerator {
    /// Ports where routing decisions change: bitmap A/B boundary, the top of
    /// the port space (wrap), and common devices.
    static let interestingPorts: [Int] = [0x0, 0x1F, 0x20, 0x60, 0x64, 0x70, 0x3F8, 0xCF8, 0xCFC,
                                          0x7FFC, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFF0, 0xFFFC, 0xFFFD, 0xFFFE, 0xFFFF]

    /// Entry point of VMM `vmm`: distinct per VMM, so a wrong target shows in `entry`.
    static func hostRIP(vmm: Int, salt: UInt64) -> UInt64 {
        0xFFFF_8000_0000_0000 | UInt64(vmm) << 32 | (salt & 0xFFFF) << 4
    }

    mutating func makeBootScript() -> [Command] {
        var s: [Command] = []
        func w(_ vmcs: Int, _ field: UInt32, _ data: UInt64) { s.append(.vmwrite(vmcs: UInt8(vmcs), field: field, data: data)) }
        for vmm in 0..<v {
            w(vmm, VMCSField.hostRIP, Self.hostRIP(vmm: vmm, salt: rng.next()))
            w(vmm, VMCSField.pin, randomPin())
            w(vmm, VMCSField.proc, randomProc())
            w(vmm, VMCSField.excBitmap, rng.next() & 0xFFFF_FFFF)
            w(vmm, VMCSField.pfecMask, rng.below(32))
            w(vmm, VMCSField.pfecMatch, rng.below(32))
        }
        let staticSet = Set(config.staticMap)
        let alwaysRouted = [ExitReason.exceptionNMI, ExitReason.externalInterrupt, ExitReason.hlt, ExitReason.ioInstruction]
        for t in RouterConfig.supportedReasons where !staticSet.contains(t) && (rng.chance(60) || alwaysRouted.contains(t)) {
            let route = randomRouteValue(reason: Int(t))
            w(0, VMCSField.route(Int(t)), route)
            if route & UInt64(RouteLayout.policyMask) == UInt64(Policy.load) || rng.chance(20) { w(0, VMCSField.eligible(Int(t)), randomEligible()) }
        }
        for r in 0..<config.ioRanges {
            let (base, limit) = randomIORange()
            w(0, VMCSField.ioBase(r), UInt64(base))
            w(0, VMCSField.ioLimit(r), UInt64(limit))
            w(0, VMCSField.ioCtrl(r), (rng.chance(80) ? UInt64(IOCtrlLayout.enable) : 0) | UInt64(below(v)) << UInt64(IOCtrlLayout.vmmShift))
        }
        if config.ioBitmaps {
            for vmm in 0..<v {
                for _ in 0..<3 { s.append(.bitmapWrite(vmcs: UInt8(vmm), word: interestingWord(), data: randomBitmapData())) }
            }
        }
        for vmm in 0..<v where rng.chance(30) { w(vmm, VMCSField.vmmLoad, rng.below(3)) }
        if bias.saturate > 0 { for vmm in 0..<v where rng.chance(bias.saturate) { w(vmm, VMCSField.vmmLoad, 0xFFFF) } }
        return s
    }

    mutating func randomPin() -> UInt64 {
        (rng.chance(50) ? 1 << UInt64(OwnerControls.pinExternalInterruptExiting) : 0)
            | (rng.chance(50) ? 1 << UInt64(OwnerControls.pinNMIExiting) : 0)
            | (rng.chance(10) ? rng.next() & 0xFFFF_FFF0 : 0)
    }

    /// PROC with each routing bit of 5.3 set half the time, plus some noise bits.
    mutating func randomProc() -> UInt64 {
        var p: UInt64 = 0
        let bits = [OwnerControls.procHLTExiting, OwnerControls.procINVLPGExiting, OwnerControls.procMWAITExiting,
                    OwnerControls.procRDPMCExiting, OwnerControls.procRDTSCExiting, OwnerControls.procMovDRExiting,
                    OwnerControls.procUnconditionalIOExiting, OwnerControls.procUseIOBitmaps,
                    OwnerControls.procMONITORExiting, OwnerControls.procPAUSEExiting]   // ascending: the stream depends on the order
        for b in bits where rng.chance(50) { p |= 1 << UInt64(b) }
        if rng.chance(10) { p |= rng.next() & 0x8C7C_F97F }   // bits routing ignores
        return p
    }

    /// A valid ROUTE value; reason 30 favours IO_RANGE, others spread over all four policies.
    mutating func randomRouteValue(reason: Int) -> UInt64 {
        let policy: UInt64
        if bias.policy >= 0 && rng.chance(50) { policy = UInt64(bias.policy) }
        else if reason == ExitReason.ioInstruction && rng.chance(60) { policy = UInt64(Policy.ioRange) } else {
            let roll = below(100)
            policy = UInt64(roll < 35 ? Policy.owner : roll < 55 ? Policy.field : roll < 65 ? Policy.ioRange : Policy.load)
        }
        return policy | UInt64(below(v)) << UInt64(RouteLayout.vmmShift)
    }

    /// A non-empty set of VMMs (sometimes all of them).
    mutating func randomEligible() -> UInt64 {
        let all: UInt64 = (1 << UInt64(v)) - 1
        if bias.loadTies > 0 && rng.chance(bias.loadTies) { return all }
        if rng.chance(20) { return all }
        let set = rng.next() & all
        return set == 0 ? 1 << UInt64(below(v)) : set
    }

    /// Base and limit around interesting ports; sometimes empty (limit < base).
    mutating func randomIORange() -> (Int, Int) {
        let base = rng.chance(70) ? pick(Self.interestingPorts) & ~3 : below(IOQualification.portCount)
        var limit = min(0xFFFF, base + [0, 1, 3, 7, 15, 255][below(6)])
        if rng.chance(8) { limit = max(0, base - 1) }
        return (base, limit)
    }

    /// Words holding interesting ports, plus the ends of bitmaps A and B.
    mutating func interestingWord() -> UInt32 {
        let words = IOBitmap.wordsPerVMM      // bitmap A is words 0..1023, B 1024..2047
        return rng.chance(70) ? UInt32(pick(Self.interestingPorts) >> 5) : UInt32(pick([0, words / 2 - 1, words / 2, words - 1, below(words)]))
    }

    mutating func randomBitmapData() -> UInt32 {
        switch below(5) {
        case 0: return 0
        case 1: return 0xFFFF_FFFF
        case 2: return 1 << UInt32(below(32))
        case 3: return 0x8000_0001
        default: return UInt32(truncatingIfNeeded: rng.next())
        }
    }
}
