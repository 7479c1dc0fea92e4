import ArgumentParser
import CoSim
import Formal
import Foundation
import RouterDesign
import RouterModel
import RouterSim

/// `trapline prove`: the six safety properties of `SafetyChecker` proved on the router
/// RTL (generated, or `--rtl FILE.v`) with Yosys + ABC: PDR for an unbounded proof, and
/// BMC to `--depth` when PDR does not decide within `--timeout`. Per property: PROVED, HOLDS TO DEPTH K or FAILED; a failure becomes a
/// SPEC 10 trace, a VCD and the `trapline cosim` line that replays it, and the replay is
/// run under Verilator against the reference router.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove the router's safety properties (SPEC 3-9) with Yosys and ABC (PDR, else BMC to --depth).",
        discussion: """
        Exit codes: 0 no property failed (with --against: no difference to the depth), 1 a property \
        failed or the designs differ (counterexample trace, VCD and replay line printed), 2 bad input, 3 yosys or yosys-abc missing or failing. \
        With the I/O bitmaps on, every memory of more than \(ProveModel.abstractionThreshold) bits \
        (the bitmaps) is cut out and its reads become free values: a PROVED verdict then holds for \
        every bitmap content. See docs/prove.md.
        """)

    @OptionGroup var parameters: ParameterOptions
    @Option(help: "Prove this Verilog file (SPEC 9 interface, module trapline_router) instead of the generated router; the generator parameters must be the ones it was built for.")
    var rtl: String?
    @Option(help: "BMC depth in clock cycles from reset (BMC runs when PDR does not decide a property).")
    var depth: Int = 20
    @Option(help: "Seconds each engine call (pdr, bmc3) may take; Yosys' steps have their own limits (1 hour to prepare the model).")
    var timeout: Double = 120
    @Option(help: "Folder for the models, logs, counterexample traces and VCDs (default: a new temporary folder).")
    var out: String?
    @Option(name: .customLong("property"), help: "Prove only this property (tag, e.g. handshake); repeat for several. Default: all six.")
    var only: [String] = []
    @Option(name: .customLong("induction-depth"), help: "K of the k-induction tried before PDR on each property (ABC bmc3 for the base case, ind for the step); 0 skips it.")
    var inductionDepth: Int = 4
    @Flag(name: .customLong("no-replay"), help: "Do not replay counterexamples under Verilator.")
    var noReplay = false
    @Option(help: "Check that this Verilog file (SPEC 9 interface) behaves as the router (generated, or --rtl) for --depth cycles from reset: the n-th response of one equals the n-th of the other (bounded sequential equivalence). Needs --no-io-bitmaps.")
    var against: String?
    @Flag(name: .customLong("cycle-exact"), help: "With --against: compare every output in every cycle, not the n-th responses.")
    var cycleExact = false

    func run() throws {
        let config = try parameters.config()
        guard (1...10_000).contains(depth) else { throw CLIError.badInput("--depth \(depth) is out of range: give 1...10000 cycles") }
        guard timeout > 0 && timeout <= 1e6 else { throw CLIError.badInput("--timeout \(timeout): give seconds, more than 0") }
        guard (0...50).contains(inductionDepth) else { throw CLIError.badInput("--induction-depth \(inductionDepth) is out of range: give 0...50") }
        var selected = SafetyProperty.allCases
        // `--property invariant` alone: only the router's invariants (always proved first).
        let only = self.only.filter { $0 != RouterInvariants.group }
        if !self.only.isEmpty {
            selected = try only.map { tag in
                guard let p = SafetyProperty.allCases.first(where: { $0.tag == tag }) else {
                    throw CLIError.badInput("--property \(tag): no such property; use one of \(SafetyProperty.allCases.map(\.tag).joined(separator: ", ")) or \(RouterInvariants.group)")
                }
                return p
            }
        }
        guard against != nil || !cycleExact else { throw CLIError.badInput("--cycle-exact needs --against OTHER.v") }
        if let against { return try runAgainst(against, config: config) }
        let verilog = try routerVerilog(config: config, rtl: rtl)
        try runTool { try Prover.checkTools() }
        let dir = try outputDirectory()
        var model = try ProveModel(config: config, routerVerilog: verilog, directory: dir, bridge: rtl == nil)
        model.prover.inductionDepth = inductionDepth
        let describe = rtl.map { "--rtl \($0)" } ?? "the generated router"
        let invariants = model.groups.assertions(of: [RouterInvariants.group]).count
        let bridge = model.groups.assertions.filter { $0.file == ReadBackBridge.moduleName + ".v" }.count
        let checkerCount = model.groups.assertions.count - invariants - bridge
        say("trapline prove: \(describe), parameters \(parameters.flags(all: true).joined(separator: " "))")
        say("  checker: \(checkerCount) assertions in 6 properties (the fourth in two parts, 4a and 4b); depth \(depth), \(Int(timeout)) s per engine call; work folder \(dir.path)")
        say(invariants > 0
            ? "  router: \(invariants) invariant assertions (legal register encodings), proved first, then kept beside each property as a strengthening"
            : "  router: no invariant assertions (only the generated router has them); each property is proved on its own")
        say(bridge > 0
            ? "  4b: \(bridge) bridge assertions relate the checker's copy of the watched field to the router's registers (proved with 4b)"
            : "  4b: no bridge to the router's registers (--rtl): the read-back is seldom closed by pdr and is then bounded")
        for note in model.abstractionNotes { say("  note: \(note)") }
        ProcessGuard.setActivity { "trapline prove had not finished; partial results are in \(dir.path)" }
        // Preparing the model is not an engine call: its own, generous limit.
        let prep = try runTool { try model.prover.prepare(timeout: max(timeout, 3600)) }
        say(String(format: "  model prepared by yosys in %.1f s", prep))
        var failed = 0, proved = 0, bounded = 0, undecided = 0
        // The invariants first: once proved, they hold in every reachable state, so keeping
        // them in each property's model changes no verdict and rules out unreachable states
        // for the engines (k-induction needs that).
        var steps: [(label: String, tag: String)] = invariants > 0 ? [("inv", RouterInvariants.group)] : []
        steps += selected.map { ($0.label, $0.tag) }
        var keeping: [String] = []
        for p in steps {
            let r = try runTool { try model.prover.prove(p.tag, keeping: keeping, depth: depth, timeout: timeout) }
            if p.tag == RouterInvariants.group, case .proved = r.verdict { keeping = [p.tag] }
            let time = String(format: "%6.1f s", r.seconds)
            let name = "\(p.label) \(p.tag)".padding(toLength: 24, withPad: " ", startingAt: 0)
            switch r.verdict {
            case .proved(let engine):
                proved += 1
                say("  \(name) PROVED (\(engine), unbounded)  \(time)")
            case .holdsToDepth(let k, _) where k > 0:
                bounded += 1
                say("  \(name) HOLDS TO DEPTH \(k) (abc bmc3; no unbounded proof)  \(time)")
            case .holdsToDepth:
                undecided += 1
                say("  \(name) UNDECIDED (neither pdr nor bmc3 answered within --timeout)  \(time)")
            case .failed(let cex):
                failed += 1
                say("  \(name) FAILED at cycle \(cex.frame) (\(cex.engine))  \(time)")
            }
            say("      " + r.notes.joined(separator: "; "))
            if case .failed(let cex) = r.verdict {
                for line in try counterexampleReport(p, cex, config: config, model: model, directory: dir) { say("      \(line)") }
            }
        }
        say("  summary: \(proved) proved, \(bounded) bounded, \(failed) failed\(undecided > 0 ? ", \(undecided) undecided" : "") (BMC depth \(depth))")
        if failed > 0 { throw ExitCode(ExitStatus.mismatch.rawValue) }
    }

    /// One line on stdout, flushed at once (a proof runs for minutes; show progress).
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func outputDirectory() throws -> URL {
        let url = out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("trapline-prove-\(UUID().uuidString.prefix(8))")
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw CLIError.badInput("--out \(url.path): cannot create the folder (\(error.localizedDescription))")
        }
        return url
    }

    func runTool<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ToolError { throw CLIError.tool("\(e)") }
    }

    /// The lines printed under a FAILED verdict: the assertion, the trace, the VCD, the
    /// replay command and what the replay under Verilator said.
    private func counterexampleReport(_ p: (label: String, tag: String), _ cex: Counterexample, config: RouterConfig,
                                      model: ProveModel, directory: URL) throws -> [String] {
        var lines: [String] = []
        lines.append("assertion: \(cex.assertion.map { "\($0.group): \($0.message) (\($0.file):\($0.line))" } ?? "(the replay named none)")")
        let commands = ProveTrace.commands(from: cex.samples)
        let trace = directory.appendingPathComponent("counterexample_\(p.tag).jsonl")
        try TraceWriter.text(for: commands).write(to: trace, atomically: true, encoding: .utf8)
        lines.append("trace: \(trace.path) (\(commands.count) command\(commands.count == 1 ? "" : "s") accepted in \(cex.samples.cycles.count) cycles)")
        lines.append("vcd: \(cex.vcd)")
        let rtlPath = rtl ?? model.routerFile.path
        var replay = ["trapline", "cosim", trace.path, "--rtl", rtlPath, "--idle", "0", "--stall", "0"] + parameters.flags()
        replay += ["--wave", directory.appendingPathComponent("replay_\(p.tag).vcd").path]
        lines.append("replay: \(replay.joined(separator: " "))")
        if !noReplay {
            lines.append("replay under Verilator: " + ProveTrace.replay(commands, verilog: model.routerVerilog, config: config, rtl: rtlPath))
        }
        return lines
    }
}
