@testable import Equivalence
import RouterModel
import RouterSpec
import Testing

/// Transition, sequence and cross bins on directed traces: a trace that does
/// the thing hits the bin, the same trace without it does not.
@Suite struct SequenceCoverageTests {
    /// Hit count of bin `name` in the row whose name starts with `row` (nil: no such bin).
    static func count(_ cov: Coverage, row: String, bin name: String) -> UInt32? {
        let m = cov.model
        guard let r = m.rows.first(where: { $0.name.hasPrefix(row) }), let i = r.bins.first(where: { m.binNames[$0] == name }) else { return nil }
        return cov.counts[i]
    }

    static func run(_ commands: [Command], config: RouterConfig = .default) -> Coverage {
        var cov = Coverage(config: config)
        var router = Router(config: config)
        for c in commands { _ = cov.execute(c, on: &router) }
        return cov
    }

    /// ROUTE[12] = FIELD -> VMM 1, ROUTE[14] = FIELD -> VMM 2, then guest 0 runs.
    static let setup: [Command] = [.vmwrite(vmcs: 0, field: VMCSField.route(12), data: 0x11),
                                   .vmwrite(vmcs: 0, field: VMCSField.route(14), data: 0x21), .launch(guest: 0)]

    @Test func aNestedExitHitsDepthTwoOnlyWhenItNests() throws {
        // guest -> VMM 1 (HLT), then VMM 1's handler takes INVLPG -> VMM 2: depth 2.
        let nested = Self.run(Self.setup + [.event(reason: 12), .event(reason: 14)])
        #expect(try #require(Self.count(nested, row: "seq nested exits", bin: "from a handler, depth 2")) == 1)
        #expect(Self.count(nested, row: "seq nested exits", bin: "from a guest (depth 1)") == 1)
        // The same events with a RESUME between them: the second exit is from the guest again.
        let flat = Self.run(Self.setup + [.event(reason: 12), .resume, .event(reason: 14)])
        #expect(Self.count(flat, row: "seq nested exits", bin: "from a handler, depth 2") == 0)
        #expect(Self.count(flat, row: "seq nested exits", bin: "from a guest (depth 1)") == 2)
    }

    @Test func twoResumesInARowUnwindTwoLevels() {
        let unwind = Self.run(Self.setup + [.event(reason: 12), .event(reason: 14), .resume, .resume])
        #expect(Self.count(unwind, row: "seq RESUME chains", bin: "2 RESUMEs in a row") == 1)
        #expect(Self.count(unwind, row: "seq RESUME: depth", bin: "RESUME at depth 2") == 1)
        #expect(Self.count(unwind, row: "seq RESUME: depth", bin: "RESUME at depth 1") == 1)
        // A VMREAD between the two RESUMEs: no chain.
        let broken = Self.run(Self.setup + [.event(reason: 12), .event(reason: 14), .resume,
                                            .vmread(vmcs: 1, field: VMCSField.exitReason), .resume])
        #expect(Self.count(broken, row: "seq RESUME chains", bin: "2 RESUMEs in a row") == 0)
        // The handler's first command after each exit.
        #expect(Self.count(broken, row: "seq handler", bin: "interrupted guest, then EVENT") == 1)
        #expect(Self.count(broken, row: "seq handler", bin: "interrupted VMM, then RESUME") == 1)
    }

    @Test func aCrossBinNeedsItsPolicyDeliverabilityKindAndClass() {
        let row = "cross field:", bin = "other VMM in a handler, fallback exit to VMM 0, controlled instruction"
        // guest -> VMM 1 -> VMM 2; in VMM 2, HLT goes (FIELD) to busy VMM 1: fallback, exit to VMM 0.
        let fallback = Self.run(Self.setup + [.event(reason: 12), .event(reason: 14), .event(reason: 12)])
        #expect(Self.count(fallback, row: row, bin: bin) == 1)
        #expect(Self.count(fallback, row: row, bin: "guest, exit, controlled instruction") == 1)
        // HLT inside VMM 1's own handler is delivered to VMM 1 itself: self, not fallback.
        let own = Self.run(Self.setup + [.event(reason: 12), .event(reason: 12)])
        #expect(Self.count(own, row: row, bin: bin) == 0)
        #expect(Self.count(own, row: row, bin: "other VMM in a handler, self, controlled instruction") == 1)
        // The same fallback for a reason of another class lands in that class's bin.
        let other = Self.run([.vmwrite(vmcs: 0, field: VMCSField.route(2), data: 0x11)] + Self.setup
                             + [.event(reason: 12), .event(reason: 14), .event(reason: 2)])
        #expect(Self.count(other, row: row, bin: bin) == 0)
        #expect(Self.count(other, row: row, bin: "other VMM in a handler, fallback exit to VMM 0, other always-wanted") == 1)
    }

