import RouterModel

/// Scenarios that make each copy of a per-range or per-VMM comparison decide once
/// (SPEC 5.2). `ioRangePolicy` and `loadPolicy` test the rules on a few ranges and
/// VMMs; the RTL has one comparator per range and per VMM, and a fault in one copy
/// (range 3 never matching, VMM 3 never a LOAD candidate) was left to the random
/// streams, which found it in some runs and not in others.
extension DirectedSuite {
    /// Each range r alone enabled, at two windows whose bounds have every bit both ways
    /// (0x5A55 and 0xA5AA, xored with r): ports just outside and inside both bounds, at
    /// sizes 1, 2 and 4. A bound bit read as 0 moves the bound down past the port before
    /// it; read as 1, past the bound itself.
    static func ioRangeEachRange(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [30])
        b.setUpNavigation()
        b.route(30, policy: Policy.ioRange, vmm: 0)
        b.launch(0)
        b.enter(vmm: 0)
        for r in 0..<c.ioRanges {
            let v = 1 + r % (c.vmms - 1)
            for (base, length) in [(0x5A55 ^ r << 8, 0x0B), (0xA5AA ^ r << 8, 0x15)] {
                let limit = base + length
                b.write(0, VMCSField.ioBase(r), UInt64(base)); b.write(0, VMCSField.ioLimit(r), UInt64(limit))
                b.write(0, VMCSField.ioCtrl(r), VMCSField.ioCtrlValue(enabled: true, vmm: v))
                b.resume()
                for (port, size) in [(base - 1, 1), (base - 1, 2), (base, 1), (base, 4), (base + 1, 2),
                                     (limit, 1), (limit - 1, 2), (limit - 3, 4), (limit - 2, 4), (limit + 1, 1)] {
                    b.event(30, qual: ioQual(port: port, size: size, input: size == 2)); b.resume()
                }
                b.enter(vmm: 0)
                b.write(0, VMCSField.ioCtrl(r), 0)
            }
        }
        return b.scenario("5.2 IO_RANGE each range alone, both bounds exact")
    }

    /// LOAD with every VMM eligible: each VMM k in turn the only least loaded one, then each
    /// pair (i, j) the two least loaded, j by one less, then tied (the lower id wins). Every
    /// VMM is chosen, and each load comparison decides both ways.
    static func loadEachVMM(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10])
        b.setUpNavigation()
        b.route(10, policy: Policy.load, vmm: 0)
        b.write(0, VMCSField.eligible(10), UInt64(1) << UInt64(c.vmms) &- 1)
        func pick(_ loads: [Int]) {
            for v in 0..<c.vmms { b.write(v, VMCSField.vmmLoad, UInt64(loads[v])) }
            b.wellFormed(10); b.resume()   // chosen VMM k: ROUTED to k, RESUME back to VMM 0 (k = 0: self, RESUME fails 5)
        }
        for k in 0..<c.vmms { pick((0..<c.vmms).map { $0 == k ? 0x100 : 0x200 }) }
        for i in 0..<c.vmms {
            for j in i + 1..<c.vmms {
                pick((0..<c.vmms).map { $0 == i ? 0x81 : $0 == j ? 0x80 : 0x300 })
                pick((0..<c.vmms).map { $0 == i || $0 == j ? 0x80 : 0x300 })
            }
        }
        return b.scenario("5.2 LOAD each VMM chosen, each pair compared both ways")
    }
}
