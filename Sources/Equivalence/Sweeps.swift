import Lockstep
import RouterModel
import RouterSpec
import Stimulus

/// Exhaustive sweeps over the small spaces of the SPEC. Big sweeps carry a
/// `sample` (every n-th case plus the corners) for the slow simulator.
public enum Sweeps {
    /// Every sweep for `c`: the policy matrix, the owner controls, the #PF table, the I/O ports, the VMCS encodings, every reason and the exception types.
    public static func all(_ c: RouterConfig) -> [Scenario] {
        [policyMatrix(c), ownerControls(c), pageFaultTable(c), ioPorts(c), vmcsEncodings(c), everyReason(c), exceptionTypes(c)]
    }

    /// The control bits routing reads (SPEC 5.3): (field, bit).
    static let controlBits: [(UInt32, Int)] =
        [(VMCSField.pin, OwnerControls.pinExternalInterruptExiting), (VMCSField.pin, OwnerControls.pinNMIExiting)]
        + [OwnerControls.procHLTExiting, OwnerControls.procINVLPGExiting, OwnerControls.procMWAITExiting,
           OwnerControls.procRDPMCExiting, OwnerControls.procRDTSCExiting, OwnerControls.procMovDRExiting,
           OwnerControls.procUnconditionalIOExiting, OwnerControls.procUseIOBitmaps, OwnerControls.procMONITORExiting,
           OwnerControls.procPAUSEExiting].map { (VMCSField.proc, $0) }

    /// A guest owned by VMM k (k = 1) runs; `back` is an exit reason FIELD-routed to VMM 0
    /// (two of them, so a sweep can test either under OWNER while using the other).
    struct OwnedGuest {
        var b: TraceBuilder
        let k: Int
        let back: (UInt16, UInt16)
        init(_ c: RouterConfig) {
            b = TraceBuilder(c)
            k = b.vmm(1)
            let pool = ([17, 18, 19, 21, 22, 26, 27, 31, 32, 55] as [UInt16]).filter { !c.staticMap.contains($0) }
            back = (pool[0], pool[1])
            for v in 0..<c.vmms { b.write(v, VMCSField.hostRIP, 0x1000 * UInt64(v + 1)) }
            b.route(back.0, policy: Policy.field, vmm: k)
            b.route(back.1, policy: Policy.field, vmm: 0)
            b.launch(0)
            b.event(back.0)                     // guest 0 -> k
            b.launch(b.guest(1))                // guest 1 now owned by k
            b.event(back.1)                     // -> VMM 0
            b.route(back.0, policy: Policy.field, vmm: 0)
            b.resume()                          // guest 1 runs
        }
        /// Runs `body` as VMM 0 with the guest parked, then resumes the guest.
        /// `testing` is the reason about to be tested (its ROUTE is set to OWNER).
        mutating func asVMM0(testing t: UInt16, _ body: (inout TraceBuilder) -> Void) {
            let via = t == back.1 ? back.0 : back.1
            b.event(via)
            body(&b)
            b.route(back.0, policy: Policy.field, vmm: 0); b.route(back.1, policy: Policy.field, vmm: 0)
            b.route(t, policy: Policy.owner, vmm: 0)
            b.resume()
        }
        /// Restores the navigation route of `t` after testing it, from the guest.
        mutating func restore(after t: UInt16) {
            guard t == back.0 || t == back.1 else { return }
            let via = t == back.1 ? back.0 : back.1
            b.event(via); b.route(t, policy: Policy.field, vmm: 0); b.resume()
        }
    }

    static func ownerControls(_ c: RouterConfig) -> Scenario {
        var s = OwnedGuest(c)
        let k = s.k
        var events: [(UInt16, Command, UInt32?)] = []   // (reason, event, EXC bit relevant)
        for r in RouterConfig.supportedReasons where !c.staticMap.contains(r) {
            if r == 0 {
                events.append((0, .event(reason: 0, vector: 2, intType: 2), 2))
                for v: UInt8 in 0..<32 where v != 14 {
                    events.append((0, .event(reason: 0, vector: v, intType: v % 2 == 0 ? 3 : 6, errValid: true, errCode: 1), UInt32(v)))
                }
            } else {
                events.append((r, TraceBuilder.wellFormedEvent(r), nil))
            }
        }
        for (r, e, exc) in events {
            var cases: [(UInt32, Int)] = controlBits
            if let exc { cases.append((VMCSField.excBitmap, Int(exc))) }
            for (field, bit) in cases {
                for setAlone in [true, false] {
                    s.asVMM0(testing: r) { b in
                        for f in [VMCSField.pin, VMCSField.proc, VMCSField.excBitmap] {
                            let v: UInt64 = setAlone ? (f == field ? 1 << UInt64(bit) : 0)
                                                     : (f == field ? 0xFFFF_FFFF & ~(1 << UInt64(bit)) : 0xFFFF_FFFF)
                            b.write(k, f, v)
                        }
                    }
                    s.b.add(e); s.b.resume()
                    s.restore(after: r)
                }
            }
        }
        return s.b.scenario("5.3 owner controls: every reason x every control bit, set and clear", kind: .sweep)
    }

