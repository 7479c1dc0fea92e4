import Foundation
import RouterModel
import RouterSim

/// The power-on re-check of a survivor: every run of a mutant's campaign starts a fresh
/// model whose unreset state Verilator draws from the one init seed `seed`, so a register
/// bit the mutant no longer resets reads its reset value whenever that seed powers it on at
/// that value. A survivor runs the directed scenarios again on `powerOnRechecks` fresh
/// instances with other init seeds (`powerOnSeed`); a difference kills it.
extension MutationCampaign {
    /// Verilator init seed of power-on re-check `k` (1, 2, ...) of a campaign seeded `seed`:
    /// odd and distinct from `seed` (the model uses `seed & 0x7fffffff | 1`).
    public static func powerOnSeed(_ seed: UInt64, _ k: Int) -> UInt64 { ((seed | 1) &+ 2 * UInt64(k)) & 0x7FFF_FFFF }

    /// The scenarios the power-on re-check runs, each with its unit number in the directed
    /// suite (`DirectedSuite.scenarios`, which gives its handshake as in the campaign): every
    /// rule scenario, in the suite's order, the sweeps left out. Each starts from reset, and
    /// what a scenario observes before it writes it (a field's reset value, an I/O bitmap
    /// word never written, a route, a load, a counter) is where an unreset bit shows; the
    /// sweeps are ten times the commands and read what they, or the rule scenarios, wrote.
    public static func powerOnScenarios(_ c: RouterConfig) -> [(unit: Int, scenario: Scenario)] {
        DirectedSuite.scenarios(c).enumerated().filter { $0.element.kind == .directed }.map { ($0.offset, $0.element) }
    }

    /// Where a power-on re-check first differed from the reference.
    struct PowerOnMismatch {
        /// The re-check's index (0-based) among `powerOnRechecks`.
        var recheck: Int
        /// Its Verilator init seed.
        var initSeed: UInt64
        /// The scenario that differed, its unit number and handshake.
        var scenario: Scenario
        var unit: Int
        var handshake: Handshake
        /// Commands of the re-check run before this scenario, and the index of the differing command in it.
        var commandsBefore: Int
        var index: Int
        /// What differed (the command, the expected and the actual response), or the run's error.
        var text: String
        var hung: Bool
    }

    /// The power-on scenarios on each of `routers` in turn (the selected mutant active): the
    /// first difference from the reference, nil when all match; `commands` gets every command run.
    func powerOnMismatch(_ routers: [VerilatorRouter], commands total: inout Int) -> PowerOnMismatch? {
        let scenarios = Self.powerOnScenarios(config)
        for (k, r) in routers.enumerated() {
            for (unit, s) in scenarios {
                let hs = Campaign.handshake(seed, unit: unit, directed: true)
                let before = total
                do {
                    let run = try r.lockstep(s.commands, handshake: hs, config: config)
                    if let m = run.mismatch {
                        total += m.index + 1
                        return PowerOnMismatch(recheck: k, initSeed: r.seed, scenario: s, unit: unit, handshake: hs,
                                               commandsBefore: before, index: m.index,
                                               text: "command \(m.index) \(TraceWriter.line(for: s.commands[m.index])): expected \(TraceWriter.line(for: m.expected)), got \(TraceWriter.line(for: m.actual))",
                                               hung: false)
                    }
                } catch {
                    let text = "\(error)"
                    total += s.commands.count
                    return PowerOnMismatch(recheck: k, initSeed: r.seed, scenario: s, unit: unit, handshake: hs,
                                           commandsBefore: before, index: s.commands.count - 1, text: text,
                                           hung: MutantOutcome.isHang(text))
                }
                total += s.commands.count
            }
        }
        return nil
    }

    /// Re-checks survivor `o` at other power-on values (`powerOnRechecks`): a difference kills
    /// it, named after the scenario and the init seed that showed it, with the scenario's trace
    /// written to `mutant-<id>/power-on.jsonl` and the `trapline cosim` line that replays it.
    func powerOnRecheck(_ o: inout MutantOutcome, _ routers: [VerilatorRouter]) {
        guard !routers.isEmpty else { return }
        let t0 = Date()
        var run = 0
        if let p = powerOnMismatch(routers, commands: &run) {
            o.kill(by: "\(p.scenario.name) (power-on re-check, init seed \(p.initSeed))", in: "directed", timeout: p.hung,
                   commands: o.commands + p.commandsBefore + p.index + 1, seconds: o.seconds + Date().timeIntervalSince(t0),
                   detail: p.text + (replayLine(p, id: o.mutation.id).map { "\nreplay: \($0)" } ?? ""))
        }
        o.commands += run
        o.seconds += Date().timeIntervalSince(t0)
    }

    /// Writes the scenario of `p` into the mutant's folder and returns the line that replays it
    /// on the netlist of every mutant with mutant `id` selected and `p`'s init seed; nil when
    /// the trace cannot be written.
    func replayLine(_ p: PowerOnMismatch, id: Int) -> String? {
        let dir = outputDirectory.appendingPathComponent("mutant-\(id)", isDirectory: true)
        let trace = dir.appendingPathComponent("power-on.jsonl")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try TraceWriter.text(for: p.scenario.commands).write(to: trace, atomically: true, encoding: .utf8)
        } catch { return nil }
        var replay = ReplayCommand(trace: trace.path, simulator: "verilator", handshake: p.handshake)
        replay.rtl = outputDirectory.appendingPathComponent("mutants.v").path
        replay.initSeed = p.initSeed
        replay.parameterFlags = parameterFlags
        return "\(MutantDesign.selectVariable)=\(id) \(replay.line)"
    }
}
