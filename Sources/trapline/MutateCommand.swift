import ArgumentParser
import CoSim
import Equivalence
import Formal
import Foundation

/// `trapline mutate` (issue 15 item 6): the mutation score of the equivalence
/// campaign. Yosys makes N mutants of the RTL; each runs a short seeded
/// campaign (directed suite, then random streams) on Verilator; a divergence
/// kills it. docs/mutate.md.
struct MutateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutate",
        abstract: "Mutation score of the equivalence campaign: Yosys mutants of the RTL, each run through a short campaign.",
        discussion: """
        Yosys `mutate -list N -seed S` picks N mutations (a bit of a cell port inverted, tied to 0 or 1, \
        or xored with another bit); each mutant runs the directed suite (stopping at its first failing \
        scenario) then seeded random streams until the mutant's campaign has run --budget-per-mutant seconds \
        (the directed suite always runs whole, and at least one random stream) on Verilator. A mutant is \
        killed when a response differs from the reference or the RTL hangs; a mutant that survives its \
        campaign runs the directed rule scenarios again on 8 models with other power-on values (Verilator \
        init seeds), where a bit it does not reset may show, then (unless --no-icarus-recheck) is rebuilt \
        alone by yosys and runs the directed rule scenarios under Icarus, where an array index past the end or an x shows. Prints a table, the score \
        killed / (killed + survived), the median time to kill and the survivors with their source lines; \
        progress on stderr. Survivors may be equivalent mutants: --prove-survivors K checks each against the RTL to depth K. Same seed, same mutants in \
        the same order. Exit codes: 0 it ran, 2 bad input, 3 a tool (Yosys, Verilator, Icarus) is missing or failed.
        """)

    @OptionGroup var parameters: ParameterOptions
    @Option(help: "Mutate this Verilog file (SPEC 9 interface, module trapline_router) instead of the generated router.")
    var rtl: String?
    @Option(help: "Number of mutants (1 to \(MutateLimits.count)).")
    var count: Int = 50
    @Option(help: "Seed of the mutant choice and of every campaign (0 to \(MutateLimits.seed)).")
    var seed: UInt64 = 1
    @Option(name: .customLong("budget-per-mutant"), help: "Seconds of each mutant's campaign: the directed suite (always whole), then random streams until they are spent (0 to \(Int(MutateLimits.budget))).")
    var budgetPerMutant: Double = 10
    @Option(name: .customLong("stream-commands"), help: "Commands per random stream (1 to \(Limits.streamCommands)).")
    var streamCommands: Int = 20_000
    @Option(help: "Run exactly N random streams per mutant, whatever --budget-per-mutant: the same verdicts on any machine (1 to \(Limits.streams)).")
    var streams: Int?
    @Option(help: "Folder for the RTL copy, the mutation list, the mutants' netlist.")
    var out: String = "out/mutate"
    @Option(help: "Write the report as JSON to FILE.")
    var json: String?
    @Option(help: "Run only these mutants of the list (ids as the table numbers them, e.g. --only 22,26): re-check survivors after improving the campaign.")
    var only: String?
    @Option(name: .customLong("prove-survivors"), help: "Check each survivor against the RTL with the `prove --against` miter to this depth (1 to 100 cycles): EQUAL TO DEPTH K (probably an equivalent mutant) or DIFFERENT (a hole in the campaign, with its trace). Needs --no-io-bitmaps.")
    var proveSurvivors: Int?
    @Option(name: .customLong("prove-timeout"), help: "Seconds of bmc3 per survivor with --prove-survivors.")
    var proveTimeout: Double = 120
    @Flag(name: .customLong("no-icarus-recheck"), help: "Do not re-check survivors under Icarus (each survivor rebuilt alone by yosys runs the directed rule scenarios under Icarus, 30-60 s each at the defaults): Verilator only, no iverilog needed.")
    var noIcarusRecheck = false
    @Flag(name: .customLong("icarus-sweeps"), help: "The Icarus re-check also runs the sweeps' samples, as equiv runs them on Icarus (about 5 min more per survivor at the defaults).")
    var icarusSweeps = false
    @Flag(name: .customLong("sampled-sweeps"), help: "Run the directed sweeps as samples (every 97th I/O port, the VMCS encoding classes): quicker per surviving mutant, may kill fewer.")
    var sampledSweeps = false

    func run() throws {
        let config = try parameters.config()
        guard (1...MutateLimits.count).contains(count) else {
            throw CLIError.badInput("--count \(count): give the number of mutants, 1 to \(MutateLimits.count) (e.g. --count 50)")
        }
        guard seed <= MutateLimits.seed else {
            throw CLIError.badInput("--seed \(seed): give 0 to \(MutateLimits.seed) (Yosys takes a 31-bit seed)")
        }
        guard budgetPerMutant >= 0, budgetPerMutant <= MutateLimits.budget else {
            throw CLIError.badInput("--budget-per-mutant \(budgetPerMutant): give the seconds of each mutant's campaign, 0 to \(Int(MutateLimits.budget)) (e.g. --budget-per-mutant 10)")
        }
        guard (1...Limits.streamCommands).contains(streamCommands) else {
            throw CLIError.badInput("--stream-commands \(streamCommands): give 1 to \(Limits.streamCommands) commands per random stream")
        }
        if let streams, !(1...Limits.streams).contains(streams) {
            throw CLIError.badInput("--streams \(streams): give 1 to \(Limits.streams) random streams per mutant (or leave it out: streams until the budget is spent)")
        }
        if let proveSurvivors {
            guard (1...100).contains(proveSurvivors) else {
                throw CLIError.badInput("--prove-survivors \(proveSurvivors): give the depth in cycles, 1 to 100 (e.g. --prove-survivors 8)")
            }
            guard !config.ioBitmaps else {
                throw CLIError.badInput("--prove-survivors with the I/O bitmaps on: the miter cannot hold two designs' bitmaps; add --no-io-bitmaps")
            }
            guard proveTimeout > 0, proveTimeout <= 1e6 else { throw CLIError.badInput("--prove-timeout \(proveTimeout): give seconds, more than 0") }
            do { try Prover.checkTools() } catch let e as ToolError { throw CLIError.tool("\(e)") }
        }
        let onlyIDs = try selectedIDs()
        if let json { try OutputPaths.checkFile("--json", json, what: "JSON report") }
        try OutputPaths.checkFolder("--out", out, what: "the RTL copy, the mutation list and the mutants' netlist")
        let verilog = try routerVerilog(config: config, rtl: rtl)
        for tool in [Tool.yosys, .verilator] { _ = try Toolchain.locate(tool) }
        if !noIcarusRecheck { try checkIcarus() }

        let folder = URL(fileURLWithPath: out, isDirectory: true)
        // Each progress line is also what an interrupted run (SIGINT, SIGTERM) says it had reached.
        let last = LastLine()
        ProcessGuard.setActivity { "mutate had not finished; last progress: \(last.text)" }
        let log = { (line: String) in
            last.set(line)
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        log("making \(count) mutants with yosys (seed \(seed))")
        var design: MutantDesign
        do {
            design = try MutantDesign.make(verilog: verilog, count: count, seed: seed, folder: folder)
        } catch let e as ToolError {
            // Yosys could not read the user's file: bad input, its lines named as the user's file.
            if let rtl, case .failed(_, _, let output) = e {
                let lines = output.split(separator: "\n").suffix(20)
                    .map { $0.replacingOccurrences(of: "trapline_router.v:", with: "\(rtl):") }.joined(separator: "\n")
                throw CLIError.badInput("--rtl \(rtl): yosys cannot read it as module trapline_router:\n\(lines)\nfix the Verilog at the lines shown (check with: yosys -p 'read_verilog \(rtl); hierarchy -check -top trapline_router')")
            }
            throw e
        }
        if let onlyIDs {
            // The netlist keeps every mutation (selected by id); only these run.
            design.mutations = design.mutations.filter { onlyIDs.contains($0.id) }
        }
        let rtlName = rtl ?? folder.appendingPathComponent("trapline_router.v").path
        log("\(design.mutations.count) mutants listed in \(folder.appendingPathComponent("mutations.ys").path); building their Verilator model")
        var campaign = MutationCampaign(design: design, config: config, outputDirectory: folder)
        campaign.seed = seed
        campaign.budgetPerMutant = budgetPerMutant
        campaign.commandsPerStream = streamCommands
        campaign.sampledSweeps = sampledSweeps
        campaign.streams = streams
        campaign.icarusRecheck = !noIcarusRecheck
        campaign.icarusSweeps = icarusSweeps
        campaign.parameterFlags = parameters.flags()
        let result: MutationCampaign.Result
        do { result = try campaign.run(progress: log) } catch let e as ModelError { throw cliError(e, rtl: rtl) }
        if let divergence = result.controlDivergence, result.outcomes.isEmpty {
            throw CLIError.tool("the Yosys netlist of the RTL with no mutation selected (the control) already differs from the reference, so no mutant can be judged; the Yosys round trip (\(folder.appendingPathComponent("mutants.v").path)) changed the behaviour:\n\(divergence)")
        }
        var report = MutationReport(result, design: design, rtlName: rtlName, seed: seed, count: count,
                                    budgetPerMutant: budgetPerMutant,
                                    parameters: parameters.flags(config) + (sampledSweeps ? ["--sampled-sweeps"] : [])
                                        + (streams.map { ["--streams", "\($0)"] } ?? [])
                                        + (noIcarusRecheck ? ["--no-icarus-recheck"] : icarusSweeps ? ["--icarus-sweeps"] : []))
        try StandardOutput.print(report.text)
        let survivors = result.outcomes.filter { $0.verdict == .survived }
        if let proveSurvivors, !survivors.isEmpty {
            let proofs = SurvivorProofs(config: config, original: verilog, folder: folder, depth: proveSurvivors,
                                        timeout: proveTimeout, flags: parameters.flags())
            let checked: (lines: [String], checks: [MutationReport.SurvivorCheck])
            do { checked = try proofs.run(survivors, design: design, log: log) } catch let e as ToolError { throw CLIError.tool("\(e)") }
            try StandardOutput.print(checked.lines.joined(separator: "\n"))
            report.survivorChecks = checked.checks
        }
        if let json {
            try ReportFiles.write(try report.jsonData(), to: json, flag: "--json", what: "JSON report", equivalent: true)
        }
    }
}

