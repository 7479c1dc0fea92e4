import RouterModel
import Testing

/// SPEC 5.1: event validation; a rejected event changes nothing.
@Suite struct ValidationTests {
    static let supported: Set<UInt16> = Set(Array(0...6) + Array(9...27) + Array(29...32) + [36, 39, 40, 55])

    @Test func supportedReasonsRouteOthersAreRejectedWithCode1() {
        for reason in Array(UInt16(0)...70) + [255, 256, 0x8000, 0xFFFF] {
            var r = Router()
            let before = r
            let event = Command.event(reason: reason, vector: reason == 0 ? 3 : 0, intType: reason == 0 ? 3 : 0)
            let response = r.execute(event)
            if Self.supported.contains(reason) {
                #expect(response.kind == ResponseKind.routed, "reason \(reason)")
            } else {
                #expect(response == .rejected(RejectCode.unsupportedReason), "reason \(reason)")
                #expect(r == before)
            }
        }
    }

    @Test(arguments: [
        (UInt8(2), UInt8(2), true), (2, 3, false), (2, 0, false),
        (3, 0, true), (3, 31, true), (3, 32, false), (3, 255, false),
        (6, 14, true), (6, 31, true), (6, 32, false),
        (0, 0, false), (1, 0, false), (4, 0, false), (5, 0, false), (7, 0, false),
    ])
    func reason0TypeAndVector(intType: UInt8, vector: UInt8, valid: Bool) {
        var r = Router()
        let before = r
        let response = r.execute(.event(reason: 0, vector: vector, intType: intType))
        if valid {
            #expect(response.kind == ResponseKind.routed)
        } else {
            #expect(response == .rejected(RejectCode.malformedEvent))
            #expect(r == before)
        }
    }

    @Test func reason1NeedsType0AndTakesAnyVector() {
        var r = Router()
        #expect(r.execute(.event(reason: 1, vector: 255)).kind == ResponseKind.routed)
        for t in UInt8(1)...7 {
            var fresh = Router()
            #expect(fresh.execute(.event(reason: 1, vector: 32, intType: t)) == .rejected(RejectCode.malformedEvent))
            #expect(fresh == Router())
        }
    }

    @Test func ioQualificationFormat() {
        func check(_ qual: UInt64) -> Response { var r = Router(); return r.execute(.event(reason: 30, qual: qual)) }
        // sizes 1, 2, 4 (bits 2:0 = 0, 1, 3); direction, string, REP, immediate and the port are free.
        for ok: UInt64 in [0, 1, 3, 0x78, 0xFFFF_0000, 0xFFFF_007B] {
            #expect(check(ok).kind == ResponseKind.routed, "qual 0x\(String(ok, radix: 16))")
        }
        for bad: UInt64 in [2, 4, 5, 6, 7] { #expect(check(bad) == .rejected(RejectCode.malformedEvent)) }
        for bit in 7...15 { #expect(check(1 << UInt64(bit)) == .rejected(RejectCode.malformedEvent), "bit \(bit)") }
        for bit in 32...63 { #expect(check(1 << UInt64(bit)) == .rejected(RejectCode.malformedEvent), "bit \(bit)") }
    }

    /// Only reasons 0, 1 and 30 check their operands; others ignore vector,
    /// intType, errValid and errCode (INTR_INFO and INTR_ERR are 0).
    @Test func otherReasonsIgnoreTheirOperands() {
        var r = Router()
        let response = r.execute(.event(reason: 10, vector: 99, intType: 7, errValid: true, errCode: 5, qual: 0xFFFF_FFFF_FFFF_FFFF))
        #expect(response == .routed(target: 0, isSelf: true, fallback: false, policy: Policy.owner, from: .vmm(0),
                                    reason: 10, qual: 0xFFFF_FFFF_FFFF_FFFF))
    }

    @Test func rejectedFromAGuestChangesNothing() {
        var r = Router.guestRunning(2, ownedBy: 1)
        let before = r
        #expect(r.execute(.event(reason: 7)) == .rejected(RejectCode.unsupportedReason))
        #expect(r.execute(.event(reason: 0, vector: 40, intType: 3)) == .rejected(RejectCode.malformedEvent))
        #expect(r.execute(.event(reason: 30, qual: 2)) == .rejected(RejectCode.malformedEvent))
        #expect(r == before)
    }
}
