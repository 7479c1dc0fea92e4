import RouterModel
import Testing

/// SPEC 5.3: `wants(k, event)` for a guest owned by VMM 2 under ROUTE[t] = OWNER.
/// A wanted event goes to 2, an unwanted one to the main VMM 0.
@Suite struct OwnerControlsTests {
    static let k = 2

    /// The target for `event` raised by guest 1 (owned by VMM 2) after VMM 0 ran `configure`.
    static func target(_ event: Command, config: RouterConfig = .default, _ configure: (inout Router) -> Void) -> Int {
        var r = Router.guestRunning(1, ownedBy: k, config: config, configure: configure)
        let response = r.execute(event)
        precondition(response.kind == ResponseKind.routed, "\(event) was not routed: \(response)")
        return Int(response.target)
    }

    @Test(arguments: [
        (UInt16(12), 7), (14, 9), (36, 10), (15, 11), (16, 12), (29, 23), (39, 29), (40, 30),
    ])
    func processorBasedControlBits(reason: UInt16, bit: Int) {
        let event = Command.event(reason: reason)
        #expect(Self.target(event) { $0.write(Self.k, VMCSField.proc, 1 << UInt64(bit)) } == Self.k)
        // Every other bit set, this one clear: not wanted.
        #expect(Self.target(event) { $0.write(Self.k, VMCSField.proc, 0xFFFF_FFFF & ~(1 << UInt64(bit))) } == 0)
    }

    @Test func nmiFollowsPinBit3() {
        let nmi = Command.event(reason: 0, vector: 2, intType: 2)
        #expect(Self.target(nmi) { $0.write(Self.k, VMCSField.pin, 8) } == Self.k)
        #expect(Self.target(nmi) { $0.write(Self.k, VMCSField.pin, 0xFFFF_FFF7); $0.write(Self.k, VMCSField.excBitmap, 0xFFFF_FFFF) } == 0)
    }

    @Test func externalInterruptFollowsPinBit0() {
        let irq = Command.event(reason: 1, vector: 0x30)
        #expect(Self.target(irq) { $0.write(Self.k, VMCSField.pin, 1) } == Self.k)
        #expect(Self.target(irq) { $0.write(Self.k, VMCSField.pin, 0xFFFF_FFFE) } == 0)
    }

    @Test func exceptionsFollowTheExceptionBitmap() {
        for vector in UInt8(0)...31 where vector != 14 {
            for type in [UInt8(3), 6] {
                let e = Command.event(reason: 0, vector: vector, intType: type)
                #expect(Self.target(e) { $0.write(Self.k, VMCSField.excBitmap, 1 << UInt64(vector)) } == Self.k)
                #expect(Self.target(e) { $0.write(Self.k, VMCSField.excBitmap, 0xFFFF_FFFF & ~(1 << UInt64(vector))) } == 0)
            }
        }
    }

