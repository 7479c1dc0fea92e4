import RouterModel
import Testing

/// SPEC 6.1 and 6.2: every field's width, access and value check, executed by VMM 0.
@Suite struct FieldTests {
    static let all: UInt64 = 0xFFFF_FFFF_FFFF_FFFF

    /// RW VT-x fields keep every bit of their width; a wider operand is cut.
    static let readWriteFields: [(UInt32, UInt64)] = [
        (VMCSField.pin, 0xFFFF_FFFF), (VMCSField.proc, 0xFFFF_FFFF), (VMCSField.excBitmap, 0xFFFF_FFFF),
        (VMCSField.pfecMask, 0xFFFF_FFFF), (VMCSField.pfecMatch, 0xFFFF_FFFF), (VMCSField.hostRIP, 0xFFFF_FFFF_FFFF_FFFF),
    ]
    @Test(arguments: readWriteFields)
    func readWriteFieldsStoreTheirWidth(field: UInt32, readBack: UInt64) {
        for vmcs in 0..<4 {
            var r = Router()
            #expect(r.execute(.vmwrite(vmcs: UInt8(vmcs), field: field, data: Self.all)) == ok(0, .vmm(0)))
            #expect(r.execute(.vmread(vmcs: UInt8(vmcs), field: field)) == ok(readBack, .vmm(0)))
            #expect(r.execute(.vmwrite(vmcs: UInt8(vmcs), field: field, data: 0x1_2345_6789)) == ok(0, .vmm(0)))
            #expect(r.execute(.vmread(vmcs: UInt8(vmcs), field: field)) == ok(0x1_2345_6789 & readBack, .vmm(0)))
        }
    }

    @Test(arguments: [VMCSField.vmInstrError, VMCSField.exitReason, VMCSField.intrInfo, VMCSField.intrErr,
                      VMCSField.exitQual, VMCSField.returnTo, VMCSField.handled])
    func readOnlyPerVMMFieldsRefuseWrites(field: UInt32) {
        var r = Router()
        #expect(r.execute(.vmwrite(vmcs: 1, field: field, data: 0)) == .vmfailValid(VMError.readOnlyField))
        #expect(r.peek(vmcs: 0, field: VMCSField.vmInstrError) == 13)
        #expect(r.execute(.vmread(vmcs: 1, field: field)) == ok(0, .vmm(0)))
    }

    @Test func vmmLoadIs16BitsInA32BitField() {
        var r = Router()
        #expect(r.execute(.vmwrite(vmcs: 2, field: VMCSField.vmmLoad, data: 0x1_0000)) == .vmfailValid(VMError.badValue))
        #expect(r.execute(.vmwrite(vmcs: 2, field: VMCSField.vmmLoad, data: 0xFFFF_FFFF_0000_FFFF)) == ok(0, .vmm(0)))
        #expect(r.load(vmm: 2) == 0xFFFF)
        #expect(r.execute(.vmread(vmcs: 2, field: VMCSField.vmmLoad)) == ok(0xFFFF, .vmm(0)))
    }

    @Test func routeValueChecks() {
        var r = Router()
        let f = VMCSField.route(30)
        for bad: UInt64 in [4, 7, 0x40, 0xF0, 0x08, 0x100, 0x8000_0000] {
            #expect(r.execute(.vmwrite(vmcs: 0, field: f, data: bad)) == .vmfailValid(VMError.badValue), "0x\(String(bad, radix: 16))")
        }
        #expect(r.peek(vmcs: 0, field: f) == 0)
        #expect(r.execute(.vmwrite(vmcs: 0, field: f, data: 0xFFFF_FFFF_0000_0033)) == ok(0, .vmm(0)))   // high half cut
        #expect(r.execute(.vmread(vmcs: 0, field: f)) == ok(0x33, .vmm(0)))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.route(63), data: 0x32)) == ok(0, .vmm(0)))
        var sixteen = Router(config: RouterConfig(vmms: 16))
        #expect(sixteen.execute(.vmwrite(vmcs: 0, field: f, data: 0xF3)) == ok(0, .vmm(0)))
    }

