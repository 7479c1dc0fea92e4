import RouterModel
import RouterSpec

/// The LOAD choice (5.2) an event met, seen from the state before it.
struct LoadPick: Sendable {
    /// Set when the event was routed under LOAD and the fields below were computed.
    var computed = false
    /// Eligible VMMs that could take it (the running one or not busy).
    var candidates = 0
    /// Candidates sharing the lowest load.
    var ties = 0
    /// An eligible but busy VMM had a lower load than the winner.
    var busySkipped = false
    /// The lowest load among the candidates (the tied value).
    var lowest = 0

    init() {}
    init(candidates: Int, ties: Int, busySkipped: Bool, lowest: Int) {
        computed = true; self.candidates = candidates; self.ties = ties; self.busySkipped = busySkipped; self.lowest = lowest
    }
}

/// What the sequence bins remember from one command to the next: fixed-size,
/// allocated once per `Coverage` (one stream or scenario from reset).
struct SequenceState: Sendable {
    /// 0: the last command was not an exit; 1: an exit that interrupted a guest; 2: one that interrupted a VMM.
    var afterExit = 0
    /// Successful RESUMEs in a row so far.
    var resumeRun = 0
    /// Per guest: its owner changed at its last LAUNCH.
    var ownerChanged: [Bool]
    /// The LOAD choice of the current event (reset every command).
    var pick = LoadPick()

    init(guests: Int) { ownerChanged = Array(repeating: false, count: max(guests, 1)) }
}

/// The state a sequence bin needs from before a command: a few reads, no allocation.
struct StateBefore {
    var current: Entity
    var busy = 0                // busy VMMs (the length of the handler chain)
    var saturated: UInt32 = 0   // bit v: load[v] == 0xFFFF
    var currentLoad = 0
    var locked: Bool
    var returnsToGuest = false  // the running VMM's returnTo holds a guest
    var ownerBefore = -1        // LAUNCH: owner of the guest launched

    @inline(__always)
    init(_ router: Router, _ c: Command) {
        current = router.current
        locked = router.isRouteLocked
        let op = c.op & 7
        // Depth, loads and owner matter to events (a guest's ops 1-5 are events), RESUME and LAUNCH only.
        guard op == Op.event || op == Op.resume || op == Op.launch || !current.isVMM else { return }
        for v in 0..<router.config.vmms {
            if router.isBusy(vmm: v) { busy += 1 }
            if router.load(vmm: v) == 0xFFFF { saturated |= 1 << UInt32(v) }
        }
        if current.isVMM {
            currentLoad = router.load(vmm: current.id)
            if let r = router.returnTo(vmm: current.id), !r.isVMM { returnsToGuest = true }
            if op == Op.launch && Int(c.guest) < router.config.guests { ownerBefore = router.owner(guest: Int(c.guest)) }
        }
    }
}

extension Coverage {
    /// Executes `command` on `router` (the reference) and records its coverage:
    /// the bins of the command itself, then the transition and sequence bins
    /// and the cross (what it did given what came before).
    public mutating func execute(_ command: Command, on router: inout Router) -> Response {
        let before = StateBefore(router, command)
        track.pick = LoadPick()
        let r = executeSingle(command, on: &router)
        recordSequence(command, before, r, router)
        return r
    }

    @inline(__always)
    private mutating func recordSequence(_ c: Command, _ b: StateBefore, _ r: Response, _ router: Router) {
        let s = model.seq
        let op = Int(c.op & 7)
        let isVMM = b.current.isVMM
        if track.afterExit != 0 && isVMM { hit(s.handler + (track.afterExit - 1) * 7 + min(op, 6)) }
        track.afterExit = 0
        let resumed = isVMM && op == Int(Op.resume) && r.kind == ResponseKind.vmsucceed
        track.resumeRun = resumed ? track.resumeRun + 1 : 0
        if resumed {
            hit(s.resumeDepth + max(b.busy, 1) - 1)
            if track.resumeRun >= 2 { hit(s.resumeChain + min(track.resumeRun, model.config.vmms) - 2) }
            if b.currentLoad == 0xFFFF { hit(s.loadPick + 2 * model.config.vmms - 1 + 3) }
            if b.currentLoad == 0 { hit(s.loadPick + 2 * model.config.vmms - 1 + 4) }
            return
        }
        if r.kind == ResponseKind.routed || (r.kind == ResponseKind.rejected && r.error == RejectCode.undeliverable) {
            routedSequence(c, b, r, router)
            return
        }
        guard isVMM else { return }
        if op == Int(Op.launch) && r.kind == ResponseKind.vmsucceed && b.ownerBefore >= 0 {
            let changed = b.ownerBefore != b.current.id
            hit(s.owner + (changed ? 1 : 0))
            if b.returnsToGuest { hit(s.owner + 2) }
            track.ownerChanged[Int(c.guest)] = changed
        } else if op == Int(Op.vmwrite) || op == Int(Op.vmread) {
            lockSequence(c, b, r, write: op == Int(Op.vmwrite))
        }
    }

