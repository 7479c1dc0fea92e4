import Foundation
@testable import Equivalence
import RouterModel
import RouterSim
import Testing
import TestSupport

/// Orchestration with software routers: the reference itself (must be
/// EQUIVALENT) and the reference with one injected fault (must be caught,
/// shrunk, written, replayable). Real simulators are exercised by the
/// mutation tests and the CLI tests.
@Suite struct CampaignTests {
    /// One random stream and a budget that never cuts the directed suite short (it bounds
    /// the whole campaign: `theBudgetBoundsTheDirectedSuite`), whatever the machine's load.
    static func options(_ dir: URL, budget: Double = 600) -> CampaignOptions {
        var o = CampaignOptions(config: .default, verilog: "// software\n", outputDirectory: dir)
        o.budget = budget
        o.streams = 1
        o.commandsPerSeed = 3_000
        o.secondaryRandomSample = 500
        o.shrinkSeconds = 30
        o.parameterFlags = ["--vmms", "4"]
        return o
    }

    @Test func theReferenceIsEquivalentToItself() throws {
        let dir = try RepoPaths.scratchDirectory("campaign-eq")
        let c = RouterConfig.default
        let result = try Campaign(options: CampaignTests.options(dir), primary: SoftwareRouter(name: "verilator", config: c),
                                  secondary: SoftwareRouter(name: "icarus", config: c)).run()
        #expect(result.verdict == "EQUIVALENT")
        #expect(result.randomSeeds >= 1)
        #expect(result.simulators.map(\.name) == ["verilator", "icarus"])
        #expect(result.simulators[0].commands > result.simulators[1].commands)   // icarus runs the samples
        #expect(result.testcases.allSatisfy { $0.failure == nil })
        #expect(result.coverage.percent > 90)
        #expect(Summary.text(result).hasSuffix("verdict: EQUIVALENT"))
    }

    @Test func aFaultIsCaughtShrunkAndWrittenWithAReplayCommand() throws {
        let dir = try RepoPaths.scratchDirectory("campaign-fault")
        let c = RouterConfig.default
        // Fault: VMfailValid 65 reported as 12.
        let faulty = SoftwareRouter(name: "verilator", config: c) { _, _, r in
            r.kind == ResponseKind.vmfailValid && r.error == 65 ? .vmfailValid(12) : r
        }
        let result = try Campaign(options: CampaignTests.options(dir), primary: faulty,
                                  secondary: SoftwareRouter(name: "icarus", config: c)).run()
        #expect(result.verdict == "MISMATCH")
        let shrink = try #require(result.shrink)
        // A route to another VMM, the event that enters it, then a foreign VMCS access; 1-minimal.
        #expect(shrink.commands.count <= 3)
        #expect([Op.vmread, Op.vmwrite, Op.bitmapWrite].contains(shrink.commands.last!.op))
        for i in shrink.commands.indices {
            var fewer = shrink.commands
            fewer.remove(at: i)
            let run = try faulty.run(fewer, handshake: .fullSpeed(), wave: nil)
            #expect(run.responses == Compare.reference(fewer, config: c), "removing command \(i) should make it pass")
        }
        #expect(shrink.divergence.values.count == 2)
        let text = shrink.divergence.description
        #expect(text.contains("\"error\":65") && text.contains("\"error\":12") && text.contains("(agrees)"))
        let trace = try #require(shrink.trace)
        let written = try TraceReader.parse(String(contentsOf: trace, encoding: .utf8))
        #expect(written == shrink.commands)
        #expect(shrink.replay.hasPrefix("trapline cosim \(trace.path) --rtl \(dir.path)/trapline_router.v --sim verilator --seed "))
        #expect(shrink.replay.hasSuffix("--vmms 4"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("trapline_router.v").path))
        #expect(shrink.wave.map { FileManager.default.fileExists(atPath: $0.path) } == true)
        #expect(result.randomSeeds == 0)   // the directed suite failed first: no random phase
    }

