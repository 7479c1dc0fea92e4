import RouterModel
import RouterSpec

/// Scenarios for SPEC sections 6.1-6.3: field access, value checks, the
/// rule order of VMREAD/VMWRITE, the route lock, VM_INSTR_ERROR.
enum VMCSRules {
    static func all(_ c: RouterConfig) -> [Scenario] {
        [resetValues(c), rwFields(c), readOnly(c), globalValueChecks(c), globalOtherSelector(c), routeLock(c),
         rule1(c), rule2(c), rule3(c), ruleOrder(c), widthCut(c), instrErrorRequester(c), currentAndOwner(c)]
    }

    static let patterns: [UInt64] = [0, 0xFFFF_FFFF_FFFF_FFFF, 0xDEAD_BEEF_CAFE_F00D, 0x8000_0000_0000_0001, 0x5555_5555_AAAA_AAAA]

    /// Every valid global field encoding for these parameters.
    static func globalFields(_ c: RouterConfig) -> [UInt32] {
        (0..<64).map { VMCSField.route($0) } + (0..<64).map { VMCSField.eligible($0) }
            + (0..<c.ioRanges).flatMap { [VMCSField.ioBase($0), VMCSField.ioLimit($0), VMCSField.ioCtrl($0)] }
            + [VMCSField.routeLock, VMCSField.current] + (0..<c.guests).map { VMCSField.owner($0) }
    }

    /// Every field of SPEC 6.1/6.2 that exists for these parameters, as (VMCS, encoding):
    /// the per-VMM fields of every VMCS 0..V-1, then every instance of the global fields
    /// (VMCS 0), from the field table `VMCSField.descriptors`.
    static func everyField(_ c: RouterConfig) -> [(Int, UInt32)] {
        let table = VMCSField.descriptors
        let perVMM = (0..<c.vmms).flatMap { v in table.filter { $0.scope == .perVMM }.map { (v, $0.encoding) } }
        let global = table.filter { $0.scope == .global }.flatMap { d in
            (0..<d.instances.count(ioRanges: c.ioRanges, guests: c.guests)).map { (0, d.encoding($0)) }
        }
        return perVMM + global
    }

    /// VMM 0 VMREADs every field of every VMCS right after reset, before any write: each
    /// reads its reset value (SPEC 6.1: 0; CURRENT: VMM 0). Nothing else reads a field
    /// before writing it, so a wrong reset value (a register reset to a non-zero constant,
    /// or an array entry its reset loop misses) was invisible to the directed suite.
    static func resetValues(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for (v, f) in everyField(c) { b.read(v, f) }
        return b.scenario("6.1/6.2 every field of every VMCS reads its reset value")
    }

    static func rwFields(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for v in [0, b.vmm(1), c.vmms - 1] {
            for f in VMCSField.perVMMWritable {
                for p in patterns { b.write(v, f, p); b.read(v, f) }
            }
        }
        return b.scenario("6.1 RW fields store every bit of their width")
    }

    static func readOnly(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for v in [0, b.vmm(2)] {
            for f in VMCSField.perVMMReadOnly { b.write(v, f, 1); b.read(v, f) }
        }
        b.write(0, VMCSField.current, 0x81); b.write(0, VMCSField.owner(0), 1)
        b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.1 read-only fields -> 13")
    }

    static func globalValueChecks(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        let t = 12
        for policy in 0..<8 { b.write(0, VMCSField.route(t), UInt64(policy)); b.read(0, VMCSField.route(t)) }
        for vmm in 0..<16 { b.write(0, VMCSField.route(t), UInt64(vmm) << 4 | 1); b.read(0, VMCSField.route(t)) }
        for bit in [3] + Array(8..<32) { b.write(0, VMCSField.route(t), 1 << UInt64(bit) | 1); b.read(0, VMCSField.route(t)) }
        for bit in 0..<32 { b.write(0, VMCSField.eligible(t), 1 << UInt64(bit)); b.read(0, VMCSField.eligible(t)) }
        if c.ioRanges > 0 {
            let r = c.ioRanges - 1
            for bit in 0..<32 { b.write(0, VMCSField.ioCtrl(r), 1 << UInt64(bit)); b.read(0, VMCSField.ioCtrl(r)) }
            for vmm in 0..<16 { b.write(0, VMCSField.ioCtrl(r), UInt64(vmm) << 4 | 1) }
            for p in patterns { b.write(0, VMCSField.ioBase(r), p); b.read(0, VMCSField.ioBase(r)) }
            for p in patterns { b.write(0, VMCSField.ioLimit(0), p); b.read(0, VMCSField.ioLimit(0)) }
        }
        for v: UInt64 in [2, 3, 0x8000_0000, 0] { b.write(0, VMCSField.routeLock, v); b.read(0, VMCSField.routeLock) }
        b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.2 global field value checks -> 7")
    }

