import RouterModel
import Stimulus
import Testing

/// The random stream reaches the deep states it promises (RandomTraceGenerator's
/// doc comment), checked by running it through the reference router.
@Suite struct CoverageTests {
    struct Seen {
        var rejected = Set<UInt8>(), vmfail = Set<UInt8>(), policies = Set<UInt8>(), kinds = Set<UInt8>()
        var selfFallback = false, otherFallback = false, loadTie = false, lockedWrite = false
        var maxBusy = 0, guestOfNonMainVMM = false, guestExit = false, saturated = false
    }

    static func run(seed: UInt64, count: Int, config: RouterConfig = .default) -> Seen {
        var g = RandomTraceGenerator(seed: seed, config: config)
        var r = Router(config: config)
        var seen = Seen()
        for _ in 0..<count {
            let c = g.next()
            if c.op == Op.event, r.current.isVMM, let tie = loadTie(r, c) { seen.loadTie = seen.loadTie || tie }
            let wasGuest = !r.current.isVMM
            let resp = r.execute(c)
            seen.kinds.insert(resp.kind)
            switch resp.kind {
            case ResponseKind.rejected: seen.rejected.insert(resp.error)
            case ResponseKind.vmfailValid: seen.vmfail.insert(resp.error); if resp.error == 64 { seen.lockedWrite = true }
            case ResponseKind.routed:
                seen.policies.insert(resp.policy)
                if resp.fallback { if resp.isSelf { seen.selfFallback = true } else { seen.otherFallback = true } }
                if wasGuest && c.op != Op.event { seen.guestExit = true }
                if r.load(vmm: Int(resp.target)) == 0xFFFF { seen.saturated = true }
            default: break
            }
            seen.maxBusy = max(seen.maxBusy, (0..<config.vmms).filter { r.isBusy(vmm: $0) }.count)
            if !r.current.isVMM && r.owner(guest: r.current.id) != 0 { seen.guestOfNonMainVMM = true }
        }
        return seen
    }

    /// Whether a LOAD-routed event would see two or more candidates with the lowest load.
    static func loadTie(_ r: Router, _ c: Command) -> Bool? {
        guard c.reason < 64, !r.config.staticMap.contains(c.reason),
              let route = r.peek(vmcs: 0, field: VMCSField.route(Int(c.reason))), route & 7 == 3,
              let eligible = r.peek(vmcs: 0, field: VMCSField.eligible(Int(c.reason))) else { return nil }
        let candidates = (0..<r.config.vmms).filter { eligible >> UInt64($0) & 1 == 1 && (r.current == .vmm($0) || !r.isBusy(vmm: $0)) }
        guard let low = candidates.map({ r.load(vmm: $0) }).min() else { return false }
        return candidates.filter { r.load(vmm: $0) == low }.count >= 2
    }

    @Test func defaultParametersReachTheDeepStates() {
        let s = Self.run(seed: 1, count: 60_000)
        #expect(s.kinds == [0, 1, 2, 3, 4])
        #expect(s.rejected == [1, 2, 3, 4])
        #expect(s.vmfail == [5, 7, 12, 13, 64, 65, 66, 67])
        #expect(s.policies == [0, 1, 2, 3, 4])
        #expect(s.selfFallback && s.otherFallback)
        #expect(s.loadTie && s.lockedWrite && s.guestOfNonMainVMM && s.guestExit && s.saturated)
        #expect(s.maxBusy >= 3)
    }

    @Test func smallAndLargeParametersToo() {
        let small = Self.run(seed: 2, count: 20_000, config: RouterConfig(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: [], ioBitmaps: false))
        #expect(small.rejected == [1, 2, 3, 4])
        #expect(small.policies == [0, 1, 2, 3])
        let large = Self.run(seed: 3, count: 20_000, config: RouterConfig(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 9, staticMap: [5, 6, 55]))
        #expect(large.rejected == [1, 2, 3, 4])
        #expect(large.policies == [0, 1, 2, 3, 4])
        #expect(large.maxBusy >= 4)
    }
}