    @Test func aFaultOnlyTheSecondarySeesIsReportedToo() throws {
        let dir = try RepoPaths.scratchDirectory("campaign-fault2")
        let c = RouterConfig.default
        let faulty = SoftwareRouter(name: "icarus", config: c) { cmd, _, r in
            cmd.op == Op.event && cmd.reason == 12 && r.kind == ResponseKind.routed ? { var x = r; x.entry ^= 1; return x }() : r
        }
        var o = CampaignTests.options(dir)
        o.runRandom = false
        let result = try Campaign(options: o, primary: SoftwareRouter(name: "verilator", config: c), secondary: faulty).run()
        #expect(result.verdict == "MISMATCH")
        #expect(result.shrink?.divergence.description.contains("(differs: entry)") == true)
        let xml = JUnitReport.xml(result)
        #expect(xml.contains("<failure message=\"divergence in"))
    }

    @Test func shardsSplitTheDirectedSuite() throws {
        let dir = try RepoPaths.scratchDirectory("campaign-shard")
        let c = RouterConfig.default
        var names: [[String]] = []
        for i in 1...2 {
            var o = CampaignTests.options(dir)
            o.runRandom = false
            o.shard = try Shard.parse("\(i)/2")
            let r = try Campaign(options: o, primary: SoftwareRouter(name: "verilator", config: c), secondary: nil).run()
            names.append(r.testcases.map(\.name))
        }
        let all = DirectedSuite.scenarios(c).map(\.name)
        #expect(Set(names[0]).isDisjoint(with: names[1]))
        #expect(Set(names[0] + names[1]) == Set(all))
    }
}

@Suite struct JUnitTests {
    @Test func xmlShape() throws {
        var o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: "/tmp"))
        o.seed = 3
        var r = CampaignResult(options: o, coverage: Coverage(config: .default))
        r.testcases = [TestCaseResult(classname: "equiv.directed", name: "6.3 rule 2 wrong VMCS -> 65", commands: 10, seconds: 0.5),
                       TestCaseResult(classname: "equiv.random", name: "seed 0x1 (stream 0)", commands: 5, seconds: 1.25,
                                      failure: "divergence in \"x\" at command 3:\n  a <b> & \"c\"")]
        let xml = JUnitReport.xml(r)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trapline equiv\" tests=\"2\" failures=\"1\""))
        #expect(xml.contains("<testsuite name=\"equiv.directed\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0.500\">"))
        #expect(xml.contains("<testcase classname=\"equiv.directed\" name=\"6.3 rule 2 wrong VMCS -&gt; 65\" time=\"0.500\"/>"))
        #expect(xml.contains("<failure message=\"divergence in &quot;x&quot; at command 3:\" type=\"mismatch\">divergence in &quot;x&quot; at command 3:\n  a &lt;b&gt; &amp; &quot;c&quot;</failure>"))
        #expect(xml.hasSuffix("</testsuites>\n"))
        #expect(xml.components(separatedBy: "<testcase ").count == 3)
    }
}

extension JUnitTests {
    /// The shrunk replay goes to the testcase it was shrunk from only, not to a
    /// testcase whose name merely starts with that name (the Icarus sample of a stream).
    @Test func shrinkReportGoesToItsOwnTestcase() throws {
        let o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: "/tmp"))
        var r = CampaignResult(options: o, coverage: Coverage(config: .default))
        let stream = "seed 0x1 (stream 0)", sample = "seed 0x1 (stream 0) sample (icarus)"
        r.testcases = [stream, sample].map {
            TestCaseResult(classname: "equiv.random", name: $0, commands: 5, seconds: 1,
                           failure: "divergence in \"\($0)\" at command 3:")
        }
        let shrunk = Divergence(testcase: stream + " (shrunk)", index: 0, command: .resume,
                                reference: Response(kind: ResponseKind.vmfailValid, error: 5), values: [])
        r.shrink = ShrinkReport(originalCommands: 5, commands: [.resume], attempts: 3, seconds: 0.1, timedOut: false,
                                trace: nil, wave: nil, replay: "trapline cosim shrunk.jsonl", divergence: shrunk)
        let xml = JUnitReport.xml(r)
        #expect(xml.components(separatedBy: "replay: trapline cosim shrunk.jsonl").count == 2)
        let sampleCase = try #require(xml.range(of: "name=\"\(sample)\""))
        #expect(!xml[sampleCase.upperBound...].contains("replay:"))
    }
}

