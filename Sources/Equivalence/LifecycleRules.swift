import RouterModel

/// Scenarios for SPEC 6.4 (LAUNCH, RESUME) and 7 (I/O bitmaps).
enum LifecycleRules {
    static func all(_ c: RouterConfig) -> [Scenario] {
        [launchRange(c), launchAbandons(c), launchSetsOwner(c), resumeWithoutReturn(c), resumeLoad(c),
         bitmapWrites(c), bitmapBoundary(c), bitmapPerVMM(c), bitmapUnwrittenGroups(c)]
    }

    static func launchRange(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for g in stride(from: 63, through: c.guests, by: -1) { b.launch(g) }
        b.read(0, VMCSField.vmInstrError); b.read(0, VMCSField.current)
        b.launch(c.guests - 1); b.event(10); b.read(0, VMCSField.current)
        return b.scenario("6.4 LAUNCH guest >= G -> 66")
    }

    static func launchAbandons(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        b.enter(vmm: 1)               // returnTo[1] = VMM 0
        b.launch(0)                   // 67
        b.launch(63)                  // 66 before 67
        b.read(b.vmm(1), VMCSField.returnTo)
        b.resume()                    // back to VMM 0
        b.launch(0)                   // VMM 0 free: ok
        b.enter(vmm: 1)               // returnTo[1] = guest 0
        b.launch(b.guest(1))          // a guest in returnTo: allowed, cleared
        b.enter(vmm: 0); b.read(b.vmm(1), VMCSField.returnTo); b.resume()
        return b.scenario("6.4 LAUNCH with an interrupted VMM -> 67")
    }

    static func launchSetsOwner(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        b.launch(0)
        for v in 1..<min(c.vmms, 4) {
            b.enter(vmm: v); b.launch(0)
            b.enter(vmm: 0); b.read(0, VMCSField.owner(0)); b.read(v, VMCSField.returnTo); b.resume()
        }
        b.event(16); b.event(12)   // owner wants nothing -> VMM 0
        return b.scenario("6.4 LAUNCH sets owner and clears returnTo")
    }

    static func resumeWithoutReturn(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        b.resume(); b.read(0, VMCSField.vmInstrError)
        b.enter(vmm: 1); b.resume(); b.resume()
        b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.4 RESUME without returnTo -> 5")
    }

    static func resumeLoad(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        b.enter(vmm: 1); b.read(b.vmm(1), VMCSField.vmmLoad)
        b.write(b.vmm(1), VMCSField.vmmLoad, 0)
        b.resume()                    // load stays 0
        b.read(b.vmm(1), VMCSField.vmmLoad)
        b.launch(0); b.enter(vmm: 2); b.enter(vmm: 3)
        b.resume(); b.read(b.vmm(3), VMCSField.vmmLoad)
        b.resume(); b.read(0, VMCSField.current)
        return b.scenario("6.4 RESUME returns, load -1 not below 0")
    }

    static func bitmapWrites(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        for w: UInt32 in [0, 1, 1023, 1024, 2047, 2048, 2049, 4096, 0xFFFF_FFFF] {
            b.add(.bitmapWrite(vmcs: 0, word: w, data: 0xFFFF_0000))
        }
        b.add(Command(op: Op.bitmapWrite, vmcs: 0, field: 5, data: 0xFFFF_FFFF_0000_0001))   // data[31:0] only
        b.bitmap(c.vmms, word: 0, 1); b.bitmap(15, word: 3000, 1)
        b.enter(vmm: 1)
        b.bitmap(b.vmm(1), word: 2, 1); b.bitmap(0, word: 2, 1); b.bitmap(b.vmm(1), word: 2048, 1)
        b.read(b.vmm(1), VMCSField.vmInstrError)
        return b.scenario("7 BITMAP_WRITE word index and requester checks")
    }

    static func bitmapBoundary(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [30])
        b.setUpNavigation()
        let k = b.vmm(1)
        b.write(k, VMCSField.proc, 1 << 25)
        b.bitmap(k, word: 1023, 0x8000_0000)       // port 0x7FFF (end of bitmap A)
        b.bitmap(k, word: 1024, 0x0000_0001)       // port 0x8000 (start of bitmap B)
        b.bitmap(k, word: 2047, 0x8000_0000)       // port 0xFFFF
        b.bitmap(k, word: 3, 0x0000_0001)          // port 0x60
        b.launch(0); b.enter(vmm: 1); b.launch(b.guest(1))
        for (port, size) in [(0x7FFF, 1), (0x7FFE, 1), (0x7FFE, 2), (0x7FFD, 4), (0x8000, 1), (0x8001, 1), (0x8001, 4),
                             (0x7FFC, 4), (0xFFFF, 1), (0xFFFE, 1), (0xFFFD, 2), (0xFFFF, 2), (0xFFFE, 4), (0x0, 4),
                             (0x5D, 4), (0x5C, 4), (0x60, 1), (0x61, 4)] {
            b.event(30, qual: ioQual(port: port, size: size, input: size == 2)); b.resume()
        }
        return b.scenario("7 I/O bitmap A/B boundary, wrap, multi-word spans")
    }

    /// Each VMM k >= 1 owns a guest in turn and its I/O exits follow its own bitmap: every VMCS
    /// has the same words written (in four 32-word groups) with a different pattern, bit v of a
    /// word set in VMCS v only, so a word read from another VMCS, another group or an unwritten
    /// word of a written group routes differently. (VMM 0 as owner is left out: wanted or not,
    /// the exit goes to VMM 0.) The other bitmap scenarios use VMM 1's bitmap alone.
    static func bitmapPerVMM(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [30])
        b.setUpNavigation()
        let written = [3, 35, 1027, 2047], unwritten = [4, 36]
        for v in 0..<c.vmms {
            b.write(v, VMCSField.proc, 1 << 25)
            for w in written { b.bitmap(v, word: w, UInt32(1) << UInt32(v) | UInt32(1) << UInt32(16 + v)) }
        }
        for k in 1..<c.vmms {
            b.launch(0); b.enter(vmm: k); b.launch(b.guest(k))
            let bits = Set((0..<min(c.vmms, 4)).flatMap { [$0, 16 + $0] } + [k, 16 + k]).sorted()
            for w in written + unwritten {
                for j in bits { b.event(30, qual: ioQual(port: 32 * w + j, size: 1)); b.resume() }
            }
            b.enter(vmm: 0)
        }
        return b.scenario("7 each VMM's I/O bitmap is its own: words, groups, unwritten words")
    }
}
