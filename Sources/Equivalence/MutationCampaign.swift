import CoSim
import Foundation
import RouterModel
import RouterSim

/// The mutation score of the equivalence campaign: every mutant of a
/// `MutantDesign` runs a short campaign (the directed suite, stopping at its
/// first failing scenario, then seeded random streams for the per-mutant
/// budget) on Verilator; a divergence kills the mutant. Before the mutants, the
/// netlist with no mutation selected (the control) runs the same campaign and
/// must survive: otherwise the Yosys round trip itself differs and no verdict
/// on a mutant would mean anything. A mutant that survives its campaign is
/// re-checked: the rule scenarios on other Verilator power-on values
/// (`MutationCampaign+PowerOn`), then, rebuilt alone, under Icarus
/// (`MutationCampaign+Icarus`); each has its control too.
public struct MutationCampaign {
    /// The mutants to judge: the Yosys mutation list and the one netlist holding them all.
    public var design: MutantDesign
    /// The router parameters the reference model runs with (those the RTL was generated for).
    public var config: RouterConfig
    /// Campaign seed (stream and handshake seeds derive from it, as in `equiv`).
    public var seed: UInt64 = 1
    /// Seconds of each mutant's campaign, counted from its start: the directed suite always
    /// runs whole (on a surviving mutant), then random streams (at least one) until they are spent.
    public var budgetPerMutant: Double = 10
    /// Commands per random stream.
    public var commandsPerStream = 20_000
    /// Run exactly this many random streams per mutant, whatever the budget (nil: by budget).
    /// With it a verdict does not depend on the machine's speed: with a budget, a slower
    /// machine runs fewer streams, and a mutant only a late stream kills may survive there.
    public var streams: Int? = nil
    /// Run the directed sweeps as samples (every 97th I/O port and the corners, the VMCS
    /// encoding classes: what Icarus runs in `equiv`): a quicker campaign that may kill fewer.
    public var sampledSweeps = false
    /// Where each mutant's campaign may write (one folder per mutant).
    public var outputDirectory: URL
    /// After a mutant's campaign matched, the directed rule scenarios (`powerOnScenarios`)
    /// run again on this many fresh instances whose Verilator power-on values come from other
    /// seeds (`powerOnSeed`). Every run of the campaign uses the one init seed `seed`, so a
    /// register bit the mutant no longer resets reads its reset value whenever that seed
    /// happens to power it on at that value (half the time for one bit); each re-check draws
    /// again. 0: no re-check.
    public var powerOnRechecks = 8
    /// After the power-on re-check, a survivor is rebuilt alone by Yosys and runs the directed
    /// rule scenarios under Icarus (`icarusRecheck`), which shows what Verilator cannot (an
    /// array index past the end, `x`). false: Verilator only.
    public var icarusRecheck = true
    /// The Icarus re-check runs the sweeps' samples too (as `equiv` runs them on Icarus):
    /// about 5 min more per survivor at the defaults.
    public var icarusSweeps = false
    /// The generator-parameter flags that differ from the defaults, for the replay lines of
    /// the re-checks' kills.
    public var parameterFlags: [String] = []

    /// A run of `design`'s mutants against the reference on `config`, writing under
    /// `outputDirectory`; seed 1, 10 s per mutant, streams by budget, full sweeps.
    public init(design: MutantDesign, config: RouterConfig, outputDirectory: URL) {
        self.design = design; self.config = config; self.outputDirectory = outputDirectory
    }

    /// The outcome of the whole run.
    public struct Result: Sendable {
        /// One row per mutant, in list order; empty when the control diverged (no mutant ran),
        /// every row not built when Verilator rejected the netlist.
        public var outcomes: [MutantOutcome]
        /// Commands of the control run (no mutation selected); 0 when the netlist did not build.
        public var controlCommands: Int
        /// Seconds of the control's campaign (0 when the netlist did not build).
        public var controlSeconds: Double
        /// The control's first divergence from the reference, or Verilator's error when the
        /// netlist did not build; nil when the control matched (the mutants then ran).
        public var controlDivergence: String?
        /// Seconds to build (or load from the cache) the one Verilator model of every mutant.
        public var buildSeconds: Double
        /// Commands and seconds of the Icarus control (the RTL through Yosys, no mutation, under
        /// Icarus), run before the first Icarus re-check; nil when no re-check ran.
        public var icarusControl: (commands: Int, seconds: Double)? = nil
        /// Wall-clock seconds of the whole run (build, control, mutants).
        public var seconds: Double
    }

