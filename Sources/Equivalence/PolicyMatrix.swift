import RouterModel

extension Sweeps {
    /// SPEC 5.2 x 5.4: every supported reason under every policy it can have
    /// (STATIC for the static map, else OWNER, FIELD, IO_RANGE, LOAD), reaching
    /// each delivery outcome: exit from a guest and from a VMM, self delivery,
    /// fallback to VMM 0 from VMM 0 and from another VMM, rejected 3.
    static func policyMatrix(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [0])
        b.setUpNavigation()
        for r in RouterConfig.supportedReasons {
            b.renavigate(avoiding: [r])   // VMM 0 runs here
            let isStatic = c.staticMap.contains(r)
            let policies: [UInt8] = isStatic ? [Policy.staticMap] : [Policy.owner, Policy.field, Policy.ioRange, Policy.load]
            let target = isStatic ? c.platformVMM : b.vmm(2)
            for p in policies {
                if !isStatic {
                    b.route(r, policy: p, vmm: target)
                    if p == Policy.load { b.write(0, VMCSField.eligible(Int(r)), 1 << UInt64(target)) }
                }
                let event = TraceBuilder.wellFormedEvent(r)
                b.add(event)                             // from VMM 0: exit to the target (self for OWNER)
                if p != Policy.owner && target != 0 { b.resume() }
                b.launch(0); b.add(event); b.resume()    // from a guest
                b.enter(vmm: target); b.add(event)       // self on the target
                b.enter(vmm: 0); b.add(event)            // target busy, VMM 0 running: self fallback
                let third = target == b.vmm(3) ? b.vmm(1) : b.vmm(3), other = target == b.vmm(1) ? b.vmm(3) : b.vmm(1)
                b.enter(vmm: third); b.add(event)        // target busy, VMM 0 busy: rejected 3
                b.resume(); b.resume(); b.resume()       // back to the guest
                b.enter(vmm: target); b.enter(vmm: other); b.add(event)   // target busy, VMM 0 free: fallback to 0
                if p != Policy.owner { b.resume() }      // (OWNER on a VMM is self delivery: no transition)
                b.resume(); b.resume()                   // back to the guest
                b.enter(vmm: 0)                          // VMM 0 runs (busy with the guest)
            }
        }
        return b.scenario("5.2 x 5.4 every reason x policy x delivery outcome", kind: .sweep)
    }
}
