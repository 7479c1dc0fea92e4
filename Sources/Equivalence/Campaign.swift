import Lockstep
import Foundation
import RouterModel
import RouterSim
import Stimulus

/// The equivalence campaign: the directed suite, then constrained-random
/// streams until the budget ends or coverage closes, on a primary simulator
/// (Verilator: everything), while a secondary one (Icarus: the directed
/// suite's samples and a random sample) runs on a second thread. Every
/// response is compared with the reference router; the first divergence is
/// shrunk, written as a trace with a replay command, and re-run with a waveform.
///
/// Units of work (scenarios, random streams) are split between shards by
/// `Shard`; seeds derive from `options.seed` only, so a run is replayable.
/// Tool failures (a simulator that cannot run) are thrown; a misbehaving RTL
/// (mismatch, hang, protocol violation) is a divergence in the result.
public final class Campaign {
    /// The options the campaign runs with.
    public let options: CampaignOptions
    let primary: any RouterSimulator
    let secondary: (any RouterSimulator)?
    let progress: ((CampaignProgress) -> Void)?
    private var start = Date()
    private var lastProgress = Date.distantPast

    /// A campaign of `options` on `primary` (every unit) and `secondary` (samples, on a second thread; nil for none), reporting to `progress` a few times a second.
    public init(options: CampaignOptions, primary: any RouterSimulator, secondary: (any RouterSimulator)?,
                progress: ((CampaignProgress) -> Void)? = nil) {
        self.options = options; self.primary = primary; self.secondary = secondary; self.progress = progress
    }

    /// A failing trace kept for shrinking.
    struct Failure {
        var testcase: String
        var commands: [Command]
        var index: Int
        var simulator: any RouterSimulator
        var handshake: Handshake
    }

    /// Runs the directed suite, then random streams until the budget ends or coverage closes (or the fixed stream count), shrinks the first divergence and returns the whole result. Throws only tool failures (a simulator that cannot run, an output folder that cannot be written); an RTL that misbehaves is a divergence in the result.
    public func run() throws -> CampaignResult {
        start = Date()
        var result = CampaignResult(options: options, coverage: Coverage(config: options.config))
        var stats = SimulatorStats(name: primary.name)
        var failures: [Failure] = []
        let scenarios = options.runDirected ? DirectedSuite.scenarios(options.config) : []
        let owned = scenarios.indices.filter { options.shard.owns($0) }

        let background = secondary.map { SecondaryWork(simulator: $0, options: options, scenarios: scenarios, owned: owned) }
        background?.deadline = start.addingTimeInterval(options.budget)
        let thread = background.map { work in Thread { work.run() } }
        thread?.stackSize = 16 << 20
        thread?.start()

        // Directed suite on the primary simulator: the budget bounds it too (the
        // first scenario always runs); the scenarios left are counted as skipped.
        stats.planned = owned.count
        for (j, k) in owned.enumerated() {
            if j > 0 && elapsed >= options.budget {
                stats.skipped = owned.count - j
                break
            }
            let s = scenarios[k]
            let commands = options.primaryUsesSamples ? (s.sample ?? s.commands) : s.commands
            let tc = try unit(name: s.name, classname: "equiv.\(s.kind.rawValue)", commands: commands,
                              handshake: Campaign.handshake(options.seed, unit: k, directed: true),
                              result: &result, stats: &stats, failures: &failures, phase: "directed")
            result.testcases.append(tc)
            if options.stopAtFirstFailure && !failures.isEmpty { break }
        }
        // Constrained-random streams: at least one, then until the budget ends or coverage closes;
        // none when the budget ran out in the directed suite.
        if options.runRandom && failures.isEmpty && stats.skipped == 0 {
            var n = 0
            // The stop condition is the random streams' own coverage: the directed suite
            // alone closes the bins on the defaults, and random streams are there to go beyond.
            // With a fixed stream count (`streams`), exactly the shard's streams below it run.
            while true {
                let k = options.shard.unit(n)
                if let total = options.streams {
                    if k >= total { break }
                } else if n > 0 && (elapsed >= options.budget || (!options.fullBudget && result.randomCoverage.isClosed)) {
                    break
                }
                n += 1
                let seed = Shard.streamSeed(campaign: options.seed, stream: k)
                let cmds = RandomTrace.generate(count: options.commandsPerSeed, seed: seed, config: options.config)
                let tc = try unit(name: "seed 0x\(String(seed, radix: 16)) (stream \(k))", classname: "equiv.random",
                                  commands: cmds, handshake: Campaign.handshake(options.seed, unit: k, directed: false),
                                  result: &result, stats: &stats, failures: &failures, phase: "random", random: true)
                result.testcases.append(tc)
                result.randomSeeds += 1
                if !failures.isEmpty { break }
            }
        }
        result.simulators.append(stats)
        result.coverage.merge(result.randomCoverage)
        // Join the secondary simulator.
        if let background, let thread {
            if !failures.isEmpty { background.cancel() }
            while !thread.isFinished { Thread.sleep(forTimeInterval: 0.02); report("waiting for \(background.simulator.name)", result) }
            if let error = background.error { throw error }
            background.merge(into: &result, failures: &failures)
        }
        if options.shrinkFirstFailure, let first = failures.first { result.shrink = try shrink(first) }
        result.seconds = elapsed
        return result
    }

