import RouterModel
import Testing

/// SPEC 4: a guest cannot execute ops 1-5; ops 6 and 7 are rejected everywhere.
@Suite struct GuestOpsTests {
    @Test(arguments: [(Command, UInt16)]([
        (.vmread(vmcs: 1, field: VMCSField.pin), 23),
        (.vmwrite(vmcs: 0, field: VMCSField.route(0), data: 0x21), 25),
        (.launch(guest: 2), 20),
        (.resume, 24),
        (.bitmapWrite(vmcs: 0, word: 1, data: 0xFF), 25),
    ]))
    func vmxOpsInAGuestExit(command: Command, reason: UInt16) {
        var r = Router.guestRunning(6, ownedBy: 2) { $0.write(2, VMCSField.hostRIP, 0xABC0) }
        // ROUTE[reason] is OWNER and these reasons are always wanted: the owner, VMM 2, gets them.
        #expect(r.execute(command) == .routed(target: 2, isSelf: false, fallback: false, policy: Policy.owner,
                                              from: .guest(6), reason: reason, entry: 0xABC0))
        #expect(r.peek(vmcs: 2, field: VMCSField.exitQual) == 0 && r.peek(vmcs: 2, field: VMCSField.intrInfo) == 0)
        #expect(r.peek(vmcs: 0, field: VMCSField.route(0)) == 0 && r.bitmapWord(vmm: 0, word: 1) == 0)
    }

    @Test func guestExitsFollowTheStaticMap() {
        var r = Router.guestRunning(0, ownedBy: 0, config: RouterConfig(platformVMM: 3, staticMap: [20, 24]))
        #expect(r.execute(.launch(guest: 1)).policy == Policy.staticMap)
        #expect(r.current == .vmm(3))
    }

    /// Choice: ops 6 and 7 are not VMX instructions, so a guest gets REJECTED 4
    /// like a VMM does, and nothing changes.
    @Test func ops6And7AreRejectedForEveryone() {
        for op: UInt8 in [6, 7] {
            var vmm = Router()
            #expect(vmm.execute(Command(op: op, reason: 10)) == .rejected(RejectCode.unknownOp))
            #expect(vmm == Router())
            var guest = Router.guestRunning(1, ownedBy: 1)
            let before = guest
            #expect(guest.execute(Command(op: op)) == .rejected(RejectCode.unknownOp))
            #expect(guest == before)
        }
    }
}
