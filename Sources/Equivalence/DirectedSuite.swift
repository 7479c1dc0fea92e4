import RouterModel

/// The directed suite: one scenario per SPEC rule plus the exhaustive sweeps
/// (`Sweeps`). Every scenario is a command trace from reset, written for the
/// given parameters (VMM and guest ids are clamped into range, so the suite
/// runs on any legal configuration); the reference router supplies the
/// expected responses.
public enum DirectedSuite {
    /// Rule scenarios then sweeps, in a fixed order.
    public static func scenarios(_ c: RouterConfig) -> [Scenario] {
        rules(c) + Sweeps.all(c)
    }

    /// One scenario per SPEC rule (sections 4 to 7).
    public static func rules(_ c: RouterConfig) -> [Scenario] {
        [
            unknownOps(c), guestPrivilegedOps(c),
            unsupportedReasons(c), reason0Validation(c), reason1Validation(c), ioQualValidation(c),
            staticMap(c), ownerFromVMM(c), ownerFromGuest(c), ownerRows(c), fieldPolicy(c), ioRangePolicy(c), ioRangeWrap(c), ioRangeEachRange(c),
            loadPolicy(c), loadBusyAndEmpty(c), loadEachVMM(c),
            fallbackFromVMM0(c), undeliverable(c), fallbackToVMM0(c),
            exitInformation(c), loadSaturates(c), loadSaturatesExactly(c),
        ] + VMCSRules.all(c) + LifecycleRules.all(c)
    }

    // MARK: section 4

    static func unknownOps(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for op: UInt8 in [6, 7] {
            b.add(Command(op: op))
            b.add(Command(op: op, reason: 30, vector: 14, intType: 3, errValid: true, errCode: 7, qual: ~0, vmcs: 15, field: 0x4000, data: ~0, guest: 63))
        }
        b.launch(0)
        b.add(Command(op: 6)); b.add(Command(op: 7, vmcs: 1, field: 0x4402))
        return b.scenario("4 ops 6 and 7 -> rejected 4")
    }

