import Equivalence
import RouterModel
import Testing

@Suite struct DirectedSuiteTests {
    static func run(_ config: RouterConfig, _ scenarios: [Scenario]) -> Coverage {
        var cov = Coverage(config: config)
        for s in scenarios {
            var router = Router(config: config)
            for c in s.commands { _ = cov.execute(c, on: &router) }
        }
        return cov
    }

    /// The directed suite closes every single-command row (one scenario per SPEC rule); the
    /// transition, sequence and cross rows (`seq ...`, `cross ...`) are what the coverage-driven
    /// random streams are for, so they are not asked of it.
    @Test func theDirectedSuiteClosesTheSingleCommandRowsOnTheDefaults() {
        let config = RouterConfig.default
        let cov = DirectedSuiteTests.run(config, DirectedSuite.scenarios(config))
        let m = cov.model
        let holes = m.rows.filter { !$0.name.hasPrefix("seq ") && !$0.name.hasPrefix("cross ") }
            .flatMap { row in row.bins.filter { cov.counts[$0] == 0 && !m.excluded.contains($0) }.map { "\(row.name): \(m.binNames[$0])" } }
        #expect(holes.isEmpty, "holes:\n\(holes.joined(separator: "\n"))")
    }

    static let otherConfigs: [RouterConfig] = [
        RouterConfig(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: [], ioBitmaps: false),
        RouterConfig(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15, staticMap: [0, 30, 12], ioBitmaps: true),
        RouterConfig(vmms: 3, guests: 2, ioRanges: 1, platformVMM: 2, staticMap: [17, 18, 19, 21], ioBitmaps: true),
    ]

    /// Other parameters: the suite still runs (ids clamped) and covers most bins (with 2 VMMs some
    /// delivery cells need VMM 0 as the target, which the matrix does not aim at; random fills them).
    @Test(arguments: otherConfigs)
    func theDirectedSuiteAdaptsToOtherParameters(_ config: RouterConfig) {
        let cov = DirectedSuiteTests.run(config, DirectedSuite.scenarios(config))
        let m = cov.model
        let bins = m.rows.filter { !$0.name.hasPrefix("seq ") && !$0.name.hasPrefix("cross ") }.flatMap { $0.bins }.filter { !m.excluded.contains($0) }
        let hit = bins.filter { cov.counts[$0] > 0 }.count
        #expect(hit * 100 >= bins.count * 80, "\(CoverageReport.table(cov, onlyOpenRows: true))")
    }

