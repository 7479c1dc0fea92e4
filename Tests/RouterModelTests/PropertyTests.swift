@testable import RouterModel
import Testing

/// Properties over seeded random command streams. The stream is generated here
/// (RouterModel's tests cannot use Stimulus), uniformly over operand values
/// that matter, so these also exercise odd corners the Stimulus bias skips.
@Suite struct PropertyTests {
    static let configs: [RouterConfig] = [
        .default,
        RouterConfig(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: [], ioBitmaps: false),
        RouterConfig(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15, staticMap: [0, 30, 55]),
    ]

    /// A small SplitMix64 so this test target needs nothing but RouterModel.
    struct Mix { var s: UInt64
        mutating func next() -> UInt64 { s &+= 0x9E37_79B9_7F4A_7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9; z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31) }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func randomCommand(_ m: inout Mix, _ config: RouterConfig, vmcs0Fields: [UInt32]) -> Command {
        let op = UInt8([0, 0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 7][m.below(12)])
        var c = Command(op: op)
        c.reason = m.below(4) == 0 ? UInt16(m.below(70)) : [0, 1, 10, 12, 18, 30, 30, 31][m.below(8)]
        c.intType = UInt8(m.below(8)); c.vector = UInt8(m.below(4) == 0 ? m.below(256) : [2, 14, 6][m.below(3)])
        c.errValid = m.below(2) == 0; c.errCode = UInt32(m.below(16))
        c.qual = m.below(8) == 0 ? m.next() : UInt64(m.below(0x10000)) << 16 | UInt64([0, 1, 3][m.below(3)])
        c.vmcs = UInt8(m.below(config.vmms + 1))
        c.field = m.below(10) == 0 ? UInt32(truncatingIfNeeded: m.next()) : vmcs0Fields[m.below(vmcs0Fields.count)]
        c.data = [0, 1, 0x11, 0x31, 0xF, UInt64(m.below(0x10000)), m.next()][m.below(7)]
        c.guest = UInt8(m.below(config.guests + 1))
        if op == Op.bitmapWrite { c.field = UInt32(m.below(2100)) }
        return c
    }

    @Test(arguments: 0..<3)
    func invariantsHoldOnRandomStreams(configIndex: Int) {
        let config = Self.configs[configIndex]
        let fields = VMCSField.supported(inVMCS: 0, config: config)
        var m = Mix(s: UInt64(configIndex) &+ 77)
        var r = Router(config: config)
        var kinds = Set<UInt8>()
        for i in 0..<20_000 {
            let command = Self.randomCommand(&m, config, vmcs0Fields: fields)
            let before = r
            let response = r.execute(command)
            kinds.insert(response.kind)
            let requester = before.current.id
            switch response.kind {
            case ResponseKind.rejected, ResponseKind.vmfailInvalid:
                // A rejected command changes no state.
                #expect(r == before, "command \(i): \(command) -> \(response) changed the state")
            case ResponseKind.vmfailValid:
                // ... a VMfail only writes the requester's VM_INSTR_ERROR.
                var expected = before
                expected.store = before.store.copy()
                expected.store.vmcs[requester * VMCSSlot.stride + VMCSSlot.vmInstrError.rawValue] = UInt64(response.error)
                #expect(r == expected, "command \(i): \(command) -> \(response)")
            case ResponseKind.vmsucceed where command.op == Op.vmwrite:
                // VMREAD after a successful VMWRITE returns the value cut to the field's width.
                let width = FieldKind.width(of: command.field)
                let cut = width == 64 ? command.data : command.data & (1 << UInt64(width) - 1)
                var probe = r
                #expect(probe.execute(.vmread(vmcs: command.vmcs, field: command.field)) == .vmsucceed(data: cut, current: r.current.raw),
                        "command \(i): \(command)")
            default: break
            }
            // Fields a kind does not list are 0 (SPEC 8/9).
            if response.kind != ResponseKind.routed {
                #expect(response.target == 0 && !response.isSelf && !response.fallback && response.policy == 0 && response.from == 0
                        && response.reason == 0 && response.qual == 0 && response.info == 0 && response.errCode == 0 && response.entry == 0)
            }
            if response.kind != ResponseKind.vmsucceed { #expect(response.data == 0 && response.current == 0) }
            // current is always a VMM or a launched guest.
            #expect(r.current.raw & 0x40 == 0)
            if r.current.isVMM { #expect(r.current.id < config.vmms) } else { #expect(r.current.id < config.guests) }
            // Derived from 5.4/6.4: while a guest runs, no VMM is busy.
            if !r.current.isVMM { #expect((0..<config.vmms).allSatisfy { !r.isBusy(vmm: $0) }, "command \(i)") }
        }
        // With 16 VMMs a 4-bit selector cannot be >= V, so VMfailInvalid cannot happen.
        #expect(kinds == (config.vmms == 16 ? [0, 1, 3, 4] : [0, 1, 2, 3, 4]))
    }
}

/// `Router` is a value: a copy never sees the other's later commands.
@Suite struct ValueSemanticsTests {
    @Test func copiesAreIndependent() {
        var a = Router()
        a.write(1, VMCSField.pin, 5)
        let snapshot = a
        var b = a
        b.write(1, VMCSField.pin, 6)
        _ = b.execute(.bitmapWrite(vmcs: 2, word: 7, data: 0xFF))
        _ = b.execute(.launch(guest: 1))
        #expect(a == snapshot && a != b)
        #expect(a.peek(vmcs: 1, field: VMCSField.pin) == 5 && b.peek(vmcs: 1, field: VMCSField.pin) == 6)
        #expect(a.bitmapWord(vmm: 2, word: 7) == 0 && b.bitmapWord(vmm: 2, word: 7) == 0xFF)
        #expect(a.current == .vmm(0) && b.current == .guest(1))
        _ = a.execute(.bitmapWrite(vmcs: 2, word: 7, data: 0x1))
        #expect(b.bitmapWord(vmm: 2, word: 7) == 0xFF)
    }
}

@Suite struct CounterTests {
    /// SPEC 3: handled[v] wraps at 32 bits (preset through the storage: 2^32 events take too long).
    @Test func handledWraps() {
        var r = Router()
        r.store.handled[0] = 0xFFFF_FFFF
        _ = r.execute(.event(reason: 10))
        #expect(r.handled(vmm: 0) == 0)
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.handled)) == .vmsucceed(data: 0, current: .vmm(0)))
    }
}