    static func pageFaultTable(_ c: RouterConfig) -> Scenario {
        var s = OwnedGuest(c)
        let k = s.k
        var cases: [(UInt32, UInt32, UInt32)] = []   // (errCode, mask, match)
        for e: UInt32 in 0..<8 { for m: UInt32 in 0..<8 { for x: UInt32 in 0..<8 { cases.append((e, m, x)) } } }
        cases += [(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF), (0x8000_0000, 0x8000_0000, 0x8000_0000),
                  (0x8000_0000, 0x8000_0000, 0), (0x1234_5678, 0, 0), (0x1234_5678, 0, 1), (0xF0F0_F0F0, 0x0F0F_0F0F, 0)]
        for (e, m, x) in cases {
            for bit14 in [false, true] {
                s.asVMM0(testing: 0) { b in
                    b.write(k, VMCSField.pfecMask, UInt64(m)); b.write(k, VMCSField.pfecMatch, UInt64(x))
                    b.write(k, VMCSField.excBitmap, bit14 ? 1 << 14 : 0xFFFF_BFFF)
                }
                s.b.event(0, vector: 14, intType: 3, errValid: true, errCode: e); s.b.resume()
            }
        }
        return s.b.scenario("5.3 #PF mask/match truth table", kind: .sweep)
    }

    /// The bitmap pattern of the I/O sweep: sparse random bits, some empty and some full words.
    static func bitmapWord(_ w: Int) -> UInt32 {
        if w == 1023 { return 0x0FFF_FFFF }   // ports 0x7FFC-0x7FFF clear: an A/B span can be unwanted
        if w == 1024 { return 0xFFFF_FFF0 }   // ports 0x8000-0x8003 clear
        if w % 7 == 0 { return 0 }
        if w % 11 == 0 { return 0xFFFF_FFFF }
        var r = SeededRandom(seed: 0x10B1_7000 &+ UInt64(w))
        return UInt32(truncatingIfNeeded: r.next() & r.next())
    }

    static func ioPorts(_ c: RouterConfig) -> Scenario {
        func build(_ ports: [Int]) -> [Command] {
            var b = TraceBuilder(c, avoiding: [30])
            b.setUpNavigation()
            let k = b.vmm(1)
            b.write(k, VMCSField.proc, 1 << 25 | 1 << 24)
            for w in 0..<2048 { b.bitmap(k, word: w, bitmapWord(w)) }
            b.launch(0); b.enter(vmm: 1); b.launch(b.guest(1))
            for p in ports {
                for size in [1, 2, 4] {
                    b.event(30, qual: ioQual(port: p, size: size, input: p & 8 != 0, string: p & 16 != 0)); b.resume()
                }
            }
            return b.commands
        }
        let corners: Set<Int> = [0, 1, 2, 3, 30, 31, 32, 33, 0x7FFC, 0x7FFD, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFC, 0xFFFD, 0xFFFE, 0xFFFF]
        let sampled = (0..<65536).filter { $0 % 97 == 0 || corners.contains($0) }
        return Scenario("5.3 I/O bitmap: every port at sizes 1, 2, 4", kind: .sweep,
                        commands: build(Array(0..<65536)), sample: build(sampled))
    }

    static func vmcsEncodings(_ c: RouterConfig) -> Scenario {
        let classes: [UInt32] = VMCSField.perVMMWritable + VMCSField.perVMMReadOnly + VMCSRules.globalFields(c)
            .filter { $0 != VMCSField.routeLock } + VMCSRules.badEncodings(c)
        func accesses(_ b: inout TraceBuilder, right: Int, wrong: Int) {
            for f in classes {
                for s in [right, wrong] {
                    b.read(s, f); b.write(s, f, 0x11); b.write(s, f, 0xFFFF_FFFF_FFFF_FFFF); b.read(s, f)
                }
            }
        }
        func build(exhaustive: Bool) -> [Command] {
            var b = TraceBuilder(c)
            b.setUpNavigation()
            if exhaustive {
                for f in 0..<UInt32(0x8000) { b.read(0, f); b.read(b.vmm(1), f) }
            }
            b.enter(vmm: 1)
            accesses(&b, right: b.vmm(1), wrong: b.vmm(2) == b.vmm(1) ? 0 : b.vmm(2))
            b.resume()
            accesses(&b, right: 0, wrong: b.vmm(3))
            b.write(0, VMCSField.routeLock, 1)
            accesses(&b, right: 0, wrong: b.vmm(1))
            return b.commands
        }
        return Scenario("6 VMCS encodings: VMREAD/VMWRITE from the right and the wrong VMM", kind: .sweep,
                        commands: build(exhaustive: true), sample: build(exhaustive: false))
    }

    static func everyReason(_ c: RouterConfig) -> Scenario {
        func build(_ reasons: [Int]) -> [Command] {
            var b = TraceBuilder(c)
            for r in reasons { b.add(TraceBuilder.wellFormedEvent(UInt16(r))) }
            return b.commands
        }
        return Scenario("5.1 every 16-bit exit reason", kind: .sweep, commands: build(Array(0..<65536)),
                        sample: build(Array(0..<128) + [0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF]))
    }

    static func exceptionTypes(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for t: UInt8 in 0..<8 { for v in 0..<256 { b.event(0, vector: UInt8(v), intType: t, errValid: v & 1 == 0, errCode: UInt32(v)) } }
        return b.scenario("5.1 reason 0: every intType x vector", kind: .sweep)
    }
}
