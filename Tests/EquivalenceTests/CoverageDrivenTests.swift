@testable import Equivalence
import Foundation
import RouterModel
import Stimulus
import Testing

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