    @Test func lockThenWriteAndOwnerChange() {
        let locked = Self.run([.vmwrite(vmcs: 0, field: VMCSField.routeLock, data: 1),
                               .vmwrite(vmcs: 0, field: VMCSField.route(12), data: 0x9),      // bad policy 9: 64, not 7
                               .vmwrite(vmcs: 0, field: VMCSField.ioLimit(0), data: 0x10)])
        #expect(Self.count(locked, row: "seq ROUTE_LOCK", bin: "ROUTE_LOCK set to 1") == 1)
        #expect(Self.count(locked, row: "seq ROUTE_LOCK", bin: "locked: VMWRITE ROUTE -> 64") == 1)
        #expect(Self.count(locked, row: "seq ROUTE_LOCK", bin: "locked: bad ROUTE value -> 64, not 7 (rule 5 before 6)") == 1)
        #expect(Self.count(locked, row: "seq ROUTE_LOCK", bin: "locked: VMWRITE IO_LIMIT -> 64") == 1)
        let unlocked = Self.run([.vmwrite(vmcs: 0, field: VMCSField.route(12), data: 0x9)])
        #expect(Self.count(unlocked, row: "seq ROUTE_LOCK", bin: "locked: VMWRITE ROUTE -> 64") == 0)
        // VMM 0 launches guest 3, HLT (FIELD) takes it to VMM 1, VMM 1 launches guest 3: the owner changes.
        let owner = Self.run(Self.setup + [.event(reason: 12), .launch(guest: 0)])
        #expect(Self.count(owner, row: "seq owner", bin: "LAUNCH by another VMM (owner changes)") == 1)
        #expect(Self.count(owner, row: "seq owner", bin: "LAUNCH abandons the interrupted guest") == 1)
        #expect(Self.count(owner, row: "seq owner", bin: "LAUNCH by the guest's owner (owner unchanged)") == 1)
    }

    /// ROUTE[12] = LOAD, every VMM eligible, every load saturated at 0xFFFF (VMM v: VMCS v).
    static func saturatedTie(vmms: Int = 4, skip: Int? = nil) -> [Command] {
        let all: UInt64 = (1 << UInt64(vmms)) - 1
        var commands: [Command] = [.vmwrite(vmcs: 0, field: VMCSField.route(12), data: UInt64(Policy.load)),
                                   .vmwrite(vmcs: 0, field: VMCSField.eligible(12), data: all)]
        for v in 0..<vmms where v != skip { commands.append(.vmwrite(vmcs: UInt8(v), field: VMCSField.vmmLoad, data: 0xFFFF)) }
        return commands
    }

    @Test func everyVMMTiedAtSaturationIsCountedByWhoRaisedTheEvent() {
        let row = "seq LOAD", idle = "all VMMs tied at 0xFFFF, event from idle VMM 0"
        // VMM 0 idle raises HLT: four candidates (itself the running one), all at 0xFFFF.
        let fromIdle = Self.run(Self.saturatedTie() + [.event(reason: 12)])
        #expect(Self.count(fromIdle, row: row, bin: idle) == 1)
        #expect(Self.count(fromIdle, row: row, bin: "tie of 4") == 1)
        #expect(Self.count(fromIdle, row: row, bin: "all VMMs tied at 0xFFFF, event from a guest") == 0)
        // From a guest: the guest bin.
        let fromGuest = Self.run(Self.saturatedTie() + [.launch(guest: 0), .event(reason: 12)])
        #expect(Self.count(fromGuest, row: row, bin: "all VMMs tied at 0xFFFF, event from a guest") == 1)
        #expect(Self.count(fromGuest, row: row, bin: idle) == 0)
        // One load left at 0: a tie of one at 0, not a saturated tie of four.
        let partial = Self.run(Self.saturatedTie(skip: 3) + [.event(reason: 12)])
        #expect(Self.count(partial, row: row, bin: idle) == 0)
        #expect(Self.count(partial, row: row, bin: "tie of 4") == 0)
    }

    /// Cells the SPEC rules out are not bins at all, so 100% is reachable.
    @Test func impossibleCellsAreNotBins() {
        let m = CoverageModel(config: .default)
        let names = m.rows.filter { $0.name.hasPrefix("cross ") }.flatMap { $0.bins.map { m.binNames[$0] } }
        #expect(!names.contains { $0.hasPrefix("guest, self") || $0.hasPrefix("guest, fallback") || $0.hasPrefix("guest, undeliverable") })
        #expect(!names.contains { $0.hasPrefix("idle VMM 0, fallback") || $0.hasPrefix("idle VMM 0, undeliverable") })
        #expect(!names.contains { $0.hasPrefix("other VMM in a handler, fallback self") })
        let owner = m.rows.first { $0.name.hasPrefix("cross owner:") }!
        #expect(owner.bins.allSatisfy { m.binNames[$0].contains(", exit, ") || m.binNames[$0].contains(", self, ") })
        // With 2 VMMs a fallback exit needs a third VMM: no such cell.
        let two = CoverageModel(config: RouterConfig(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: [], ioBitmaps: false))
        #expect(!two.binNames.contains { $0.contains("fallback exit to VMM 0") })
        #expect(two.binNames.contains("from a handler, depth 2") && !two.binNames.contains("from a handler, depth 3"))
    }
}