    /// #PF: wanted when ((errCode & PFEC_MASK) == PFEC_MATCH) == EXC_BITMAP[14].
    @Test(arguments: [
        (true, UInt32(0x6), true),    // bit 14 set, codes match -> wanted
        (true, 0x2, false),           // bit 14 set, no match -> not
        (false, 0x6, false),          // bit 14 clear, match -> not
        (false, 0x2, true),           // bit 14 clear, no match -> wanted
    ])
    func pageFaultMaskMatch(bit14: Bool, errCode: UInt32, wanted: Bool) {
        let pf = Command.event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: errCode)
        let t = Self.target(pf) {
            $0.write(Self.k, VMCSField.excBitmap, bit14 ? 1 << 14 : 0)
            $0.write(Self.k, VMCSField.pfecMask, 0x5)
            $0.write(Self.k, VMCSField.pfecMatch, 0x4)
        }
        #expect(t == (wanted ? Self.k : 0))
    }

    /// Choice: the #PF test uses the errCode operand even when errValid is 0.
    @Test func pageFaultUsesErrCodeOperandEvenWithoutErrValid() {
        let pf = Command.event(reason: 0, vector: 14, intType: 3, errValid: false, errCode: 0x6)
        #expect(Self.target(pf) {
            $0.write(Self.k, VMCSField.excBitmap, 1 << 14); $0.write(Self.k, VMCSField.pfecMask, 0x5); $0.write(Self.k, VMCSField.pfecMatch, 0x4)
        } == Self.k)
    }

    @Test func otherSupportedReasonsAreAlwaysWanted() {
        let noStatic = RouterConfig(staticMap: [])
        for reason: UInt16 in Array(2...6) + Array(9...11) + [13] + Array(17...27) + [31, 32, 55] {
            #expect(Self.target(.event(reason: reason), config: noStatic) { _ in } == Self.k, "reason \(reason)")
        }
    }

    // MARK: I/O (reason 30)

    static func io(port: Int, size: Int, proc: UInt64 = 1 << 25, config: RouterConfig = .default,
                   bitmap: [(word: UInt32, data: UInt32)] = []) -> Int {
        target(.event(reason: 30, qual: ioQual(port: port, size: size, input: true)), config: config) { r in
            r.write(k, VMCSField.proc, proc)
            for (w, d) in bitmap { _ = r.execute(.bitmapWrite(vmcs: UInt8(k), word: w, data: d)) }
        }
    }

    @Test func bitmapBitOfTheAccessedPort() {
        #expect(Self.io(port: 0x10, size: 1, bitmap: [(0, 1 << 16)]) == Self.k)
        #expect(Self.io(port: 0x10, size: 1, bitmap: [(0, ~UInt32(1 << 16))]) == 0)
        #expect(Self.io(port: 0x10, size: 1) == 0)
    }

    /// Port 0x7FFF is the last bit of bitmap A (word 1023 bit 31), 0x8000 the first of B (word 1024 bit 0).
    @Test func bitmapABoundary() {
        #expect(Self.io(port: 0x7FFF, size: 2, bitmap: [(1024, 1)]) == Self.k)
        #expect(Self.io(port: 0x7FFF, size: 2, bitmap: [(1023, 1 << 31)]) == Self.k)
        #expect(Self.io(port: 0x7FFF, size: 2, bitmap: [(1023, 0x7FFF_FFFF), (1024, 0xFFFF_FFFE)]) == 0)
        #expect(Self.io(port: 0x8000, size: 1, bitmap: [(1024, 1)]) == Self.k)
        #expect(Self.io(port: 0x8000, size: 1, bitmap: [(1023, 1 << 31)]) == 0)
    }

    /// A 4-byte access at 0x3E covers 0x3E, 0x3F (word 1) and 0x40, 0x41 (word 2).
    @Test func multiByteAccessAcrossWords() {
        #expect(Self.io(port: 0x3E, size: 4, bitmap: [(2, 1 << 1)]) == Self.k)
        #expect(Self.io(port: 0x3E, size: 4, bitmap: [(1, 1 << 30)]) == Self.k)
        #expect(Self.io(port: 0x3E, size: 4, bitmap: [(2, 1 << 2), (1, 1 << 29)]) == 0)
    }

    /// port + size > 0x10000 always exits; ending exactly at 0xFFFF does not wrap.
    @Test func wrapPastFFFFIsAlwaysWanted() {
        #expect(Self.io(port: 0xFFFE, size: 4) == Self.k)
        #expect(Self.io(port: 0xFFFF, size: 2) == Self.k)
        #expect(Self.io(port: 0xFFFC, size: 4) == 0)
        #expect(Self.io(port: 0xFFFF, size: 1) == 0)
        #expect(Self.io(port: 0xFFFF, size: 1, bitmap: [(2047, 1 << 31)]) == Self.k)
    }

    /// Bit 25 (use I/O bitmaps) overrides bit 24 (unconditional I/O exiting).
    @Test func bit25OverridesBit24() {
        #expect(Self.io(port: 0x60, size: 1, proc: 1 << 24) == Self.k)
        #expect(Self.io(port: 0x60, size: 1, proc: 1 << 24 | 1 << 25) == 0)
        #expect(Self.io(port: 0x60, size: 1, proc: 0) == 0)
    }

    /// With ioBitmaps off bit 25 reads as 0 for routing, so bit 24 decides;
    /// VMREAD still returns every PROC bit written (VT-x fields store every bit).
    @Test func ioBitmapsOff() {
        let off = RouterConfig(ioBitmaps: false)
        #expect(Self.io(port: 0x60, size: 1, proc: 1 << 25, config: off) == 0)
        #expect(Self.io(port: 0x60, size: 1, proc: 1 << 25 | 1 << 24, config: off) == Self.k)
        #expect(Self.io(port: 0xFFFF, size: 4, proc: 1 << 25, config: off) == 0)   // no wrap rule without bitmaps
        var r = Router(config: off)
        r.write(0, VMCSField.proc, 1 << 25)
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.proc)) == ok(1 << 25, .vmm(0)))
    }
}