extension MutateCommand {
    /// As `equiv`: Icarus missing is exit 3 with the install command (here also the option that does without it).
    func checkIcarus() throws {
        for tool in [Tool.iverilog, .vvp] {
            do { _ = try Toolchain.locate(tool) } catch {
                throw CLIError.tool("\(error); or run Verilator only: --no-icarus-recheck")
            }
        }
    }

    /// The ids of `--only`, each within 1...--count; nil without the option.
    func selectedIDs() throws -> Set<Int>? {
        guard let only else { return nil }
        var ids = Set<Int>()
        for word in only.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = Int(word.trimmingCharacters(in: .whitespaces)), (1...count).contains(id) else {
                throw CLIError.badInput("--only \(only): give mutant ids from 1 to \(count) (--count \(count)), separated by commas, e.g. --only 22,26")
            }
            ids.insert(id)
        }
        return ids
    }
}

/// The ranges of `trapline mutate`'s options.
enum MutateLimits {
    /// Mutants per run (the select signal is wide enough for any count; a run of 1000 mutants is hours).
    static let count = 10_000
    /// Yosys' `mutate -seed` is a C int.
    static let seed: UInt64 = 2_147_483_647
    /// Seconds per mutant.
    static let budget = 100_000.0
}

/// The last progress line, read by the signal handler's message.
private final class LastLine: @unchecked Sendable {
    private let lock = NSLock()
    private var value = "starting"
    func set(_ text: String) { lock.lock(); value = text; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return value }
}