    /// Builds the model, runs the control, then each mutant in order. `progress`
    /// gets one line per mutant ("mutant 7/50: killed by directed '...' after 40 commands in 0.4 s").
    /// Tool failures are thrown; a netlist Verilator rejects makes every mutant `notBuilt`.
    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let t0 = Date()
        let router: VerilatorRouter
        do {
            router = try VerilatorRouter(verilog: design.verilog, seed: seed, sourceName: "mutants.v")
        } catch let e as VerilogRejected {
            let outcomes = design.mutations.map { m -> MutantOutcome in
                var o = MutantOutcome(mutation: m, verdict: .notBuilt, commands: 0, seconds: 0)
                o.detail = "\(e)"
                return o
            }
            progress("the mutants' netlist does not build under Verilator: every mutant is reported as not built")
            return Result(outcomes: outcomes, controlCommands: 0, controlSeconds: 0, controlDivergence: "\(e)",
                          buildSeconds: Date().timeIntervalSince(t0), seconds: Date().timeIntervalSince(t0))
        }
        router.timeLimit = { VerilatorRouter.defaultTimeLimit(commands: $0) }
        let buildSeconds = Date().timeIntervalSince(t0)
        progress("mutants' model built in \(MutantOutcome.seconds(buildSeconds)); control run (no mutation)")
        let rechecks = try (0..<powerOnRechecks).map { k -> VerilatorRouter in
            let r = try VerilatorRouter(verilog: design.verilog, seed: Self.powerOnSeed(seed, k + 1), sourceName: "mutants.v")
            r.timeLimit = { VerilatorRouter.defaultTimeLimit(commands: $0) }
            return r
        }
        let control = try campaign(select: 0, router: router)
        var controlDivergence = control.divergences.first?.description
        var controlRecheck = 0
        if controlDivergence == nil, let p = powerOnMismatch(rechecks, commands: &controlRecheck) {
            controlDivergence = "power-on re-check (init seed \(p.initSeed)), '\(p.scenario.name)': \(p.text)"
        }
        var outcomes: [MutantOutcome] = []
        var icarusControl: (commands: Int, seconds: Double)? = nil
        if controlDivergence == nil {
            for m in design.mutations {
                let result = try campaign(select: m.id, router: router)
                var o = Self.outcome(m, result)
                if o.verdict == .survived { powerOnRecheck(&o, rechecks) }
                if o.verdict == .survived && icarusRecheck {
                    if icarusControl == nil {
                        progress("Icarus re-check: the RTL through yosys with no mutation (the control) under Icarus")
                        var c = 0, s = 0.0
                        if let d = try self.icarusControl(commands: &c, seconds: &s) {
                            controlDivergence = "under Icarus (the RTL through yosys with no mutation, \(outputDirectory.appendingPathComponent("icarus-control/control.v").path)): \(d)"
                            outcomes = []
                            break
                        }
                        icarusControl = (c, s)
                        progress("Icarus control: \(c) commands, equal to the reference, \(MutantOutcome.seconds(s))")
                    }
                    progress("mutant \(m.id)/\(design.mutations.count): survived Verilator (\(o.commands) commands); re-checking under Icarus (the mutant alone through yosys, \(icarusSweeps ? "directed suite with sampled sweeps" : "directed rule scenarios"))")
                    if let note = try icarusRecheck(&o) { progress("mutant \(m.id)/\(design.mutations.count): \(note)") }
                }
                outcomes.append(o)
                progress("mutant \(m.id)/\(design.mutations.count): \(o.summary)")
                if o.verdict == .killed, let replay = o.detail?.components(separatedBy: "\nreplay: ").dropFirst().first {
                    progress("  replay: \(replay)")
                }
            }
        }
        setenv(MutantDesign.selectVariable, "0", 1)
        return Result(outcomes: outcomes, controlCommands: control.testcases.reduce(0) { $0 + $1.commands },
                      controlSeconds: control.seconds, controlDivergence: controlDivergence,
                      buildSeconds: buildSeconds, icarusControl: icarusControl, seconds: Date().timeIntervalSince(t0))
    }

    /// One campaign with mutant `select` active (0: none).
    func campaign(select: Int, router: VerilatorRouter) throws -> CampaignResult {
        setenv(MutantDesign.selectVariable, String(select), 1)
        let dir = outputDirectory.appendingPathComponent(select == 0 ? "control" : "mutant-\(select)", isDirectory: true)
        var o = CampaignOptions(config: config, verilog: design.verilog, outputDirectory: dir)
        o.seed = seed
        o.budget = budgetPerMutant
        o.fullBudget = true
        o.commandsPerSeed = commandsPerStream
        o.stopAtFirstFailure = true
        o.primaryUsesSamples = sampledSweeps
        o.streams = streams
        o.shrinkFirstFailure = false
        o.waveOnMismatch = false
        return try Campaign(options: o, primary: router, secondary: nil).run()
    }

    /// The row of mutant `m` from its campaign's result.
    static func outcome(_ m: YosysMutation, _ result: CampaignResult) -> MutantOutcome {
        let commands = result.testcases.reduce(0) { $0 + $1.commands }
        guard let k = result.testcases.firstIndex(where: { $0.failure != nil }), let d = result.divergences.first else {
            return MutantOutcome(mutation: m, verdict: .survived, commands: commands, seconds: result.seconds)
        }
        let before = result.testcases[..<k]
        var o = MutantOutcome(mutation: m, verdict: .killed, commands: commands, seconds: result.seconds)
        let killer = result.testcases[k]
        var hung = false
        if case .broken(let message)? = d.values.first?.value { hung = MutantOutcome.isHang(message) }
        o.kill(by: killer.name, in: killer.classname == "equiv.random" ? "random" : "directed", timeout: hung,
               commands: before.reduce(0) { $0 + $1.commands } + d.index + 1,
               seconds: before.reduce(0) { $0 + $1.seconds } + killer.seconds, detail: d.description)
        return o
    }
}