    @Test func scenariosAreNamedAfterSpecRulesAndDistinct() {
        let names = DirectedSuite.scenarios(.default).map(\.name)
        #expect(Set(names).count == names.count)
        for n in names { #expect(n.first?.isNumber == true, "\(n) does not start with its SPEC section") }
        #expect(names.contains("6.3 rule 2 wrong VMCS -> 65"))
        #expect(names.contains("5.3 #PF mask/match truth table"))
    }

    /// The reset scenario reads, before any write, every field of SPEC 6.1/6.2 these parameters have
    /// (per-VMM fields of every VMCS, every instance of the global arrays), and the reference answers
    /// each with VMSUCCEED and its reset value (0; CURRENT: VMM 0).
    @Test(arguments: [RouterConfig.default] + otherConfigs)
    func theResetScenarioReadsEveryFieldOfEveryVMCSBeforeAnyWrite(_ config: RouterConfig) throws {
        let s = try #require(DirectedSuite.scenarios(config).first { $0.name == "6.1/6.2 every field of every VMCS reads its reset value" })
        #expect(s.commands.allSatisfy { $0.op == Op.vmread })
        let perVMM = VMCSField.descriptors.filter { $0.scope == .perVMM }.count
        let global = VMCSField.descriptors.filter { $0.scope == .global }
            .map { $0.instances.count(ioRanges: config.ioRanges, guests: config.guests) }.reduce(0, +)
        #expect(s.commands.count == config.vmms * perVMM + global)
        #expect(Set(s.commands.map { "\($0.vmcs)/\($0.field)" }).count == s.commands.count)
        #expect(s.commands.contains { $0.vmcs == UInt8(config.vmms - 1) && $0.field == VMCSField.pfecMask })
        var router = Router(config: config)
        for c in s.commands {
            let r = router.execute(c)
            #expect(r.kind == ResponseKind.vmsucceed, "\(c)")
            #expect(r.data == (c.field == VMCSField.current ? UInt64(EntityEncoding.resetCurrent) : 0), "\(c)")
        }
    }

    /// The per-VMM bitmap scenario makes every VMM k >= 1 the owner of a running guest whose I/O
    /// exits go to k (its bitmap wants the port) and to VMM 0 (it does not).
    @Test(arguments: [RouterConfig.default] + otherConfigs.filter { $0.ioBitmaps && !$0.staticMap.contains(30) })
    func theBitmapScenarioUsesEveryVMMsOwnBitmap(_ config: RouterConfig) throws {
        let s = try #require(DirectedSuite.scenarios(config).first { $0.name.hasPrefix("7 each VMM's I/O bitmap is its own") })
        var router = Router(config: config)
        var wanted = Set<UInt8>(), notWanted = Set<UInt8>()
        var owner: [UInt8: UInt8] = [:]   // guest -> the VMM that launched it
        for c in s.commands {
            let launcher = router.current
            let r = router.execute(c)
            if c.op == Op.launch, r.kind == ResponseKind.vmsucceed, launcher.isVMM { owner[c.guest] = UInt8(launcher.id) }
            guard c.op == Op.event, c.reason == 30, r.kind == ResponseKind.routed, r.policy == Policy.owner,
                  r.from & 0x80 == 0, let k = owner[r.from & 0x3F] else { continue }
            if r.target == k { wanted.insert(k) } else if r.target == 0 { notWanted.insert(k) }
        }
        #expect(wanted == Set((1..<config.vmms).map { UInt8($0) }))
        #expect(notWanted == wanted)
    }

    /// The per-range and per-VMM scenarios reach every copy: LOAD picks every VMM; each range's
    /// VMM gets an I/O exit and so does the ROUTE VMM (ports just outside the bounds).
    @Test(arguments: [RouterConfig.default] + otherConfigs.filter { !$0.staticMap.contains(30) && !$0.staticMap.contains(10) })
    func theExactScenariosReachEveryRangeAndEveryVMM(_ config: RouterConfig) throws {
        func targets(_ prefix: String, policy: UInt8) throws -> Set<UInt8> {
            let s = try #require(DirectedSuite.scenarios(config).first { $0.name.hasPrefix(prefix) })
            var router = Router(config: config)
            return Set(s.commands.map { router.execute($0) }.filter { $0.kind == ResponseKind.routed && $0.policy == policy }.map(\.target))
        }
        #expect(try targets("5.2 LOAD each VMM chosen", policy: Policy.load) == Set((0..<config.vmms).map { UInt8($0) }))
        let rangeVMMs = (0..<config.ioRanges).map { UInt8(1 + $0 % (config.vmms - 1)) }
        #expect(try targets("5.2 IO_RANGE each range alone", policy: Policy.ioRange) == (config.ioRanges == 0 ? [] : Set(rangeVMMs + [0])))
    }

    @Test func theOwnerRowsScenarioHitsEveryRowWantedAndNotWanted() throws {
        let s = try #require(DirectedSuite.scenarios(.default).first { $0.name == "5.3 owner controls: each row wanted and not wanted" })
        let cov = DirectedSuiteTests.run(.default, [s])
        for row in cov.model.rows where row.name.hasPrefix("5.3 ") && !row.name.contains("I/O bitmap") {
            for b in row.bins where !cov.model.excluded.contains(b) {
                #expect(cov.counts[b] > 0, "\(row.name): \(cov.model.binNames[b]) not hit")
            }
        }
    }

    @Test func theIOSweepCoversEveryPortAtEverySizeAndItsSampleIsSmall() throws {
        let s = try #require(DirectedSuite.scenarios(.default).first { $0.name.hasPrefix("5.3 I/O bitmap: every port") })
        let events = s.commands.filter { $0.op == Op.event && $0.reason == 30 }
        #expect(events.count == 65536 * 3)
        #expect(Set(events.map { $0.qual >> 16 & 0xFFFF }).count == 65536)
        let sample = try #require(s.sample)
        #expect(sample.count * 20 < s.commands.count)
    }
}

@Suite struct FunctionalCoverageTests {
    /// Binning on hand-picked commands: each lands in the bin it should.
    @Test func binsLandWhereTheyShould() {
        let c = RouterConfig.default
        var cov = Coverage(config: c)
        var r = Router(config: c)
        func hits(_ name: String, row: String) -> UInt32 {
            let m = cov.model
            let rowBins = m.rows.first { $0.name == row }!.bins
            return rowBins.first { m.binNames[$0] == name }.map { cov.counts[$0] } ?? 9999
        }
        _ = cov.execute(Command(op: 7), on: &r)
        #expect(hits("4 unknown op", row: "5.1/4 rejected codes 1, 2, 4") == 1)
        _ = cov.execute(.event(reason: 7), on: &r)
        #expect(hits("1 unsupported reason", row: "5.1/4 rejected codes 1, 2, 4") == 1)
        _ = cov.execute(.event(reason: 0, vector: 40, intType: 3), on: &r)
        #expect(hits("2 malformed reason 0 (vmm)", row: "5.1/4 rejected codes 1, 2, 4") == 1)
        _ = cov.execute(.event(reason: 12), on: &r)                    // OWNER on VMM 0: self
        #expect(hits("vmm/owner/self", row: "5.2 reason 12 policy x outcome x kind") == 1)
        _ = cov.execute(.event(reason: 5), on: &r)                     // static -> VMM 1: exit
        #expect(hits("vmm/static/exit", row: "5.2 reason 5 policy x outcome x kind") == 1)
        _ = cov.execute(.vmread(vmcs: 0, field: VMCSField.pin), on: &r) // VMM 1 reads VMCS 0: 65
        #expect(hits("VMfailValid 65", row: "6.3/6.4 VMfail numbers") == 1)
        _ = cov.execute(.launch(guest: 2), on: &r)                      // VMM 1 busy with VMM 0: 67
        #expect(hits("VMfailValid 67", row: "6.3/6.4 VMfail numbers") == 1)
        _ = cov.execute(.resume, on: &r)
        #expect(hits("RESUME to a VMM", row: "6.3/6.4 successes") == 1)
        // And the sequence bins and the cross of those commands: HLT self on idle VMM 0 (OWNER),
        // the SMI exit from idle VMM 0 (STATIC), its depth, VMM 1's first command, its RESUME.
        #expect(hits("idle VMM 0, self, controlled instruction", row: "cross owner: kind x deliverability x reason class") == 1)
        #expect(hits("idle VMM 0, exit, other always-wanted", row: "cross static: kind x deliverability x reason class") == 1)
        #expect(hits("from idle VMM 0 (depth 1)", row: "seq nested exits: depth after the exit") == 1)
        #expect(hits("interrupted VMM, then VMREAD", row: "seq handler: first command after an exit") == 1)
        #expect(hits("RESUME at depth 1", row: "seq RESUME: depth unwound from") == 1)
        #expect(cov.hits == 13)
        #expect(cov.counts.reduce(0, +) == 13)
    }