    var elapsed: Double { Date().timeIntervalSince(start) }

    /// Runs one unit (scenario or stream) on the reference (with coverage) and the primary simulator.
    /// Coverage counts only the commands the simulator answered as the reference did
    /// (`answered`): an RTL that hangs, or never accepts a command, covers nothing.
    private func unit(name: String, classname: String, commands: [Command], handshake: Handshake,
                      result: inout CampaignResult, stats: inout SimulatorStats, failures: inout [Failure],
                      phase: String, random: Bool = false) throws -> TestCaseResult {
        let t0 = Date()
        var router = Router(config: options.config)
        var reference: [Response] = []
        reference.reserveCapacity(commands.count)
        var covered = Coverage(model: result.coverage.model)
        for c in commands { reference.append(covered.execute(c, on: &router)) }
        result.reference.commands += commands.count
        result.reference.runs += 1
        result.reference.seconds += Date().timeIntervalSince(t0)
        let divergence = try Compare.check(primary, commands, reference: reference, handshake: handshake,
                                           testcase: name, stats: &stats)
        let answered = Campaign.answered(divergence, of: commands.count)
        if answered < commands.count {   // count again, on the commands before the divergence only
            covered = Coverage(model: result.coverage.model)
            router = Router(config: options.config)
            for c in commands.prefix(answered) { _ = covered.execute(c, on: &router) }
        }
        if random { result.randomCoverage.merge(covered) } else { result.coverage.merge(covered) }
        var tc = TestCaseResult(classname: classname, name: name, commands: commands.count,
                                seconds: Date().timeIntervalSince(t0))
        if let d = divergence {
            tc.failure = d.description
            result.divergences.append(d)
            failures.append(Failure(testcase: name, commands: commands, index: d.index, simulator: primary, handshake: handshake))
        }
        var shown = result
        shown.simulators = [stats]
        report(phase, shown)
        return tc
    }

    /// How many commands, from the first, the simulator answered exactly as the
    /// reference: all without a divergence; those before it when it gave a
    /// different response; none when it broke (hung, broke the handshake, ended):
    /// a broken run's responses are not compared at all.
    static func answered(_ divergence: Divergence?, of count: Int) -> Int {
        guard let d = divergence else { return count }
        guard let value = d.values.first?.value, case .response = value else { return 0 }
        return d.index
    }

    private func report(_ phase: String, _ result: CampaignResult) {
        guard let progress, Date().timeIntervalSince(lastProgress) >= 0.25 else { return }
        lastProgress = Date()
        let s = result.simulators.first
        var all = result.coverage
        all.merge(result.randomCoverage)
        progress(CampaignProgress(phase: phase, commands: s?.commands ?? 0, cycles: s?.cycles ?? 0,
                                  coveragePercent: all.percent, elapsed: elapsed))
    }

    /// The handshake of unit k: directed scenarios with 20% gaps and 20% backpressure;
    /// random streams vary both (stream 0 at full speed).
    public static func handshake(_ seed: UInt64, unit k: Int, directed: Bool) -> Handshake {
        let hsSeed = Shard.streamSeed(campaign: seed ^ (directed ? 0xD1EC : 0x4A4D), stream: k)
        if directed { return Handshake(seed: hsSeed, idlePercent: 20, stallPercent: 20) }
        if k == 0 { return .fullSpeed(seed: hsSeed) }
        var r = SeededRandom(seed: hsSeed)
        let levels = [0, 5, 20, 50]
        return Handshake(seed: hsSeed, idlePercent: levels[Int(r.below(4))], stallPercent: levels[Int(r.below(4))])
    }
}
