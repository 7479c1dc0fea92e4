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
///
/// Random streams may run on several worker threads (`CampaignOptions.jobs`):
/// they share the campaign only through `evaluate`, which reads immutable
/// state, and `record`, which they call under the random phase's lock.
public final class Campaign: @unchecked Sendable {
    /// The options the campaign runs with.
    public let options: CampaignOptions
    let primary: any RouterSimulator
    let secondary: (any RouterSimulator)?
    let progress: ((CampaignProgress) -> Void)?
    var start = Date()
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
        // With a fixed stream count (`streams`) the primary's campaign is fixed
        // whatever the time, so that shards merge into the one-run result; mutation
        // screening (`stopAtFirstFailure`) runs the whole suite, its budget is for random streams.
        stats.planned = owned.count
        for (j, k) in owned.enumerated() {
            if j > 0 && options.streams == nil && !options.stopAtFirstFailure && elapsed >= options.budget {
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
            try runRandomStreams(result: &result, stats: &stats, failures: &failures)
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

    /// Runs one unit (scenario or stream) on the reference (with coverage) and the primary
    /// simulator and records it in `result`, `stats` and `failures`.
    private func unit(name: String, classname: String, commands: [Command], handshake: Handshake,
                      result: inout CampaignResult, stats: inout SimulatorStats, failures: inout [Failure],
                      phase: String, random: Bool = false) throws -> TestCaseResult {
        let outcome = try evaluate(name: name, classname: classname, commands: commands, handshake: handshake,
                                   model: result.coverage.model)
        return record(outcome, result: &result, stats: &stats, failures: &failures, phase: phase, random: random)
    }

    /// What one unit gave, before it is recorded (`evaluate` may run on a worker thread).
    struct UnitOutcome {
        var testcase: TestCaseResult
        var commands: [Command]
        var handshake: Handshake
        var covered: Coverage
        var divergence: Divergence?
        /// The primary simulator's counts for this unit alone.
        var stats: SimulatorStats
        var referenceSeconds: Double
    }

    /// Runs one unit on the reference (with coverage) and the primary simulator; touches
    /// no shared state, so random streams can run on several workers at once.
    /// Coverage counts only the commands the simulator answered as the reference did
    /// (`answered`): an RTL that hangs, or never accepts a command, covers nothing.
    func evaluate(name: String, classname: String, commands: [Command], handshake: Handshake,
                  model: CoverageModel) throws -> UnitOutcome {
        let t0 = Date()
        var router = Router(config: options.config)
        var reference: [Response] = []
        reference.reserveCapacity(commands.count)
        var covered = Coverage(model: model)
        for c in commands { reference.append(covered.execute(c, on: &router)) }
        let referenceSeconds = Date().timeIntervalSince(t0)
        var stats = SimulatorStats(name: primary.name)
        let divergence = try Compare.check(primary, commands, reference: reference, handshake: handshake,
                                           testcase: name, stats: &stats)
        let answered = Campaign.answered(divergence, of: commands.count)
        if answered < commands.count {   // count again, on the commands before the divergence only
            covered = Coverage(model: model)
            router = Router(config: options.config)
            for c in commands.prefix(answered) { _ = covered.execute(c, on: &router) }
        }
        var tc = TestCaseResult(classname: classname, name: name, commands: commands.count,
                                seconds: Date().timeIntervalSince(t0))
        tc.failure = divergence?.description
        return UnitOutcome(testcase: tc, commands: commands, handshake: handshake, covered: covered,
                           divergence: divergence, stats: stats, referenceSeconds: referenceSeconds)
    }

    /// Adds a unit's outcome to the campaign's result, statistics and failures, and reports progress.
    func record(_ o: UnitOutcome, result: inout CampaignResult, stats: inout SimulatorStats, failures: inout [Failure],
                phase: String, random: Bool) -> TestCaseResult {
        result.reference.commands += o.commands.count
        result.reference.runs += 1
        result.reference.seconds += o.referenceSeconds
        stats.commands += o.stats.commands; stats.cycles += o.stats.cycles
        stats.runs += o.stats.runs; stats.seconds += o.stats.seconds
        if random { result.randomCoverage.merge(o.covered) } else { result.coverage.merge(o.covered) }
        result.noteClosing(elapsed: elapsed, random: random)
        if let d = o.divergence {
            result.divergences.append(d)
            failures.append(Failure(testcase: o.testcase.name, commands: o.commands, index: d.index, simulator: primary,
                                    handshake: o.handshake))
        }
        var shown = result
        shown.simulators = [stats]
        report(phase, shown)
        return o.testcase
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

    func report(_ phase: String, _ result: CampaignResult) {
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
