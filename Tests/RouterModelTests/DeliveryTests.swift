import RouterModel
import Testing

/// SPEC 5.4 deliverability and 5.5 effects of a ROUTED response.
@Suite struct DeliveryTests {
    /// VMM 0 -> (18) VMM 2 -> (19) VMM 0: VMM 0 runs and is busy, VMM 2 is busy.
    static func vmm0RunsWhileVMM2Busy() -> Router {
        var r = Router()
        r.setRoute(18, policy: Policy.field, vmm: 2)
        r.setRoute(19, policy: Policy.field, vmm: 0)
        r.setRoute(10, policy: Policy.field, vmm: 2)
        _ = r.execute(.event(reason: 18))
        _ = r.execute(.event(reason: 19))
        precondition(r.current == .vmm(0) && r.returnTo(vmm: 0) == .vmm(2) && r.returnTo(vmm: 2) == .vmm(0))
        return r
    }

    @Test func selfDeliveryKeepsReturnTo() {
        var r = Router()
        r.write(0, VMCSField.hostRIP, 0x1000)
        #expect(r.execute(.event(reason: 10)) == .routed(target: 0, isSelf: true, fallback: false, policy: Policy.owner,
                                                        from: .vmm(0), reason: 10, entry: 0x1000))
        #expect(r.returnTo(vmm: 0) == nil)
        #expect(r.current == .vmm(0))
        #expect(r.load(vmm: 0) == 1 && r.handled(vmm: 0) == 1)
    }

    @Test func busyTargetFromVMM0IsSelfFallback() {
        var r = Self.vmm0RunsWhileVMM2Busy()
        #expect(r.execute(.event(reason: 10)) == .routed(target: 0, isSelf: true, fallback: true, policy: Policy.field,
                                                        from: .vmm(0), reason: 10))
        #expect(r.returnTo(vmm: 0) == .vmm(2))                 // unchanged by self delivery
        #expect(r.load(vmm: 0) == 2)
    }

    @Test func busyTargetFromElsewhereFallsBackToVMM0() {
        var r = Router()
        r.setRoute(18, policy: Policy.field, vmm: 2)
        r.setRoute(19, policy: Policy.field, vmm: 3)
        r.setRoute(10, policy: Policy.field, vmm: 2)
        _ = r.execute(.event(reason: 18))                      // VMM 2 (returnTo VMM 0)
        _ = r.execute(.event(reason: 19))                      // VMM 3 (returnTo VMM 2)
        #expect(r.execute(.event(reason: 10)) == .routed(target: 0, isSelf: false, fallback: true, policy: Policy.field,
                                                        from: .vmm(3), reason: 10))
        #expect(r.returnTo(vmm: 0) == .vmm(3))
        #expect(r.current == .vmm(0))
    }

    @Test func undeliverableWhenVMM0IsBusyToo() {
        var r = Self.vmm0RunsWhileVMM2Busy()
        r.setRoute(20, policy: Policy.field, vmm: 3)
        _ = r.execute(.event(reason: 20))                      // VMM 3 runs; busy: 0, 2, 3
        let before = r
        #expect(r.execute(.event(reason: 10)) == .rejected(RejectCode.undeliverable))
        #expect(r.execute(.event(reason: 19)) == .rejected(RejectCode.undeliverable))   // target VMM 0 itself
        #expect(r == before)
    }

    /// Nesting from a guest: guest 1 -> VMM 3 -> VMM 2, then two RESUMEs unwind
    /// the chain. (While a guest runs no VMM is busy: see PropertyTests.)
    @Test func nestedChainUnwindsByResume() {
        var r = Router.guestRunning(1, ownedBy: 2) {
            $0.setRoute(10, policy: Policy.field, vmm: 3)
            $0.setRoute(11, policy: Policy.field, vmm: 2)
        }
        #expect(r.execute(.event(reason: 10)).target == 3)
        #expect(r.execute(.event(reason: 11)) == .routed(target: 2, isSelf: false, fallback: false, policy: Policy.field,
                                                        from: .vmm(3), reason: 11))
        #expect(r.returnTo(vmm: 2) == .vmm(3) && r.returnTo(vmm: 3) == .guest(1))
        #expect(r.execute(.resume) == ok(0, .vmm(3)))
        #expect(r.execute(.resume) == ok(0, .guest(1)))
        #expect(r.returnTo(vmm: 2) == nil && r.returnTo(vmm: 3) == nil)
    }

    @Test func routedEffects() {
        var r = Router.guestRunning(4, ownedBy: 2) {
            $0.write(3, VMCSField.hostRIP, 0xFFFF_8000_1234_5678)
            $0.setRoute(0, policy: Policy.field, vmm: 3)
            $0.setRoute(1, policy: Policy.field, vmm: 3)
        }
        let pf = r.execute(.event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: 0xDEAD_BEEF, qual: 0xFFFF_FFFF_FFFF_F000))
        #expect(pf == .routed(target: 3, isSelf: false, fallback: false, policy: Policy.field, from: .guest(4), reason: 0,
                              qual: 0xFFFF_FFFF_FFFF_F000, info: 0x8000_0B0E, errCode: 0xDEAD_BEEF, entry: 0xFFFF_8000_1234_5678))
        #expect(r.current == .vmm(3) && r.returnTo(vmm: 3) == .guest(4))
        #expect(r.load(vmm: 3) == 1 && r.handled(vmm: 3) == 1)
        #expect(r.peek(vmcs: 3, field: VMCSField.exitReason) == 0)
        #expect(r.peek(vmcs: 3, field: VMCSField.exitQual) == 0xFFFF_FFFF_FFFF_F000)
        #expect(r.peek(vmcs: 3, field: VMCSField.intrInfo) == 0x8000_0B0E)
        #expect(r.peek(vmcs: 3, field: VMCSField.intrErr) == 0xDEAD_BEEF)
        #expect(r.peek(vmcs: 3, field: VMCSField.returnTo) == 0x104)

        // Self delivery to VMM 3: reason 1 uses type 0 and errValid 0 whatever the operands say.
        let irq = r.execute(.event(reason: 1, vector: 0x41, errValid: true, errCode: 9))
        #expect(irq == .routed(target: 3, isSelf: true, fallback: false, policy: Policy.field, from: .vmm(3), reason: 1,
                               info: 0x8000_0041, entry: 0xFFFF_8000_1234_5678))
        #expect(r.peek(vmcs: 3, field: VMCSField.intrErr) == 0)
        #expect(r.peek(vmcs: 3, field: VMCSField.exitQual) == 0)
        #expect(r.returnTo(vmm: 3) == .guest(4))

        // An exception without an error code: errValid 0 in INTR_INFO, INTR_ERR 0.
        let ud = r.execute(.event(reason: 0, vector: 6, intType: 6, errCode: 5))
        #expect(ud.info == 0x8000_0606 && ud.errCode == 0)
        #expect(r.peek(vmcs: 3, field: VMCSField.intrErr) == 0)
        // Other reasons: INTR_INFO 0.
        _ = r.execute(.event(reason: 30, qual: 0x0060_0008))
        #expect(r.peek(vmcs: 3, field: VMCSField.intrInfo) == 0 && r.peek(vmcs: 3, field: VMCSField.exitReason) == 30)
        #expect(r.handled(vmm: 3) == 4 && r.load(vmm: 3) == 4)
    }

    @Test func loadSaturatesAt0xFFFF() {
        var r = Router()
        r.write(0, VMCSField.vmmLoad, 0xFFFF)
        _ = r.execute(.event(reason: 10))
        #expect(r.load(vmm: 0) == 0xFFFF)
        #expect(r.handled(vmm: 0) == 1)
    }
}

@Suite struct StateSummaryTests {
    @Test func summaryNamesTheState() {
        var r = Router(config: RouterConfig(vmms: 3, guests: 2, platformVMM: 1))
        r.setRoute(18, policy: Policy.field, vmm: 2)
        _ = r.execute(.event(reason: 18))
        #expect(r.stateSummary == "current vmm 2; returnTo 0:-, 1:-, 2:vmm 0; load 0,0,1; handled 0,0,1; owner 0,0; lock 0")
    }
}
