import RouterModel
import RouterSpec

/// Functional coverage counters (bins of `CoverageModel`), filled from
/// (command, reference response, reference state before the command).
///
/// `execute(_:on:)` runs one command on the reference router and records it:
/// a few array reads of the state before, the command, the response, then
/// one or a few counter increments. No strings, dictionaries or allocation.
public struct Coverage: Sendable {
    /// The bins the counters belong to.
    public let model: CoverageModel
    /// One hit counter per bin, in bin order (wrapping at UInt32.max).
    public private(set) var counts: [UInt32]
    /// What the sequence bins remember between commands (`Coverage+Sequences.swift`).
    var track: SequenceState

    /// Zero counters for the bins of `model`.
    public init(model: CoverageModel) {
        self.model = model
        counts = Array(repeating: 0, count: model.binCount)
        track = SequenceState(guests: model.config.guests)
    }
    /// Zero counters for the bins of `CoverageModel(config:)`.
    public init(config: RouterConfig) { self.init(model: CoverageModel(config: config)) }

    /// Counters read back from a results file (one per bin, in bin order; saturated at UInt32.max).
    init(model: CoverageModel, counts: [UInt64]) {
        self.init(model: model)
        for i in self.counts.indices where i < counts.count { self.counts[i] = UInt32(min(counts[i], UInt64(UInt32.max))) }
    }

    @inline(__always) mutating func hit(_ i: Int) { if i >= 0 { counts[i] &+= 1 } }

    /// Adds another run's counters (same parameters).
    public mutating func merge(_ other: Coverage) {
        for i in counts.indices { counts[i] &+= other.counts[i] }
    }

    /// Bins that can be hit under these parameters, and how many were.
    public var total: Int { model.binCount - model.excluded.count }
    /// Bins hit at least once (excluded bins not counted).
    public var hits: Int { counts.indices.reduce(0) { $0 + (counts[$1] > 0 && !model.excluded.contains($1) ? 1 : 0) } }
    /// `hits` as a percentage of `total` (100 when there is nothing to hit).
    public var percent: Double { total == 0 ? 100 : Double(hits) * 100 / Double(total) }
    /// True when every bin that can be hit was hit.
    public var isClosed: Bool { hits == total }
    /// True when every bin that can be hit was hit here or in `other` (same model).
    public func isClosed(with other: Coverage) -> Bool {
        for i in counts.indices where counts[i] == 0 && other.counts[i] == 0 && !model.excluded.contains(i) { return false }
        return true
    }

    /// Executes `command` on `router` (the reference) and records the bins of one
    /// command (not the sequence bins: `execute(_:on:)` adds those).
    mutating func executeSingle(_ command: Command, on router: inout Router) -> Response {
        let op = command.op & 7
        let cur = router.current
        if op >= 6 {
            let r = router.execute(command)
            if r.kind == ResponseKind.rejected { hit(model.rejectUnknownOp) }
            return r
        }
        if op == Op.event { return event(command, reason: command.reason, on: &router) }
        if !cur.isVMM {
            hit(model.guestExit + Int(op) - 1)
            let reason = Router.guestExitReason(op: op)
            return event(Command.event(reason: reason), reason: reason, on: &router, original: command)
        }
        let r = router.execute(command)
        switch r.kind {
        case ResponseKind.vmfailInvalid: hit(Int(model.vmfail[0]))
        case ResponseKind.vmfailValid: hit(Int(model.vmfail[Int(r.error)]))
        case ResponseKind.vmsucceed:
            switch op {
            case Op.vmread, Op.vmwrite:
                let cls = Coverage.fieldClass(command.field)
                if cls >= 0 { hit(model.success + cls * 2 + (op == Op.vmread ? 0 : 1)) }
            case Op.launch: hit(model.success + 20)
            case Op.resume: hit(model.success + (Entity(raw: r.current).isVMM ? 22 : 21))
            default: hit(model.success + 23)
            }
        default: break
        }
        return r
    }

