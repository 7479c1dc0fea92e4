import Foundation
import RouterModel
import RouterSim

/// The Icarus re-check of a survivor: `equiv` runs the directed suite on Icarus too, with
/// real Verilog semantics, where Verilator does not show some changes (it keeps only the
/// low bits of an array index, so a write past an array's end lands on an entry instead of
/// being dropped, and a read there is a value instead of `x`; it powers unreset state on at
/// 0 or 1, never `x`). The netlist of every mutant has a Verilator-only select, so a mutant
/// that survived everything under Verilator is rebuilt alone by Yosys (`MutantDesign.alone`,
/// `survivor_<id>/mutant.v`) and runs the directed rule scenarios (`recheckScenarios`) under
/// Icarus; with `icarusSweeps` the sweeps' samples too, as `equiv` runs them there. A
/// difference, an `x` in a response or a broken handshake kills it. Before the first such
/// re-check the RTL through the same Yosys steps with no mutation (the Icarus control,
/// `icarus-control/control.v`) must pass the same scenarios.
///
/// Cost: Icarus runs a Yosys netlist about 40 times slower than the RTL it came from (its
/// next-state logic is continuous assignments, evaluated on every input change, not only
/// at the clock edge): 70 to 140 commands per second at the defaults, so the 4 220 commands
/// of the rule scenarios take 30 to 60 s per survivor, the 42 894 of the sampled sweeps 5 to 10 min.
extension MutationCampaign {
    /// What the Icarus run of one netlist gave.
    struct IcarusRun {
        /// Commands run (up to and including the failing scenario).
        var commands = 0
        /// The first divergence, the scenario's unit number in the suite and its commands; nil when all matched.
        var failure: (divergence: Divergence, unit: Int, commands: [Command])?
    }

    /// The scenarios the Icarus re-check runs, with their unit numbers in `DirectedSuite.scenarios`
    /// (which give their handshakes): the rule scenarios, then with `icarusSweeps` each sweep's sample.
    func icarusScenarios() -> [(unit: Int, name: String, commands: [Command])] {
        DirectedSuite.scenarios(config).enumerated().compactMap { k, s in
            s.kind == .directed ? (k, s.name, s.commands) : icarusSweeps ? (k, s.name, s.sample ?? s.commands) : nil
        }
    }

    /// The Icarus scenarios on `verilog` (named `name` in messages), stopping at the first that differs.
    func icarusRun(_ verilog: String, name: String) throws -> IcarusRun {
        var icarus = IcarusRouter(verilog: verilog, sourceName: name)
        icarus.keepFailedRuns = false
        var run = IcarusRun()
        var stats = SimulatorStats(name: icarus.name)
        for (unit, scenario, commands) in icarusScenarios() {
            let reference = Compare.reference(commands, config: config)
            let d = try Compare.check(icarus, commands, reference: reference,
                                      handshake: Campaign.handshake(seed, unit: unit, directed: true),
                                      testcase: scenario, stats: &stats)
            if let d {
                run.commands += d.index + 1
                run.failure = (d, unit, commands)
                return run
            }
            run.commands += commands.count
        }
        return run
    }

    /// Runs the Icarus control: nil when it matched the reference, else its first divergence.
    /// `commands`, `seconds`: what it ran.
    func icarusControl(commands: inout Int, seconds: inout Double) throws -> String? {
        let t0 = Date()
        let file = outputDirectory.appendingPathComponent("icarus-control/control.v")
        let verilog = try MutantDesign.alone(nil, folder: outputDirectory, file: file)
        let run = try icarusRun(verilog, name: file.path)
        commands = run.commands
        seconds = Date().timeIntervalSince(t0)
        return run.failure?.divergence.description
    }

    /// Re-checks survivor `o` under Icarus: a difference kills it ("killed by directed 'NAME'
    /// under Icarus"), with the scenario's commands written beside its netlist
    /// (`survivor_<id>/icarus.jsonl`) and the `trapline cosim --sim icarus` line that replays
    /// them in `detail`. A mutant whose netlist alone is the Icarus control's, line for line
    /// (Yosys folded the mutation away: an equivalent mutant), is not run again; the
    /// returned note says so (nil otherwise).
    func icarusRecheck(_ o: inout MutantOutcome) throws -> String? {
        let t0 = Date()
        let m = o.mutation
        let dir = outputDirectory.appendingPathComponent("survivor_\(m.id)", isDirectory: true)
        let file = dir.appendingPathComponent("mutant.v")
        let verilog = try MutantDesign.alone(m, folder: outputDirectory, file: file)
        let control = outputDirectory.appendingPathComponent("icarus-control/control.v")
        if verilog == (try? String(contentsOf: control, encoding: .utf8)) {
            let note = "its netlist alone (\(file.path)) is the control's, line for line: an equivalent mutant (not run again under Icarus)"
            o.detail = note
            o.seconds += Date().timeIntervalSince(t0)
            return note
        }
        let run = try icarusRun(verilog, name: file.path)
        let seconds = Date().timeIntervalSince(t0)
        defer {
            o.commands += run.commands
            o.seconds += seconds
        }
        guard let f = run.failure else { return nil }
        var hung = false
        if case .broken(let message)? = f.divergence.values.first?.value { hung = MutantOutcome.isHang(message) }
        o.kill(by: f.divergence.testcase, in: "directed", under: "icarus", timeout: hung,
               commands: o.commands + run.commands, seconds: o.seconds + seconds, detail: f.divergence.description)
        let trace = dir.appendingPathComponent("icarus.jsonl")
        if (try? TraceWriter.text(for: f.commands).write(to: trace, atomically: true, encoding: .utf8)) != nil {
            var replay = ReplayCommand(trace: trace.path, simulator: "icarus",
                                       handshake: Campaign.handshake(seed, unit: f.unit, directed: true))
            replay.rtl = file.path
            replay.parameterFlags = parameterFlags
            o.detail = (o.detail ?? "") + "\nreplay: \(replay.line)"
        }
        return nil
    }
}