    static func globalOtherSelector(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        let other = b.vmm(1)
        var fields: [UInt32] = [VMCSField.route(0), VMCSField.route(63), VMCSField.eligible(5), VMCSField.routeLock,
                                VMCSField.current, VMCSField.owner(0)]
        if c.ioRanges > 0 { fields += [VMCSField.ioBase(0), VMCSField.ioLimit(0), VMCSField.ioCtrl(0)] }
        for f in fields { b.read(other, f); b.write(other, f, 1); b.read(c.vmms - 1, f) }
        b.read(other, VMCSField.vmInstrError); b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.2 global fields through another VMCS -> 12")
    }

    static func routeLock(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [10])
        b.setUpNavigation()
        b.route(10, policy: Policy.field, vmm: b.vmm(2))
        b.write(0, VMCSField.routeLock, 1)
        b.read(0, VMCSField.routeLock)
        b.route(10, policy: Policy.field, vmm: b.vmm(3))             // 64, unchanged
        b.write(0, VMCSField.route(10), 0xFF)                         // locked before value check: 64
        b.write(0, VMCSField.eligible(10), 1)
        if c.ioRanges > 0 {
            b.write(0, VMCSField.ioBase(0), 5); b.write(0, VMCSField.ioLimit(0), 5); b.write(0, VMCSField.ioCtrl(0), 1)
        }
        b.write(0, VMCSField.routeLock, 0); b.write(0, VMCSField.routeLock, 1)
        b.write(0, VMCSField.current, 0)                              // read-only before locked: 13
        b.write(0, VMCSField.pin, 9); b.write(b.vmm(1), VMCSField.vmmLoad, 4)   // per-VMM fields stay writable
        b.read(0, VMCSField.route(10)); b.read(0, VMCSField.routeLock); b.read(0, VMCSField.vmInstrError)
        b.wellFormed(10); b.resume()
        return b.scenario("6.2 ROUTE_LOCK freezes routing fields -> 64")
    }

    static func rule1(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        for s in c.vmms..<16 {
            b.read(s, VMCSField.pin); b.write(s, VMCSField.pin, 1); b.bitmap(s, word: 0, 1); b.read(s, 0xFFFF_FFFF)
        }
        b.enter(vmm: 1)
        b.read(15, VMCSField.pin); b.write(15, VMCSField.current, 1); b.read(b.vmm(1), VMCSField.vmInstrError)
        return b.scenario("6.3 rule 1 vmcs >= V -> VMfailInvalid")
    }

    static func rule2(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        let me = b.vmm(2)
        b.enter(vmm: 2)
        for s in 0..<c.vmms {
            b.read(s, VMCSField.exitReason); b.write(s, VMCSField.pin, 3); b.bitmap(s, word: 1, 3)
        }
        b.read(me, VMCSField.vmInstrError); b.read(me, VMCSField.pin)
        b.resume(); b.read(me, VMCSField.vmInstrError); b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.3 rule 2 wrong VMCS -> 65")
    }

    /// Encodings that are not fields: access-type bit, reserved bits, wrong type or width, indices out of range.
    static func badEncodings(_ c: RouterConfig) -> [UInt32] {
        var list: [UInt32] = [0x0000, 0x4001, 0x4003, 0x6C17, 0x400A, 0x4410, 0x6402, 0x4606, 0x43E4, 0x43DE,
                              0x4000 | 1 << 12, 0x0000 | 0x4000 & 0x1FFF, 0x2000, 0x6000, 0x0C16, 0x4C16, 0x2C16,
                              0x0400, 0x6400 & 0x1FFF, 0x8000, 0x4300 + 2 * 16, 0x0340, 0x4700, 0x7FFE]
        for bit in 15..<32 { list.append(0x4000 | UInt32(1) << UInt32(bit)) }
        list += [VMCSField.ioBase(c.ioRanges), VMCSField.ioLimit(c.ioRanges), VMCSField.ioCtrl(c.ioRanges),
                 VMCSField.ioBase(15), VMCSField.ioCtrl(15), VMCSField.owner(c.guests), VMCSField.owner(63)]
        return list
    }

    static func rule3(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        for f in badEncodings(c) { b.read(0, f); b.write(0, f, 1); b.read(b.vmm(1), f) }
        for w: UInt32 in [2047, 2048, 4095, 0x8000_0000, 0xFFFF_FFFF] { b.add(.bitmapWrite(vmcs: 0, word: w, data: 1)) }
        b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.3 rule 3 unsupported field -> 12")
    }

    static func ruleOrder(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        b.write(0, VMCSField.routeLock, 1)
        b.write(0, VMCSField.current, 0xFFFF)         // RO and locked region: 13 before 64
        b.write(0, VMCSField.route(3), 0xFFFF)        // locked and bad value: 64 before 7
        b.write(b.vmm(1), VMCSField.route(3), 1)      // global through VMCS 1: 12
        b.enter(vmm: 1)
        b.write(0, 0x0001, 1)                          // wrong VMM and bad field: 65 before 12
        b.write(15, VMCSField.pin, 1)                  // vmcs >= V first
        b.write(b.vmm(1), VMCSField.exitReason, 0)     // own RO: 13
        b.write(b.vmm(1), VMCSField.vmmLoad, 0x10000)  // own value check: 7
        b.write(b.vmm(1), 0x4001, 0)                   // own bad field: 12
        b.read(b.vmm(1), VMCSField.vmInstrError)
        return b.scenario("6.3 rule order: first failing rule decides")
    }

    static func widthCut(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        if c.ioRanges > 0 {
            b.write(0, VMCSField.ioBase(0), 0xFFFF_FFFF_0001_2345); b.read(0, VMCSField.ioBase(0))
            b.write(0, VMCSField.ioLimit(0), 0x1_FFFF); b.read(0, VMCSField.ioLimit(0))
            b.write(0, VMCSField.ioCtrl(0), 0xFFFF_FFFF_0000_0011); b.read(0, VMCSField.ioCtrl(0))
        }
        b.write(0, VMCSField.route(7), 0xABCD_0000_0000_0012); b.read(0, VMCSField.route(7))
        b.write(0, VMCSField.eligible(7), 0xFFFF_FFFF_0000_0001); b.read(0, VMCSField.eligible(7))
        b.write(0, VMCSField.pin, 0x1234_5678_9ABC_DEF0); b.read(0, VMCSField.pin)
        b.write(0, VMCSField.hostRIP, 0x1234_5678_9ABC_DEF0); b.read(0, VMCSField.hostRIP)
        b.write(0, VMCSField.routeLock, 0xFFFF_FFFF_0000_0000); b.read(0, VMCSField.routeLock)
        return b.scenario("6.3 VMWRITE operand cut to the field width")
    }

    static func instrErrorRequester(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        let me = b.vmm(1)
        b.enter(vmm: 1)
        b.write(0, VMCSField.pin, 1)                        // 65 -> own VM_INSTR_ERROR
        b.read(me, VMCSField.vmInstrError)
        b.write(me, VMCSField.exitQual, 1)                  // 13
        b.read(me, VMCSField.vmInstrError)
        b.read(15, VMCSField.pin)                            // VMfailInvalid: no error number written
        b.read(me, VMCSField.vmInstrError)
        b.launch(63)                                          // 66 or 67
        b.read(me, VMCSField.vmInstrError)
        b.resume()
        b.read(me, VMCSField.vmInstrError); b.read(0, VMCSField.vmInstrError)
        b.resume()                                            // 5 for VMM 0
        b.read(0, VMCSField.vmInstrError)
        return b.scenario("6.3 VMfailValid number goes to the requester's VM_INSTR_ERROR")
    }

    static func currentAndOwner(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c)
        b.setUpNavigation()
        b.read(0, VMCSField.current)
        for g in [0, c.guests - 1] { b.launch(g); b.enter(vmm: 0); b.read(0, VMCSField.current); b.read(0, VMCSField.owner(g)) }
        b.enter(vmm: 2); b.launch(b.guest(1)); b.enter(vmm: 0)
        for g in 0..<c.guests { b.read(0, VMCSField.owner(g)) }
        b.read(0, VMCSField.current)
        return b.scenario("6.2 CURRENT and OWNER read back")
    }
}