    /// The field class index of `CoverageModel.fieldClassNames`, -1 for none.
    @inline(__always)
    static func fieldClass(_ f: UInt32) -> Int {
        switch f {
        case VMCSField.pin, VMCSField.proc, VMCSField.excBitmap, VMCSField.pfecMask, VMCSField.pfecMatch,
             VMCSField.hostRIP, VMCSField.vmmLoad: return 0
        case VMCSField.vmInstrError, VMCSField.exitReason, VMCSField.intrInfo, VMCSField.intrErr,
             VMCSField.exitQual, VMCSField.returnTo, VMCSField.handled: return 1
        case VMCSField.route(0)...VMCSField.route(ExitReason.routableCount - 1): return 2
        case VMCSField.eligible(0)...VMCSField.eligible(ExitReason.routableCount - 1): return 3
        case VMCSField.ioBase(0)...VMCSField.ioBase(SpecParameters.ioRanges.upperBound - 1): return 4
        case VMCSField.ioLimit(0)...VMCSField.ioLimit(SpecParameters.ioRanges.upperBound - 1): return 5
        case VMCSField.ioCtrl(0)...VMCSField.ioCtrl(SpecParameters.ioRanges.upperBound - 1): return 6
        case VMCSField.routeLock: return 7
        case VMCSField.current: return 8
        case VMCSField.owner(0)...VMCSField.owner(SpecParameters.guests.upperBound - 1): return 9
        default: return -1
        }
    }

    /// The SPEC 5.3 row of an event.
    @inline(__always)
    static func ownerRow(reason: UInt16, vector: UInt8, intType: UInt8) -> Int {
        switch reason {
        case ExitReason.exceptionNMI:
            return intType & 7 == InterruptionType.nmi ? OwnerRow.nmi
                : vector == ExceptionVector.pageFault ? OwnerRow.pageFault : OwnerRow.exception
        case ExitReason.externalInterrupt: return OwnerRow.external
        case ExitReason.hlt: return OwnerRow.hlt
        case ExitReason.invlpg: return OwnerRow.invlpg
        case ExitReason.mwait: return OwnerRow.mwait
        case ExitReason.rdpmc: return OwnerRow.rdpmc
        case ExitReason.rdtsc: return OwnerRow.rdtsc
        case ExitReason.movDR: return OwnerRow.movDR
        case ExitReason.monitor: return OwnerRow.monitor
        case ExitReason.pause: return OwnerRow.pause
        case ExitReason.ioInstruction: return OwnerRow.io
        default: return OwnerRow.always
        }
    }

    private mutating func event(_ e: Command, reason t: UInt16, on router: inout Router, original: Command? = nil) -> Response {
        let cur = router.current
        let kind = cur.isVMM ? 1 : 0
        let supported = t < ExitReason.routableCount && model.crossBase[Int(t)] >= 0
        let isStatic = model.config.staticMap.contains(t)
        let policy: UInt8 = !supported ? 0 : isStatic ? Policy.staticMap
            : UInt8(truncatingIfNeeded: router.peek(vmcs: 0, field: VMCSField.route(Int(t))) ?? 0) & UInt8(RouteLayout.policyMask)
        // State before, read only where a bin needs it.
        let owner = !cur.isVMM ? router.owner(guest: cur.id) : 0
        var ioClass = -1, ioRangeClass = -1, loadClass = -1, pfClass = -1
        if supported && !isStatic {
            if policy == Policy.owner && owner != 0 {
                if t == ExitReason.ioInstruction { ioClass = bitmapClass(e.qual, owner: owner, router: router) }
                if t == ExitReason.exceptionNMI && e.vector == ExceptionVector.pageFault && e.intType & 7 != InterruptionType.nmi { pfClass = pageFaultClass(e.errCode, owner: owner, router: router) }
            } else if policy == Policy.ioRange && t == ExitReason.ioInstruction {
                ioRangeClass = rangeClass(e.qual, router: router)
            } else if policy == Policy.load {
                track.pick = Coverage.loadPick(reason: t, current: cur, router: router)
                loadClass = track.pick.candidates == 0 ? 2 : track.pick.ties > 1 ? 1 : 0
            }
        }
        let r = router.execute(original ?? e)
        if r.kind == ResponseKind.rejected {
            switch r.error {
            case RejectCode.unsupportedReason: hit(model.rejectUnsupported)
            case RejectCode.malformedEvent:
                let i = t == ExitReason.exceptionNMI ? 0 : t == ExitReason.externalInterrupt ? 2 : 4
                if t == ExitReason.exceptionNMI || t == ExitReason.externalInterrupt || t == ExitReason.ioInstruction {
                    hit(model.rejectMalformed[i + kind])
                }
            case RejectCode.undeliverable: cross(t, policy: policy, isStatic: isStatic, kind: kind, outcome: 3)
            default: break
            }
            return r
        }
        guard r.kind == ResponseKind.routed else { return r }
        cross(t, policy: r.policy, isStatic: isStatic, kind: kind, outcome: r.fallback ? 2 : r.isSelf ? 1 : 0)
        if r.policy == Policy.owner && !cur.isVMM && owner != 0 {
            let notWanted = Int(r.target) == owner ? 0 : 1
            hit(model.wantRow + 2 * Coverage.ownerRow(reason: t, vector: e.vector, intType: e.intType) + notWanted)
            if pfClass >= 0 { hit(model.pfTable + pfClass) }
            if ioClass >= 0 { hit(model.ioClass + 2 * ioClass + notWanted) }
        }
        if ioRangeClass >= 0 { hit(model.ioRange + ioRangeClass) }
        if loadClass >= 0 && r.policy == Policy.load && !r.fallback { hit(model.loadBins + loadClass) }
        if router.load(vmm: Int(r.target)) == 0xFFFF { hit(model.loadBins + 3) }
        return r
    }