@Suite struct DivergenceMergeTests {
    /// Both simulators diverge on the same command: one divergence, both values.
    @Test func bothSimulatorsOnOneCommandGiveOneDivergence() throws {
        let dir = try RepoPaths.scratchDirectory("campaign-both")
        let c = RouterConfig.default
        let fault: @Sendable (Command, Entity, Response) -> Response = { cmd, _, r in
            cmd.op == Op.event && cmd.reason == 12 && r.kind == ResponseKind.routed ? { var x = r; x.entry ^= 1; return x }() : r
        }
        var o = CampaignTests.options(dir)
        o.runRandom = false
        let result = try Campaign(options: o, primary: SoftwareRouter(name: "verilator", config: c, fault: fault),
                                  secondary: SoftwareRouter(name: "icarus", config: c, fault: fault)).run()
        let first = try #require(result.divergences.first)
        #expect(first.values.map(\.simulator) == ["verilator", "icarus"])
        let tc = try #require(result.testcases.first { $0.name == first.testcase })
        #expect(tc.failure == first.description)
    }
}

@Suite struct ShrinkSummaryTests {
    /// Issue 14, item 8: a shrunk trace that could not be written is said in the
    /// summary (before: the trace and waveform lines were silently left out).
    @Test func anUnwrittenTraceIsNamedInTheSummary() throws {
        let o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: "/tmp"))
        var r = CampaignResult(options: o, coverage: Coverage(config: .default))
        let shrunk = Divergence(testcase: "t (shrunk)", index: 0, command: .resume,
                                reference: Response(kind: ResponseKind.vmfailValid, error: 5), values: [])
        r.shrink = ShrinkReport(originalCommands: 5, commands: [.resume], attempts: 3, seconds: 0.1, timedOut: false,
                                trace: nil, wave: nil, replay: "trapline cosim TRACE.jsonl",
                                notWritten: "cannot write the shrunk trace into /x (No space left on device)", divergence: shrunk)
        let text = Summary.text(r)
        #expect(text.contains("  NOT WRITTEN cannot write the shrunk trace into /x (No space left on device)"), "\(text)")
    }
}

@Suite struct AnsweredCommandsTests {
    /// The commands coverage counts: all when nothing differed, those before a different
    /// response, none when the simulator broke (its responses were never compared).
    @Test func coverageCountsOnlyAnsweredCommands() {
        let reference = Response(kind: ResponseKind.vmfailValid, error: 5)
        func divergence(_ value: SimValue) -> Divergence {
            Divergence(testcase: "t", index: 7, command: .resume, reference: reference, values: [("verilator", value)])
        }
        #expect(Campaign.answered(nil, of: 20) == 20)
        #expect(Campaign.answered(divergence(.response(Response(kind: ResponseKind.vmfailValid, error: 12))), of: 20) == 7)
        #expect(Campaign.answered(divergence(.broken("the router hung")), of: 20) == 0)
    }

    /// Issue 14, item 12: the budget bounds the primary simulator's directed suite
    /// too (the first scenario always runs), the summary says how much ran, and no
    /// random stream starts after it. Before: the directed suite always ran whole.
    @Test func theBudgetBoundsTheDirectedSuite() throws {
        let dir = try RepoPaths.scratchDirectory("campaign-budget")
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = CampaignTests.options(dir, budget: 0.3)
        o.streams = nil
        var slow = SoftwareRouter(name: "verilator", config: .default)
        slow.delay = 0.1
        let result = try Campaign(options: o, primary: slow, secondary: nil).run()
        let planned = DirectedSuite.scenarios(.default).count
        let stats = try #require(result.simulators.first)
        #expect(result.testcases.count >= 1 && result.testcases.count < planned)
        #expect(stats.planned == planned && stats.skipped == planned - result.testcases.count)
        #expect(result.randomSeeds == 0)
        let text = Summary.text(result)
        #expect(text.contains("budget spent: \(result.testcases.count) of \(planned) scenarios and samples run, \(stats.skipped) not run"), "\(text)")
        #expect(text.contains("  random     0 streams of 3000 commands, 0 failing (the budget was spent in the directed suite)"), "\(text)")
    }
}
