@testable import Equivalence
import Foundation
import RouterModel
import Stimulus
import Testing
import TestSupport

/// Coverage-driven stimulus against plain random, on the reference router only
/// and counted in streams (never in time): the same seed gives the same streams.
@Suite struct CoverageDrivenTests {
    /// Reference coverage of `streams` streams of `commands` commands from `seed`,
    /// coverage-driven (each stream's bias from the holes of those before) or plain.
    static func run(seed: UInt64, streams: Int, commands: Int, driven: Bool, config: RouterConfig = .default) -> Coverage {
        var total = Coverage(config: config)
        for k in 0..<streams {
            let bias = driven && !total.isClosed ? CoverageFeedback.bias(total, stream: k) : .none
            let cmds = RandomTrace.generate(count: commands, seed: Shard.streamSeed(campaign: seed, stream: k), config: config, bias: bias)
            var router = Router(config: config)
            var cov = Coverage(model: total.model)
            for c in cmds { _ = cov.execute(c, on: &router) }
            total.merge(cov)
        }
        return total
    }

    /// The campaign's own planner on `streams` streams of `commands` commands (reference coverage).
    static func planned(seed: UInt64, streams: Int, commands: Int, driven: Bool) -> Coverage {
        var o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: NSTemporaryDirectory()))
        o.seed = seed; o.commandsPerSeed = commands; o.coverageDriven = driven
        let planner = StreamPlanner(options: o, model: CoverageModel(config: .default))
        var total = Coverage(config: .default)
        for k in 0..<streams {
            var router = Router(config: .default)
            var cov = Coverage(model: total.model)
            for c in planner.commands(stream: k).commands { _ = cov.execute(c, on: &router) }
            total.merge(cov)
        }
        return total
    }

    /// Same number of streams and commands: coverage-driven streams hit bins plain random leaves open.
    @Test func coverageDrivenReachesHolesPlainRandomDoesNot() {
        let plain = Self.planned(seed: 1, streams: 16, commands: 4000, driven: false)
        let driven = Self.planned(seed: 1, streams: 16, commands: 4000, driven: true)
        let m = plain.model
        let reached = m.binNames.indices.filter { plain.counts[$0] == 0 && driven.counts[$0] > 0 && !m.excluded.contains($0) }
        #expect(driven.hits > plain.hits, "driven \(driven.hits), plain \(plain.hits) of \(plain.total)")
        #expect(reached.count >= 5, "\(reached.map { m.binNames[$0] })")
    }

    /// Stream k's commands depend on the seed and k only: a planner asked for stream 3 first
    /// (as shard 4/4 of a campaign would) gives the streams one asked 0, 1, 2, 3 gives.
    @Test func streamsAreTheSameHoweverTheyAreAskedFor() {
        var o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: NSTemporaryDirectory()))
        o.seed = 9; o.commandsPerSeed = 3000
        let whole = StreamPlanner(options: o, model: CoverageModel(config: .default))
        let sequential = (0..<4).map { whole.commands(stream: $0) }
        let shard = StreamPlanner(options: o, model: CoverageModel(config: .default))
        let third = shard.commands(stream: 3)
        #expect(third.commands == sequential[3].commands && third.bias == sequential[3].bias)
        #expect(!sequential[1].bias.isNone, "stream 1 leans towards the holes stream 0 left")
        o.coverageDriven = false
        let plain = StreamPlanner(options: o, model: CoverageModel(config: .default)).commands(stream: 2)
        #expect(plain.bias.isNone && plain.commands == RandomTrace.generate(count: 3000, seed: Shard.streamSeed(campaign: 9, stream: 2)))
    }

    /// With every lever off the generator draws exactly the plain stream of its seed.
    @Test func noBiasIsThePlainStream() {
        #expect(RandomTrace.generate(count: 2000, seed: 5, bias: .none) == RandomTrace.generate(count: 2000, seed: 5))
        var b = StimulusBias(); b.dive = 50; b.unwind = 80
        #expect(RandomTrace.generate(count: 2000, seed: 5, bias: b) != RandomTrace.generate(count: 2000, seed: 5))
    }

    /// The summary's closed line: time, commands and streams when coverage closed, else the holes.
    @Test func theClosingTimeAndCommandCountArePrinted() throws {
        let o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: NSTemporaryDirectory()))
        let model = CoverageModel(config: .default)
        var r = CampaignResult(options: o, coverage: Coverage(model: model))
        r.reference.commands = 1234
        r.noteClosing(elapsed: 1.0, random: false)
        #expect(r.closed == nil)
        #expect(Summary.text(r).contains("  closed     all bins not closed (\(r.coverage.total) holes); random streams alone not closed (\(r.coverage.total) holes)"))
        r.randomCoverage = Coverage(model: model, counts: Array(repeating: 1, count: model.binCount))
        r.randomSeeds = 1
        r.noteClosing(elapsed: 2.5, random: true)
        r.noteClosing(elapsed: 9.0, random: true)       // closed once: the first time stays
        #expect(r.closed == CoverageClosing(seconds: 2.5, commands: 1234, streams: 2))
        #expect(r.randomClosed == CoverageClosing(seconds: 2.5, commands: 2 * o.commandsPerSeed, streams: 2))
        #expect(Summary.text(r).contains("  closed     all bins at 2.5 s, after 1234 commands (2 random streams); random streams alone at 2.5 s, after 40000 random commands (2 random streams)"))
        // The results file keeps it; a merged result has none (a shard's closing says nothing of the union).
        let doc = ResultsDocument(r, tools: ToolVersions(trapline: "t", verilator: "", iverilog: ""), rtlSHA256: "x")
        #expect(try ResultsDocument.decode(doc.jsonData()).campaignResult().randomClosed == r.randomClosed)
    }

    /// A whole campaign (software simulators, fixed streams) twice: the same streams, coverage and
    /// closing counts; coverage-driven ends with fewer holes than plain random on the same streams.
    @Test func aCampaignIsDeterministicAndDrivenBeatsPlain() throws {
        let dir = try RepoPaths.scratchDirectory("coverage-driven")
        func run(_ driven: Bool) throws -> CampaignResult {
            var o = CampaignOptions(config: .default, verilog: "// software\n", outputDirectory: dir)
            o.runDirected = false; o.streams = 6; o.commandsPerSeed = 3000; o.coverageDriven = driven
            return try Campaign(options: o, primary: SoftwareRouter(name: "verilator", config: .default), secondary: nil).run()
        }
        let a = try run(true), b = try run(true), plain = try run(false)
        #expect(a.randomCoverage.counts == b.randomCoverage.counts && a.testcases.map(\.name) == b.testcases.map(\.name))
        #expect(a.randomCoverage.hits > plain.randomCoverage.hits, "driven \(a.randomCoverage.hits), plain \(plain.randomCoverage.hits)")
        #expect(a.closingText.contains("random streams alone not closed (\(a.randomCoverage.total - a.randomCoverage.hits) holes)"))
    }

    @Test func explore() {
        if ProcessInfo.processInfo.environment["COV_EXPLORE"] == nil { return }
        let n = Int(ProcessInfo.processInfo.environment["COV_STREAMS"] ?? "20") ?? 20
        for driven in [false, true] {
            let t0 = Date()
            let cov = Self.run(seed: 1, streams: n, commands: 20_000, driven: driven)
            print("driven=\(driven) streams=\(n) \(cov.hits)/\(cov.total) in \(Date().timeIntervalSince(t0)) s")
            print(CoverageReport.table(cov, maxHoles: 8, onlyOpenRows: true))
        }
    }
}