    @inline(__always)
    private mutating func cross(_ t: UInt16, policy: UInt8, isStatic: Bool, kind: Int, outcome: Int) {
        guard t < 64, policy <= 4 else { return }
        let base = model.crossBase[Int(t)]
        let slot = Int(policy) * 8 + kind * 4 + outcome
        let local = isStatic ? model.staticCells[slot] : model.dynamicCells[slot]
        if base >= 0 && local >= 0 { hit(Int(base + local)) }
    }

    /// I/O corner class when the owner's bitmaps decide (PROC 25 on, bitmaps present), else -1.
    private func bitmapClass(_ qual: UInt64, owner k: Int, router: Router) -> Int {
        guard model.config.ioBitmaps, (router.peek(vmcs: k, field: VMCSField.proc) ?? 0) & (1 << 25) != 0 else { return -1 }
        let port = Int(qual >> 16) & 0xFFFF, end = port + Int(qual & 7)
        if end > 0xFFFF { return 4 }
        if port <= 0x7FFF && end >= 0x8000 { return 2 }
        if port >> 5 != end >> 5 { return 3 }
        return port <= 0x7FFF ? 0 : 1
    }

    private func pageFaultClass(_ err: UInt32, owner k: Int, router: Router) -> Int {
        let mask = UInt32(truncatingIfNeeded: router.peek(vmcs: k, field: VMCSField.pfecMask) ?? 0)
        let match = UInt32(truncatingIfNeeded: router.peek(vmcs: k, field: VMCSField.pfecMatch) ?? 0)
        let bit14 = (router.peek(vmcs: k, field: VMCSField.excBitmap) ?? 0) >> 14 & 1
        return (err & mask == match ? 2 : 0) + Int(bit14)
    }

    private func rangeClass(_ qual: UInt64, router: Router) -> Int {
        let port = Int(qual >> 16) & 0xFFFF, end = port + Int(qual & 7)
        var straddle = false
        for i in 0..<model.config.ioRanges {
            guard (router.peek(vmcs: 0, field: VMCSField.ioCtrl(i)) ?? 0) & 1 == 1 else { continue }
            let base = Int(router.peek(vmcs: 0, field: VMCSField.ioBase(i)) ?? 0)
            let limit = Int(router.peek(vmcs: 0, field: VMCSField.ioLimit(i)) ?? 0)
            if base <= port && end <= limit { return 0 }
            if base <= port && port <= limit { straddle = true }
        }
        return straddle ? (end > 0xFFFF ? 3 : 2) : 1
    }

    /// The LOAD choice of 5.2 seen from the state before the event.
    private static func loadPick(reason t: UInt16, current: Entity, router: Router) -> LoadPick {
        let eligible = router.peek(vmcs: 0, field: VMCSField.eligible(Int(t))) ?? 0
        var best = Int.max, ties = 0, candidates = 0, lowestBusy = Int.max
        for v in 0..<router.config.vmms where eligible >> UInt64(v) & 1 == 1 {
            let l = router.load(vmm: v)
            guard (current.isVMM && current.id == v) || !router.isBusy(vmm: v) else { lowestBusy = min(lowestBusy, l); continue }
            candidates += 1
            if l < best { best = l; ties = 1 } else if l == best { ties += 1 }
        }
        return LoadPick(candidates: candidates, ties: ties, busySkipped: lowestBusy < best && candidates > 0, lowest: best)
    }
}
