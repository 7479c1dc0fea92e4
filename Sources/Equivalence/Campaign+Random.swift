import Foundation
import RouterModel
import RouterSim
import Stimulus

extension Campaign {
    /// The random phase: stream after stream until the fixed count, the budget or
    /// closed coverage stops it (at least one), or a stream fails (the streams
    /// in flight still finish). With `options.jobs` > 1 the shard's first stream
    /// runs alone (one worker's rate), then every worker takes the next stream
    /// as it finishes one, each with its own model instance. Whatever the
    /// workers' timing, testcases, divergences and failures are put in stream
    /// order, so the first failure shrunk is that of the lowest failing stream.
    func runRandomStreams(result: inout CampaignResult, stats: inout SimulatorStats, failures: inout [Failure]) throws {
        let phase = RandomPhase(result: result, stats: stats, failures: failures)
        let before = (testcases: result.testcases.count, divergences: result.divergences.count, failures: failures.count)
        // The first stream alone.
        let t0 = Date()
        guard let first = phase.take(self) else { return }
        try runStream(first, phase)
        let singleSeconds = Date().timeIntervalSince(t0)
        // The rest on every worker.
        let workers = max(1, options.jobs)
        let t1 = Date()
        let commandsBefore = phase.commandsRun
        let done = DispatchSemaphore(value: 0)
        for w in 1..<workers {
            let thread = Thread { [self] in
                worker(phase)
                done.signal()
            }
            thread.name = "trapline-random-\(w)"
            thread.stackSize = 16 << 20
            thread.start()
        }
        worker(phase)
        for _ in 1..<workers { done.wait() }
        if let error = phase.error { throw error }
        let later = phase.commandsRun - commandsBefore
        result = phase.result
        stats = phase.stats
        failures = phase.failures
        // Stream order for everything the phase added.
        let order = Dictionary(uniqueKeysWithValues: phase.streams.map { ($0.name, $0.stream) })
        func rank(_ name: String) -> Int { order[name] ?? Int.max }
        let newTestcases = result.testcases[before.testcases...].sorted { rank($0.name) < rank($1.name) }
        result.testcases.replaceSubrange(before.testcases..., with: newTestcases)
        let newDivergences = result.divergences[before.divergences...].sorted { rank($0.testcase) < rank($1.testcase) }
        result.divergences.replaceSubrange(before.divergences..., with: newDivergences)
        let newFailures = failures[before.failures...].sorted { rank($0.testcase) < rank($1.testcase) }
        failures.replaceSubrange(before.failures..., with: newFailures)
        if later > 0 {
            let wall = Date().timeIntervalSince(t1)
            result.parallel = ParallelRun(workers: workers, singleRate: Double(options.commandsPerSeed) / singleSeconds,
                                          parallelRate: Double(later) / max(wall, 1e-9))
        }
    }

    /// One worker: streams until the phase hands out no more.
    private func worker(_ phase: RandomPhase) {
        while let k = phase.take(self) {
            do { try runStream(k, phase) } catch {
                phase.fail(error)
                return
            }
        }
    }

    /// Stream `k`: generated, evaluated (on this thread), recorded under the phase's lock.
    private func runStream(_ k: Int, _ phase: RandomPhase) throws {
        let seed = Shard.streamSeed(campaign: options.seed, stream: k)
        let cmds = RandomTrace.generate(count: options.commandsPerSeed, seed: seed, config: options.config,
                                        bias: phase.planner.bias(stream: k))
        let outcome = try evaluate(name: "seed 0x\(String(seed, radix: 16)) (stream \(k))", classname: "equiv.random",
                                   commands: cmds, handshake: Campaign.handshake(options.seed, unit: k, directed: false),
                                   model: phase.model)
        phase.add(outcome, stream: k, campaign: self)
    }
}

/// The random phase's shared state: what the workers have recorded, and which
/// stream comes next. Every access holds `lock`.
final class RandomPhase: @unchecked Sendable {
    private let lock = NSLock()
    var result: CampaignResult
    var stats: SimulatorStats
    var failures: [Campaign.Failure]
    /// The random testcases' names with their stream numbers (the testcases
    /// themselves go to `result.testcases` as they finish, then into stream order).
    var streams: [(name: String, stream: Int)] = []
    var error: Error?
    /// Commands of the streams recorded so far.
    var commandsRun = 0
    /// Streams handed out so far (the shard's n-th stream is `shard.unit(n)`).
    private var handedOut = 0
    let model: CoverageModel
    /// Each stream's coverage-driven bias (thread-safe; a function of the seed and the stream only).
    let planner: StreamPlanner

    init(result: CampaignResult, stats: SimulatorStats, failures: [Campaign.Failure]) {
        self.result = result; self.stats = stats; self.failures = failures
        model = result.coverage.model
        planner = StreamPlanner(options: result.options, model: model)
    }

    /// The next stream to run, or nil when the phase is over: the fixed count
    /// reached, or (after the first) the budget spent or the random coverage
    /// closed (unless `fullBudget`), or a stream failed, or a worker threw.
    func take(_ campaign: Campaign) -> Int? {
        lock.lock(); defer { lock.unlock() }
        let o = campaign.options
        if error != nil || !failures.isEmpty { return nil }
        let k = o.shard.unit(handedOut)
        if let total = o.streams {
            if k >= total { return nil }
        } else if handedOut > 0 && (campaign.elapsed >= o.budget || (!o.fullBudget && result.randomCoverage.isClosed)) {
            return nil
        }
        handedOut += 1
        return k
    }

    /// Records stream `k`'s outcome.
    func add(_ outcome: Campaign.UnitOutcome, stream k: Int, campaign: Campaign) {
        lock.lock(); defer { lock.unlock() }
        let tc = campaign.record(outcome, result: &result, stats: &stats, failures: &failures, phase: "random", random: true)
        result.testcases.append(tc)
        streams.append((tc.name, k))
        result.randomSeeds += 1
        commandsRun += outcome.commands.count
    }

    /// A worker's tool failure: no stream starts after it; the first one is thrown.
    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
