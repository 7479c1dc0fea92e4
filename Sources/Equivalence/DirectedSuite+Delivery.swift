import RouterModel

/// Scenarios for SPEC 5.4 (deliverability) and 5.5 (effects of a ROUTED response).
extension DirectedSuite {
    static func fallbackFromVMM0(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10, 30] + c.staticMap)
        b.setUpNavigation()
        b.route(10, policy: Policy.field, vmm: b.vmm(2))
        b.route(30, policy: Policy.load, vmm: b.vmm(3))
        b.write(0, VMCSField.eligible(30), 1 << UInt64(b.vmm(2)))
        b.launch(0)
        b.enter(vmm: 2)            // vmm2 busy with guest 0
        b.enter(vmm: 0)            // VMM 0 running, busy with vmm2
        b.wellFormed(10)           // FIELD -> busy vmm2: self delivery to 0, fallback
        b.wellFormed(30)           // LOAD: vmm2 not a candidate -> ROUTE vmm
        b.enter(vmm: 2)            // navigation to busy vmm2: fallback too
        for t in c.staticMap where c.platformVMM == b.vmm(2) { b.wellFormed(t) }
        b.resume(); b.resume()
        return b.scenario("5.4 busy target while VMM 0 runs -> self fallback")
    }

    static func undeliverable(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10] + c.staticMap)
        b.setUpNavigation()
        b.route(10, policy: Policy.field, vmm: b.vmm(2))
        b.launch(0)
        b.enter(vmm: 2)            // vmm2 busy (guest 0)
        b.enter(vmm: 0)            // VMM 0 busy (vmm2)
        b.enter(vmm: 3)            // vmm3 running, busy (VMM 0)
        b.wellFormed(10)           // target vmm2 busy, VMM 0 busy -> rejected 3
        b.enter(vmm: 2)
        b.event(0, vector: 14, intType: 3)                 // OWNER from a VMM: self
        for t in c.staticMap { b.wellFormed(t) }           // platform VMM busy? then rejected 3
        b.read(0, VMCSField.current)
        b.resume(); b.resume(); b.resume()
        return b.scenario("5.4 busy target and busy VMM 0 -> rejected 3")
    }

    static func fallbackToVMM0(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10] + c.staticMap)
        b.setUpNavigation()
        b.route(10, policy: Policy.field, vmm: b.vmm(2))
        b.launch(0)
        b.enter(vmm: 2)            // vmm2 busy (guest 0)
        b.enter(vmm: 1)            // vmm1 running, busy (vmm2)
        b.wellFormed(10)           // vmm2 busy, VMM 0 free -> VMM 0, fallback
        b.read(0, VMCSField.returnTo)
        b.resume(); b.resume(); b.resume(); b.resume()
        return b.scenario("5.4 busy target, VMM 0 free -> VMM 0 fallback")
    }

    static func exitInformation(_ c: RouterConfig) -> Scenario {
        let tested: [UInt16] = [0, 1, 30, 10, 12]
        var b = TraceBuilder(c, avoiding: tested)
        b.setUpNavigation()
        let v = b.vmm(1)
        for t in tested where !c.staticMap.contains(t) { b.route(t, policy: Policy.field, vmm: v) }
        let events: [Command] = [
            .event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: 0xDEAD_BEEF),
            .event(reason: 0, vector: 6, intType: 6, errValid: false, errCode: 0x1234),
            .event(reason: 0, vector: 2, intType: 2, errValid: true, errCode: 0x55),
            .event(reason: 1, vector: 0xEC, intType: 0, errValid: true, errCode: 0x77),
            .event(reason: 30, qual: ioQual(port: 0xCF8, size: 4, input: true, string: true, rep: true)),
            .event(reason: 10, vector: 9, intType: 5, errValid: true, errCode: 9, qual: 0xFFFF_FFFF_FFFF_FFFF),
            .event(reason: 12, qual: 0x8000_0000_0000_0001),
        ]
        for e in events {
            b.add(e)
            for f in [VMCSField.exitReason, VMCSField.exitQual, VMCSField.intrInfo, VMCSField.intrErr,
                      VMCSField.returnTo, VMCSField.handled, VMCSField.vmmLoad] { b.read(v, f) }
            b.resume()
            b.read(v, VMCSField.vmmLoad); b.read(v, VMCSField.exitReason)
        }
        b.launch(0)
        b.event(0, vector: 8, intType: 3, errValid: true, errCode: 0); b.resume()
        return b.scenario("5.5 exit information, entry point, load and handled")
    }

    static func loadSaturates(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10])
        b.setUpNavigation()
        let v = b.vmm(1)
        b.route(10, policy: Policy.field, vmm: v)
        b.write(v, VMCSField.vmmLoad, 0xFFFE)
        b.wellFormed(10); b.read(v, VMCSField.vmmLoad)
        b.enter(vmm: 0); b.read(v, VMCSField.vmmLoad)
        b.write(0, VMCSField.vmmLoad, 0xFFFF); b.wellFormed(10)   // from VMM 0 to busy v: self, load 0 saturates
        b.read(0, VMCSField.vmmLoad)
        b.resume(); b.read(v, VMCSField.vmmLoad); b.resume()
        b.write(v, VMCSField.vmmLoad, 0x1_0000)                   // bits 31:16 -> 7
        b.write(v, VMCSField.vmmLoad, 0xFFFF_FFFF_0000_0003)      // cut to 32 bits first -> ok
        b.read(v, VMCSField.vmmLoad)
        return b.scenario("5.5 load saturates at 0xFFFF, VMM_LOAD checks")
    }

    /// The saturation test is exact for every VMM: with one bit of VMM_LOAD clear (0xFFFF minus
    /// one bit), an event routed to the VMM still adds 1; only 0xFFFF stays. `loadSaturates`
    /// tries 0xFFFE and 0xFFFF on one VMM; a saturation test that ignores a bit, or one VMM's
    /// copy of it, shows only here.
    static func loadSaturatesExactly(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10])
        b.setUpNavigation()
        for v in 0..<c.vmms {
            b.route(10, policy: Policy.field, vmm: v)
            for bit in 0..<16 {
                b.write(v, VMCSField.vmmLoad, 0xFFFF ^ 1 << UInt64(bit))
                b.wellFormed(10); b.read(v, VMCSField.vmmLoad)
                if v != 0 { b.resume() }
            }
            b.write(v, VMCSField.vmmLoad, 0xFFFF); b.wellFormed(10); b.read(v, VMCSField.vmmLoad)
            if v != 0 { b.resume() }
        }
        return b.scenario("5.5 load saturation is exact: every VMM, one bit clear at a time")
    }
}