    @Test func excludedBinsDependOnTheParameters() {
        let none = CoverageModel(config: RouterConfig(ioRanges: 0, ioBitmaps: false))
        let all = CoverageModel(config: .default)
        #expect(none.binCount == all.binCount)
        #expect(none.excluded.count > all.excluded.count)
        let names = none.excluded.map { none.binNames[$0] }
        #expect(names.contains("BITMAP_WRITE") && names.contains("hit") && names.contains("VMWRITE IO_CTRL"))
    }

    @Test func parametersThatMakeBinsImpossibleExcludeThem() {
        let m = CoverageModel(config: RouterConfig(vmms: 16, guests: 64, staticMap: [0, 30]))
        let names = m.excluded.map { m.binNames[$0] }
        #expect(names.contains("VMfailInvalid") && names.contains("VMfailValid 66"))
        #expect(names.contains("match, bit 14 set") && names.contains("bitmap A only wanted") && names.contains("past 0xFFFF"))
        #expect(!CoverageModel(config: .default).excluded.map { CoverageModel(config: .default).binNames[$0] }.contains("VMfailInvalid"))
    }

    @Test func mergeAddsCounts() {
        var a = Coverage(config: .default), b = Coverage(config: .default)
        var r1 = Router(), r2 = Router()
        _ = a.execute(Command(op: 6), on: &r1)
        _ = b.execute(Command(op: 6), on: &r2)
        a.merge(b)
        #expect(a.counts.reduce(0, +) == 2 && a.hits == 1)
    }
}
