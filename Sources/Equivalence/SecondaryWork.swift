import Foundation
import RouterModel
import RouterSim
import Stimulus

/// The secondary (slow) simulator's share of a campaign, run on its own
/// thread: each owned directed scenario (its `sample` when it has one) and a
/// random sample of the shard's first stream, until the campaign's budget
/// is spent (`deadline`; the first unit always runs). Results are merged into
/// the campaign result after the thread ends.
final class SecondaryWork: @unchecked Sendable {
    let simulator: any RouterSimulator
    let options: CampaignOptions
    let scenarios: [Scenario]
    let owned: [Int]
    private let lock = NSLock()
    private var cancelled = false
    private(set) var error: Error?
    /// Each testcase with `merged`: it shares its name with a primary testcase and is folded into it.
    private var testcases: [(testcase: TestCaseResult, merged: Bool)] = []
    private var divergences: [Divergence] = []
    private var failures: [Campaign.Failure] = []
    private var stats: SimulatorStats

    init(simulator: any RouterSimulator, options: CampaignOptions, scenarios: [Scenario], owned: [Int]) {
        self.simulator = simulator; self.options = options; self.scenarios = scenarios; self.owned = owned
        stats = SimulatorStats(name: simulator.name)
    }

    func cancel() { lock.lock(); cancelled = true; lock.unlock() }
    private var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

    /// The campaign's budget ends here: no unit starts after it (the first always runs),
    /// and the ones left are counted in `stats.skipped`.
    var deadline = Date.distantFuture

    /// True when the budget is spent: `left` units are then counted as skipped.
    private func budgetSpent(left: Int) -> Bool {
        guard stats.runs > 0, Date() >= deadline else { return false }
        stats.skipped += left
        return true
    }

    func run() {
        // The sample is of the shard's first stream: none when a fixed stream count gives the shard none.
        let sample = options.runRandom && options.secondaryRandomSample > 0
            && (options.streams.map { options.shard.unit(0) < $0 } ?? true)
        stats.planned = owned.count + (sample ? 1 : 0)
        do {
            for (j, k) in owned.enumerated() where !isCancelled {
                if budgetSpent(left: stats.planned - j) { return }
                let s = scenarios[k]
                let cmds = s.sample ?? s.commands
                try unit(name: s.name, classname: "equiv.\(s.kind.rawValue)", commands: cmds,
                         handshake: Campaign.handshake(options.seed, unit: k, directed: true), merged: true)
            }
            if sample && !isCancelled && !budgetSpent(left: 1) {
                let k = options.shard.unit(0)
                let seed = Shard.streamSeed(campaign: options.seed, stream: k)
                let cmds = RandomTrace.generate(count: options.secondaryRandomSample, seed: seed, config: options.config)
                try unit(name: "seed 0x\(String(seed, radix: 16)) (stream \(k)) sample", classname: "equiv.random",
                         commands: cmds, handshake: Campaign.handshake(options.seed, unit: k, directed: false), merged: false)
            }
        } catch {
            self.error = error
        }
    }

    /// `merged`: the testcase shares its name with a primary one (its result is folded in).
    private func unit(name: String, classname: String, commands: [Command], handshake: Handshake, merged: Bool) throws {
        let t0 = Date()
        let testcase = merged ? name : "\(name) (\(simulator.name))"
        let reference = Compare.reference(commands, config: options.config)
        let divergence = try Compare.check(simulator, commands, reference: reference, handshake: handshake,
                                           testcase: testcase, stats: &stats)
        var tc = TestCaseResult(classname: classname, name: testcase, commands: commands.count,
                                seconds: Date().timeIntervalSince(t0))
        if let d = divergence {
            tc.failure = d.description
            divergences.append(d)
            failures.append(Campaign.Failure(testcase: testcase, commands: commands, index: d.index, simulator: simulator, handshake: handshake))
        }
        testcases.append((tc, merged))
    }

    /// Folds the results into the campaign's: failures into the testcase of the
    /// same name (or a new testcase), counts into the secondary's stats.
    func merge(into result: inout CampaignResult, failures all: inout [Campaign.Failure]) {
        var pending = divergences
        for (tc, merged) in testcases {
            if merged, let i = result.testcases.firstIndex(where: { $0.name == tc.name && $0.classname == tc.classname }) {
                result.testcases[i].seconds += tc.seconds
                guard let f = tc.failure else { continue }
                // Both simulators diverged on the same command: one divergence with both values.
                if let p = pending.firstIndex(where: { $0.testcase == tc.name }),
                   let d = result.divergences.firstIndex(where: { $0.testcase == tc.name && $0.index == pending[p].index }) {
                    result.divergences[d].values += pending[p].values
                    result.testcases[i].failure = result.divergences[d].description
                    pending.remove(at: p)
                } else {
                    result.testcases[i].failure = (result.testcases[i].failure.map { $0 + "\n" } ?? "") + f
                }
            } else {
                result.testcases.append(tc)
            }
        }
        result.divergences += pending
        all += failures
        result.simulators.append(stats)
    }
}