    @Test func eligibleValueChecks() {
        var r = Router()
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.eligible(10), data: 0x10)) == .vmfailValid(VMError.badValue))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.eligible(10), data: 0x1_0000_000F)) == ok(0, .vmm(0)))
        #expect(r.peek(vmcs: 0, field: VMCSField.eligible(10)) == 0xF)
    }

    @Test func ioRangeFields() {
        var r = Router()   // R = 8
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.ioBase(7), data: 0x1_2345)) == ok(0, .vmm(0)))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.ioBase(7))) == ok(0x2345, .vmm(0)))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.ioLimit(7), data: 0xFFFF)) == ok(0, .vmm(0)))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.ioBase(8))) == .vmfailValid(VMError.unsupportedField))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.ioLimit(8))) == .vmfailValid(VMError.unsupportedField))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.ioCtrl(8))) == .vmfailValid(VMError.unsupportedField))
        for bad: UInt64 in [0x2, 0x4, 0x8, 0x41, 0x100] {
            #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.ioCtrl(0), data: bad)) == .vmfailValid(VMError.badValue))
        }
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.ioCtrl(0), data: 0x31)) == ok(0, .vmm(0)))
        var none = Router(config: RouterConfig(ioRanges: 0))
        #expect(none.execute(.vmread(vmcs: 0, field: VMCSField.ioBase(0))) == .vmfailValid(VMError.unsupportedField))
        var sixteen = Router(config: RouterConfig(ioRanges: 16))
        #expect(sixteen.execute(.vmwrite(vmcs: 0, field: VMCSField.ioLimit(15), data: 7)) == ok(0, .vmm(0)))
        #expect(sixteen.peek(vmcs: 0, field: VMCSField.ioBase(15)) == 0)
    }

    @Test func currentAndOwnerAreReadOnly() {
        var r = Router.guestRunning(5, ownedBy: 3)
        _ = r.execute(.event(reason: 12))        // back to VMM 0 (ROUTE[12] = OWNER, HLT not wanted by VMM 3)
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.current)) == ok(0x80, .vmm(0)))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.owner(5))) == ok(3, .vmm(0)))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.owner(7))) == ok(0, .vmm(0)))     // guest 7 = G-1, the stepping stone VMM 0 launched
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.owner(8))) == .vmfailValid(VMError.unsupportedField))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.current, data: 0)) == .vmfailValid(VMError.readOnlyField))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.owner(1), data: 0)) == .vmfailValid(VMError.readOnlyField))
    }

    @Test func globalFieldsOnlyThroughVMCS0() {
        var r = Router()
        for field in [VMCSField.route(0), VMCSField.eligible(0), VMCSField.ioBase(0), VMCSField.ioLimit(0), VMCSField.ioCtrl(0),
                      VMCSField.routeLock, VMCSField.current, VMCSField.owner(0)] {
            #expect(r.execute(.vmread(vmcs: 1, field: field)) == .vmfailValid(VMError.unsupportedField))
            #expect(r.execute(.vmwrite(vmcs: 3, field: field, data: 0)) == .vmfailValid(VMError.unsupportedField))
        }
    }

    @Test func unsupportedEncodings() {
        var r = Router()
        for field: UInt32 in [0x4001, 0x6C17, 0x4010, 0x4402 | 0x8000, 0x1_4000, 0xFFFF_FFFF, 0x0340, 0x4380, 0x43E4, 0x4606, 0] {
            #expect(r.execute(.vmread(vmcs: 0, field: field)) == .vmfailValid(VMError.unsupportedField), "0x\(String(field, radix: 16))")
        }
    }

    @Test func routeLock() {
        var r = Router()
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.routeLock, data: 2)) == .vmfailValid(VMError.badValue))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.routeLock, data: 0)) == ok(0, .vmm(0)))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.routeLock, data: 0xFFFF_FFFF_0000_0001)) == ok(0, .vmm(0)))
        #expect(r.execute(.vmread(vmcs: 0, field: VMCSField.routeLock)) == ok(1, .vmm(0)))
        let locked = r
        for field in [VMCSField.route(3), VMCSField.eligible(3), VMCSField.ioBase(0), VMCSField.ioLimit(0), VMCSField.ioCtrl(0), VMCSField.routeLock] {
            #expect(r.execute(.vmwrite(vmcs: 0, field: field, data: 0)) == .vmfailValid(VMError.routeLocked))
        }
        // Rule 5 comes before the value check (rule 6), after read-only (rule 4).
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.route(3), data: 7)) == .vmfailValid(VMError.routeLocked))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.current, data: 0)) == .vmfailValid(VMError.readOnlyField))
        // Per-VMM fields stay writable.
        #expect(r.execute(.vmwrite(vmcs: 2, field: VMCSField.pin, data: 1)) == ok(0, .vmm(0)))
        #expect(r.execute(.vmwrite(vmcs: 2, field: VMCSField.vmmLoad, data: 1)) == ok(0, .vmm(0)))
        #expect(r.isRouteLocked && r.peek(vmcs: 0, field: VMCSField.route(3)) == locked.peek(vmcs: 0, field: VMCSField.route(3)))
        r.reset()
        #expect(!r.isRouteLocked)
    }
}