    @inline(__always)
    private mutating func lockSequence(_ c: Command, _ b: StateBefore, _ r: Response, write: Bool) {
        let s = model.seq
        let cls = Coverage.fieldClass(c.field)
        guard cls >= 2 && cls <= 7 else { return }
        if !write {
            if b.locked && r.kind == ResponseKind.vmsucceed { hit(s.lock + 8) }
            return
        }
        if !b.locked && cls == 7 && r.kind == ResponseKind.vmsucceed && c.data & 1 == 1 { hit(s.lock) }
        guard b.locked && r.kind == ResponseKind.vmfailValid && r.error == VMError.routeLocked else { return }
        hit(s.lock + cls - 1)
        if cls == 2 && !Coverage.isValidRoute(c.data, vmms: model.config.vmms) { hit(s.lock + 7) }
    }

    /// The 6.2 ROUTE value check on the operand cut to 32 bits.
    static func isValidRoute(_ data: UInt64, vmms: Int) -> Bool {
        let d = data & 0xFFFF_FFFF
        return d & 7 <= 3 && Int(d >> 4 & 0xF) < vmms && d & ~0xF7 == 0
    }

    @inline(__always)
    private mutating func routedSequence(_ c: Command, _ b: StateBefore, _ r: Response, _ router: Router) {
        let s = model.seq, v = model.config.vmms
        let cur = b.current
        let routed = r.kind == ResponseKind.routed
        let reason = cur.isVMM ? c.reason : (c.op & 7 == Op.event ? c.reason : Router.guestExitReason(op: c.op & 7))
        guard reason < 64 else { return }
        // Cross: policy x deliverability x kind x reason class.
        let policy = routed ? Int(r.policy) : (model.config.staticMap.contains(reason) ? Int(Policy.staticMap)
            : Int(UInt8(truncatingIfNeeded: router.peek(vmcs: 0, field: VMCSField.route(Int(reason))) ?? 0) & UInt8(RouteLayout.policyMask)))
        let d = !routed ? CoverageCross.undeliverable
            : r.fallback ? (r.isSelf ? CoverageCross.fallbackSelf : CoverageCross.fallbackExit)
            : r.isSelf ? CoverageCross.selfDelivery : CoverageCross.exit
        let kind = !cur.isVMM ? CoverageCross.guest : cur.id != 0 ? CoverageCross.otherVMM
            : b.busy == 0 ? CoverageCross.idleMain : CoverageCross.busyMain
        if policy <= 4 {
            let cell = model.seq.cross[CoverageCross.slot(policy: policy, deliverability: d, kind: kind, reasonClass: CoverageCross.reasonClass(reason))]
            if cell >= 0 { hit(Int(cell)) }
        }
        guard routed else { return }
        if b.locked { hit(s.lock + 9) }
        if b.saturated >> UInt32(r.target) & 1 == 1 { hit(s.loadPick + 2 * v - 1 + 2) }
        if !r.isSelf {   // a transition: the target's handler starts
            hit(s.nesting + (!cur.isVMM ? 0 : b.busy == 0 ? 1 : min(b.busy + 1, v)))
            track.afterExit = cur.isVMM ? 2 : 1
        }
        if r.policy == Policy.load && !r.fallback && track.pick.computed && track.pick.candidates > 0 {
            let p = track.pick
            hit(s.loadPick + min(p.candidates, v) - 1)
            if p.ties >= 2 { hit(s.loadPick + v + min(p.ties, v) - 2) }
            if p.busySkipped { hit(s.loadPick + 2 * v - 1) }
            if r.isSelf { hit(s.loadPick + 2 * v - 1 + 1) }
            if p.ties >= v && p.lowest == 0xFFFF {   // every VMM tied at saturation, by who raised the event
                hit(s.loadPick + 2 * v - 1 + 5 + (!cur.isVMM ? 0 : cur.id == 0 && b.busy == 0 ? 1 : 2))
            }
        }
        if r.policy == Policy.owner && !cur.isVMM && cur.id < track.ownerChanged.count && track.ownerChanged[cur.id] {
            let owner = router.owner(guest: cur.id)
            if owner != 0 { hit(s.owner + (Int(r.target) == owner ? 3 : 4)) }
        }
    }
}
