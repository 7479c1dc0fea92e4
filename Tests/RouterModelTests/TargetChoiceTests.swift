import RouterModel
import Testing

/// SPEC 5.2: the static map and the four policies of ROUTE[t].
@Suite struct TargetChoiceTests {
    @Test func staticMapBeatsTheRoutingField() {
        var r = Router()
        r.setRoute(5, policy: Policy.field, vmm: 2)
        #expect(r.execute(.event(reason: 5, qual: 7)) == .routed(target: 1, isSelf: false, fallback: false, policy: Policy.staticMap,
                                                           from: .vmm(0), reason: 5, qual: 7))
        var custom = Router(config: RouterConfig(platformVMM: 3, staticMap: [12]))
        #expect(custom.execute(.event(reason: 12)).target == 3)
        #expect(custom.execute(.event(reason: 5)).policy == Policy.owner)   // 5 is not static here
    }

    @Test func ownerPolicyFromAVMMIsSelf() {
        var r = Router()
        r.setRoute(18, policy: Policy.field, vmm: 2)
        _ = r.execute(.event(reason: 18))                       // VMM 2 runs now
        #expect(r.execute(.event(reason: 12)) == .routed(target: 2, isSelf: true, fallback: false, policy: Policy.owner,
                                                        from: .vmm(2), reason: 12))
    }

    @Test func ownerPolicyFromAGuestAsksTheOwner() {
        let wanting = Router.guestRunning(3, ownedBy: 2) { $0.write(2, VMCSField.proc, 1 << 7) }
        var r = wanting
        #expect(r.execute(.event(reason: 12)) == .routed(target: 2, isSelf: false, fallback: false, policy: Policy.owner,
                                                        from: .guest(3), reason: 12))
        var notWanting = Router.guestRunning(3, ownedBy: 2)
        #expect(notWanting.execute(.event(reason: 12)).target == 0)
        #expect(notWanting.current == .vmm(0))
    }

    @Test func fieldPolicyUsesTheVMMOfTheField() {
        var r = Router()
        r.setRoute(10, policy: Policy.field, vmm: 3)
        #expect(r.execute(.event(reason: 10)).target == 3)
        #expect(r.current == .vmm(3))
    }

    /// Ranges: r0 disabled over 0x60; r1 0x60-0x64 -> VMM 2; r2 0x60-0x6F -> VMM 3; r3 0xFFF0-0xFFFF -> VMM 2.
    static func ioRanges() -> Router {
        var r = Router()
        r.setRoute(30, policy: Policy.ioRange, vmm: 1)
        for (i, (base, limit, ctrl)) in [(0x60, 0x6F, 0x30), (0x60, 0x64, 0x21), (0x60, 0x6F, 0x31), (0xFFF0, 0xFFFF, 0x21)].enumerated() {
            r.write(0, VMCSField.ioBase(i), UInt64(base))
            r.write(0, VMCSField.ioLimit(i), UInt64(limit))
            r.write(0, VMCSField.ioCtrl(i), UInt64(ctrl))
        }
        return r
    }

    @Test(arguments: [
        (0x60, 1, 2),       // r1 (lowest enabled) holds it
        (0x63, 2, 2),       // 0x63-0x64 still in r1
        (0x64, 2, 3),       // 0x64-0x65 leaves r1: r2
        (0x6E, 4, 1),       // 0x6E-0x71 leaves r2: ROUTE[30].vmm
        (0x70, 1, 1),       // no range
        (0xFFFE, 2, 2),     // ends exactly at 0xFFFF
        (0xFFFF, 1, 2),
        (0xFFFE, 4, 1),     // would wrap past 0xFFFF: no range matches
    ])
    func ioRangePolicy(port: Int, size: Int, target: Int) {
        var r = Self.ioRanges()
        let response = r.execute(.event(reason: 30, qual: ioQual(port: port, size: size)))
        #expect(response.target == UInt8(target))
        #expect(response.policy == Policy.ioRange)
    }

    @Test func ioRangePolicyForOtherReasonsUsesTheField() {
        var r = Self.ioRanges()
        r.setRoute(31, policy: Policy.ioRange, vmm: 3)
        #expect(r.execute(.event(reason: 31, qual: ioQual(port: 0x60, size: 1))).target == 3)
    }

    @Test func loadPolicyPicksTheLeastLoadedLowestId() {
        var r = Router()
        r.setRoute(10, policy: Policy.load, vmm: 0)
        r.write(0, VMCSField.eligible(10), 0b1110)
        var tie = r
        #expect(tie.execute(.event(reason: 10)).target == 1)          // all 0: lowest id
        r.write(1, VMCSField.vmmLoad, 2)
        r.write(2, VMCSField.vmmLoad, 1)
        r.write(3, VMCSField.vmmLoad, 1)
        let response = r.execute(.event(reason: 10))
        #expect(response == .routed(target: 2, isSelf: false, fallback: false, policy: Policy.load, from: .vmm(0), reason: 10))
        #expect(r.load(vmm: 2) == 2)
    }

    @Test func loadPolicyWithNoEligibleVMMUsesTheField() {
        var r = Router()
        r.setRoute(10, policy: Policy.load, vmm: 3)
        #expect(r.execute(.event(reason: 10)) == .routed(target: 3, isSelf: false, fallback: false, policy: Policy.load,
                                                        from: .vmm(0), reason: 10))
    }

    /// Busy VMMs are not candidates, except the one running.
    @Test func loadPolicySkipsBusyVMMsButNotTheCurrentOne() {
        var r = Router()
        r.setRoute(18, policy: Policy.field, vmm: 2)
        r.setRoute(19, policy: Policy.field, vmm: 3)
        r.setRoute(10, policy: Policy.load, vmm: 0)
        r.write(0, VMCSField.eligible(10), 0b1110)
        r.write(1, VMCSField.vmmLoad, 5)
        r.write(3, VMCSField.vmmLoad, 3)
        _ = r.execute(.event(reason: 18))           // VMM 2 runs, load 1, returnTo[2] = VMM 0
        _ = r.execute(.event(reason: 19))           // VMM 3 runs, load 4, returnTo[3] = VMM 2
        // Candidates: 1 (load 5), 3 (current, busy, load 4); 2 is busy (load 1) and excluded.
        var copy = r
        #expect(copy.execute(.event(reason: 10)) == .routed(target: 3, isSelf: true, fallback: false, policy: Policy.load,
                                                           from: .vmm(3), reason: 10))
        r.write(3, VMCSField.vmmLoad, 6)
        #expect(r.execute(.event(reason: 10)).target == 1)
    }
}