    static func guestPrivilegedOps(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [20, 23, 24, 25])
        b.setUpNavigation()
        // Guest 0 launched by VMM 0; its VMX instructions go to the owner (OWNER policy, always wanted).
        b.launch(0)
        let ops: [Command] = [.vmread(vmcs: 0, field: VMCSField.pin), .vmwrite(vmcs: 1, field: VMCSField.pin, data: 5),
                              .launch(guest: 1), .resume, .bitmapWrite(vmcs: 0, word: 3, data: 0xFF)]
        for op in ops { b.add(op); b.resume() }
        // The same under FIELD policy to another VMM.
        b.enter(vmm: 0)
        for t: UInt16 in [20, 23, 24, 25] { b.route(t, policy: Policy.field, vmm: b.vmm(2)) }
        b.resume()
        for op in ops { b.add(op); b.read(b.vmm(2), VMCSField.exitReason); b.resume() }
        return b.scenario("4 guest VMX instructions -> exits 23/25/20/24/25")
    }

    // MARK: section 5.1

    static func unsupportedReasons(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for r in [7, 8, 28, 33, 34, 35, 37, 38, 41, 54, 56, 63, 64, 0x100, 0x7FFF, 0x8000, 0xFFFF] as [UInt16] {
            b.event(r, vector: 2, intType: 2, qual: 0x10)
        }
        b.launch(0)
        for r in [7, 8, 28, 33, 0xFFFF] as [UInt16] { b.event(r) }
        return b.scenario("5.1 unsupported reasons -> rejected 1")
    }

    static func reason0Validation(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for t: UInt8 in 0..<8 {
            for v: UInt8 in [0, 1, 2, 3, 13, 14, 31, 32, 33, 128, 255] {
                b.event(0, vector: v, intType: t, errValid: v & 1 == 1, errCode: UInt32(v) << 8 | UInt32(t))
            }
        }
        b.launch(0)
        b.event(0, vector: 32, intType: 3); b.event(0, vector: 3, intType: 2); b.event(0, vector: 1, intType: 0)
        return b.scenario("5.1 reason 0 intType/vector -> rejected 2")
    }

    static func reason1Validation(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for t: UInt8 in 0..<8 {
            for v: UInt8 in [0, 2, 0x20, 0xFF] { b.event(1, vector: v, intType: t, errValid: t == 0, errCode: 0xABCD) }
        }
        b.launch(0)
        b.event(1, vector: 0x40, intType: 3); b.event(1, vector: 0x40)
        return b.scenario("5.1 reason 1 intType -> rejected 2")
    }

    static func ioQualValidation(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for size: UInt64 in 0..<8 { b.event(30, qual: 0x1234_0000 | size) }
        for bit in 3..<64 { b.event(30, qual: 0x0070_0000 | 1 << UInt64(bit)) }
        b.event(30, qual: 0xFFFF_0000 | 0x7B)
        b.launch(0)
        b.event(30, qual: 0x80); b.event(30, qual: 1 << 40); b.event(30, qual: 2)
        return b.scenario("5.1 reason 30 qual format -> rejected 2")
    }

    // MARK: section 5.2

    static func staticMap(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: c.staticMap)
        b.setUpNavigation()
        for t in c.staticMap { b.route(t, policy: Policy.field, vmm: b.vmm(3)) }   // ignored: static wins
        for t in c.staticMap {
            b.wellFormed(t); b.read(c.platformVMM, VMCSField.exitReason)
            if c.platformVMM != 0 { b.resume() }
        }
        b.launch(0)
        for t in c.staticMap { b.wellFormed(t); b.resume() }
        b.enter(vmm: c.platformVMM)
        for t in c.staticMap { b.wellFormed(t) }   // self delivery on the platform VMM
        return b.scenario("5.2 static map -> platform VMM")
    }

    static func ownerFromVMM(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [12, 16, 30])
        b.setUpNavigation()
        for v in 0..<min(c.vmms, 4) {
            b.enter(vmm: v)
            for t: UInt16 in [0, 1, 12, 16, 30] where !c.staticMap.contains(t) { b.wellFormed(t) }
        }
        return b.scenario("5.2 OWNER while a VMM runs -> self")
    }

    static func ownerFromGuest(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [12, 16])
        b.setUpNavigation()
        let k = b.vmm(2)
        b.write(k, VMCSField.proc, 1 << 7)   // k wants HLT, not RDTSC
        b.launch(0)
        b.enter(vmm: k); b.launch(b.guest(1))   // guest 1 now owned by k
        b.event(12); b.resume()                  // HLT -> k
        b.event(16); b.resume()                  // RDTSC -> VMM 0
        b.event(10); b.resume()                  // CPUID: always -> k
        b.read(0, VMCSField.owner(b.guest(1)))   // a guest: becomes VMREAD exit 23
        b.resume()
        return b.scenario("5.2 OWNER while a guest runs -> owner or main VMM")
    }

    static func fieldPolicy(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10, 12])
        b.setUpNavigation()
        for v in 0..<c.vmms {
            b.route(10, policy: Policy.field, vmm: v)
            b.wellFormed(10)
            if v != 0 { b.resume() }
        }
        b.route(12, policy: Policy.field, vmm: b.vmm(3))
        b.launch(0); b.event(12); b.resume()
        return b.scenario("5.2 FIELD -> ROUTE vmm")
    }

    static func ioRangePolicy(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [30, 10])
        b.setUpNavigation()
        b.route(30, policy: Policy.ioRange, vmm: b.vmm(3))
        b.route(10, policy: Policy.ioRange, vmm: b.vmm(2))
        // r0 disabled 0x60-0x6F -> vmm1; r1 0x60-0x67 -> vmm2; r2 0x60-0x7F -> vmm1 (overlap: lowest wins); r3 base > limit.
        let ranges: [(UInt64, UInt64, Bool, Int)] = [(0x60, 0x6F, false, 1), (0x60, 0x67, true, 2), (0x60, 0x7F, true, 1),
                                                     (0x90, 0x80, true, 3), (0xFFF0, 0xFFFF, true, 2), (0x0, 0x0, true, 3)]
        for (r, (base, limit, en, v)) in ranges.enumerated() {
            b.write(0, VMCSField.ioBase(r), base); b.write(0, VMCSField.ioLimit(r), limit)
            b.write(0, VMCSField.ioCtrl(r), VMCSField.ioCtrlValue(enabled: en, vmm: b.vmm(v)))
        }
        b.launch(0)
        for (port, size) in [(0x60, 1), (0x67, 1), (0x66, 2), (0x67, 2), (0x64, 4), (0x65, 4), (0x68, 1), (0x7C, 4), (0x7D, 4),
                             (0x7F, 1), (0x80, 1), (0x88, 2), (0x0, 1), (0x0, 2), (0xFFF0, 4), (0xFFFC, 4), (0xFFFE, 2), (0xFFFF, 1)] {
            b.event(30, qual: ioQual(port: port, size: size, input: port & 1 == 0)); b.resume()
        }
        b.event(10); b.resume()   // IO_RANGE on another reason -> ROUTE vmm
        return b.scenario("5.2 IO_RANGE lowest enabled range, inclusive bounds")
    }

    static func ioRangeWrap(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [30])
        b.setUpNavigation()
        b.route(30, policy: Policy.ioRange, vmm: b.vmm(1))
        b.write(0, VMCSField.ioBase(0), 0xFFFD); b.write(0, VMCSField.ioLimit(0), 0xFFFF)
        b.write(0, VMCSField.ioCtrl(0), VMCSField.ioCtrlValue(enabled: true, vmm: b.vmm(3)))
        for (port, size) in [(0xFFFD, 1), (0xFFFD, 2), (0xFFFD, 4), (0xFFFE, 2), (0xFFFE, 4), (0xFFFF, 1), (0xFFFF, 2), (0xFFFF, 4)] {
            b.event(30, qual: ioQual(port: port, size: size)); b.read(b.vmm(3), VMCSField.handled)
        }
        return b.scenario("5.2 IO_RANGE no wrap past 0xFFFF")
    }

    static func loadPolicy(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10, 12])
        b.setUpNavigation()
        b.route(10, policy: Policy.load, vmm: b.vmm(1))
        b.write(0, VMCSField.eligible(10), UInt64(1) << UInt64(c.vmms) &- 1)
        for _ in 0..<(2 * c.vmms + 2) { b.wellFormed(10); b.resume() }        // spreads, ties to lowest id
        b.write(b.vmm(1), VMCSField.vmmLoad, 0); b.write(0, VMCSField.vmmLoad, 9); b.write(b.vmm(2), VMCSField.vmmLoad, 0)
        b.wellFormed(10); b.read(b.vmm(1), VMCSField.vmmLoad); b.resume()     // tie between 1 and 2 -> 1
        b.write(0, VMCSField.eligible(10), 0b1100)
        b.wellFormed(10); b.resume()
        b.launch(0)
        b.wellFormed(10); b.resume()
        return b.scenario("5.2 LOAD least loaded, ties to lowest id")
    }

    static func loadBusyAndEmpty(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10])
        b.setUpNavigation()
        b.route(10, policy: Policy.load, vmm: b.vmm(3))
        b.write(0, VMCSField.eligible(10), 0)
        b.wellFormed(10); b.resume()                      // no candidates -> ROUTE vmm
        b.write(0, VMCSField.eligible(10), 0b0111)
        for v in 0..<c.vmms { b.write(v, VMCSField.vmmLoad, UInt64(10 + v)) }
        b.write(b.vmm(1), VMCSField.vmmLoad, 0)
        b.launch(0)
        b.enter(vmm: 1)                                    // vmm1 busy (returnTo guest 0)
        b.enter(vmm: 2)                                    // vmm2 busy (returnTo vmm1); running
        b.wellFormed(10)                                   // candidates: 0 and 2 (self, busy but running)
        b.write(b.vmm(2), VMCSField.vmmLoad, 0)
        b.wellFormed(10)
        b.resume(); b.resume(); b.resume()
        b.write(0, VMCSField.eligible(10), 0b0010)
        b.enter(vmm: 1); b.enter(vmm: 2); b.resume()
        return b.scenario("5.2 LOAD busy VMMs excluded, empty -> ROUTE vmm")
    }
}
