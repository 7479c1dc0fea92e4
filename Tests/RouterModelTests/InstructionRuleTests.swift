import RouterModel
import Testing

/// SPEC 6.3 (rule order, VM_INSTR_ERROR), 6.4 (LAUNCH, RESUME), 7 (BITMAP_WRITE).
@Suite struct InstructionRuleTests {
    /// VMM 2 running (reached from VMM 0 by reason 18), returnTo[2] = VMM 0.
    static func vmm2Running(config: RouterConfig = .default) -> Router {
        var r = Router(config: config)
        r.setRoute(18, policy: Policy.field, vmm: 2)
        _ = r.execute(.event(reason: 18))
        return r
    }

    @Test func vmcsSelectorAtOrAboveVIsVMfailInvalidAndWritesNothing() {
        var r = Self.vmm2Running()
        let before = r
        #expect(r.execute(.vmread(vmcs: 4, field: VMCSField.pin)) == .vmfailInvalid)
        #expect(r.execute(.vmwrite(vmcs: 15, field: 0xDEAD, data: 1)) == .vmfailInvalid)    // rule 1 before 2 and 3
        #expect(r.execute(.bitmapWrite(vmcs: 9, word: 5000, data: 1)) == .vmfailInvalid)
        #expect(r == before)
    }

    @Test func onlyVMM0ReachesOtherVMCSs() {
        var r = Self.vmm2Running()
        #expect(r.execute(.vmread(vmcs: 1, field: 0xDEAD)) == .vmfailValid(VMError.otherVMCS))          // rule 2 before 3
        #expect(r.peek(vmcs: 2, field: VMCSField.vmInstrError) == 65)                                   // the requester's VMCS
        #expect(r.peek(vmcs: 1, field: VMCSField.vmInstrError) == 0)
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.pin, data: 1)) == .vmfailValid(VMError.otherVMCS))
        #expect(r.execute(.bitmapWrite(vmcs: 3, word: 0, data: 1)) == .vmfailValid(VMError.otherVMCS))
        #expect(r.execute(.vmwrite(vmcs: 2, field: VMCSField.pin, data: 9)) == ok(0, .vmm(2)))
        #expect(r.execute(.vmread(vmcs: 2, field: VMCSField.pin)) == ok(9, .vmm(2)))
        // A success leaves VM_INSTR_ERROR alone.
        #expect(r.execute(.vmread(vmcs: 2, field: VMCSField.vmInstrError)) == ok(65, .vmm(2)))
        // Own VMCS, but a global field: 12 (global fields are VMCS 0 only).
        #expect(r.execute(.vmread(vmcs: 2, field: VMCSField.route(0))) == .vmfailValid(VMError.unsupportedField))
        #expect(r.peek(vmcs: 2, field: VMCSField.vmInstrError) == 12)
    }

    @Test func unsupportedFieldComesBeforeReadOnly() {
        var r = Router()
        #expect(r.execute(.vmwrite(vmcs: 1, field: VMCSField.current, data: 0)) == .vmfailValid(VMError.unsupportedField))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.current, data: 0)) == .vmfailValid(VMError.readOnlyField))
        #expect(r.execute(.vmwrite(vmcs: 0, field: VMCSField.route(0), data: 0xF)) == .vmfailValid(VMError.badValue))
        #expect(r.peek(vmcs: 0, field: VMCSField.vmInstrError) == 7)
    }

    // MARK: 6.4

    @Test func launch() {
        var r = Router()
        #expect(r.execute(.launch(guest: 8)) == .vmfailValid(VMError.badGuest))
        #expect(r.execute(.launch(guest: 63)) == .vmfailValid(VMError.badGuest))
        #expect(r.peek(vmcs: 0, field: VMCSField.vmInstrError) == 66)
        #expect(r.execute(.launch(guest: 7)) == ok(0, .guest(7)))       // VMSUCCEED carries the guest
        #expect(r.owner(guest: 7) == 0 && r.returnTo(vmm: 0) == nil)
        var full = Router(config: RouterConfig(guests: 64))
        #expect(full.execute(.launch(guest: 63)) == ok(0, .guest(63)))
    }

    @Test func launchRefusesToAbandonAnInterruptedVMM() {
        var r = Self.vmm2Running()
        let before = r
        #expect(r.execute(.launch(guest: 9)) == .vmfailValid(VMError.badGuest))            // 66 is checked first
        #expect(r.execute(.launch(guest: 1)) == .vmfailValid(VMError.launchWouldAbandonVMM))
        #expect(r.current == .vmm(2) && r.returnTo(vmm: 2) == .vmm(0) && r.owner(guest: 1) == 0)
        #expect(r.peek(vmcs: 2, field: VMCSField.vmInstrError) == 67 && before.peek(vmcs: 2, field: VMCSField.vmInstrError) == 0)
    }

    @Test func launchAbandonsAnInterruptedGuestAndKeepsLoad() {
        var r = Router.guestRunning(3, ownedBy: 0) { $0.setRoute(18, policy: Policy.field, vmm: 1) }
        _ = r.execute(.event(reason: 18))                           // guest 3 -> VMM 1
        #expect(r.returnTo(vmm: 1) == .guest(3) && r.load(vmm: 1) == 1)
        #expect(r.execute(.launch(guest: 5)) == ok(0, .guest(5)))
        #expect(r.returnTo(vmm: 1) == nil && r.owner(guest: 5) == 1 && r.load(vmm: 1) == 1)
        #expect(r.peek(vmcs: 1, field: VMCSField.returnTo) == 0)    // a cleared returnTo reads 0
    }

    @Test func resume() {
        var r = Router()
        #expect(r.execute(.resume) == .vmfailValid(VMError.resumeWithoutReturn))
        #expect(r.peek(vmcs: 0, field: VMCSField.vmInstrError) == 5)
        r = Self.vmm2Running()
        #expect(r.load(vmm: 2) == 1)
        #expect(r.execute(.resume) == ok(0, .vmm(0)))
        #expect(r.load(vmm: 2) == 0 && r.returnTo(vmm: 2) == nil && r.current == .vmm(0))
    }

    @Test func resumeDoesNotTakeLoadBelowZero() {
        var r = Self.vmm2Running()
        #expect(r.execute(.vmwrite(vmcs: 2, field: VMCSField.vmmLoad, data: 0)) == ok(0, .vmm(2)))
        #expect(r.execute(.resume) == ok(0, .vmm(0)))
        #expect(r.load(vmm: 2) == 0)
    }

    // MARK: 7

    @Test func bitmapWrite() {
        var r = Router()
        #expect(r.execute(.bitmapWrite(vmcs: 3, word: 2047, data: 0xA5A5_A5A5)) == ok(0, .vmm(0)))
        #expect(r.bitmapWord(vmm: 3, word: 2047) == 0xA5A5_A5A5)
        #expect(r.execute(Command(op: Op.bitmapWrite, vmcs: 3, field: 2047, data: 0xFFFF_FFFF_0000_0001)) == ok(0, .vmm(0)))
        #expect(r.bitmapWord(vmm: 3, word: 2047) == 1)              // replaces the word; data[63:32] ignored
        #expect(r.execute(.bitmapWrite(vmcs: 3, word: 2048, data: 1)) == .vmfailValid(VMError.unsupportedField))
        #expect(r.execute(.bitmapWrite(vmcs: 0, word: 0xFFFF_FFFF, data: 1)) == .vmfailValid(VMError.unsupportedField))
        var off = Router(config: RouterConfig(ioBitmaps: false))
        #expect(off.execute(.bitmapWrite(vmcs: 0, word: 0, data: 1)) == .vmfailValid(VMError.unsupportedField))
        #expect(off.execute(.bitmapWrite(vmcs: 4, word: 0, data: 1)) == .vmfailInvalid)
    }
}
