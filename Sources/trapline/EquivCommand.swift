import ArgumentParser
import CoSim
import Equivalence
import Foundation
import RouterModel
import RouterSim

/// `trapline equiv` (SPEC 11): the full equivalence campaign. The directed
/// suite (one scenario per SPEC rule plus exhaustive sweeps) and
/// constrained-random streams run on Verilator; Icarus runs the directed
/// suite's samples and a random sample on a second thread; every response is
/// compared with the reference router. The first divergence is shrunk and
/// written as a trace with its replay command and a waveform.
struct EquivCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equiv",
        abstract: "Run the equivalence campaign (directed, random, Verilator and Icarus) against the reference router.",
        discussion: """
        Prints a summary (commands and cycles per simulator, coverage with its holes, time, \
        verdict EQUIVALENT or MISMATCH) on stdout and progress on stderr. \
        Exit codes: 0 nothing differed, 1 a mismatch (shrunk trace, replay command and waveform \
        named in the summary), 2 bad input, 3 a tool is missing or failed. \
        --budget counts from the end of the model build; the directed suite always runs whole on \
        Verilator and at least one random stream runs; Icarus starts no scenario once the budget \
        is spent (the summary says how many it ran); random streams stop when the budget ends or when \
        their own coverage closes (--full-budget: only when the budget ends); each stream leans towards         the coverage holes the streams before it left (--no-coverage-driven: plain random), and the summary's         closed line says when coverage closed. --shard I/N (I from 1) runs every N-th scenario and \
        stream starting at the I-th, so N jobs with the same seed together run one campaign.
        """)

    @OptionGroup var parameters: ParameterOptions
    @Option(help: "Campaign seed: every random stream and handshake derives from it.")
    var seed: UInt64 = 1
    @Option(help: "Seconds of simulation (directed suite, then random streams until it ends or coverage closes); 0 to 10000000.")
    var budget: Double = 60
    @Option(help: "Check this Verilog file (SPEC 9 interface) instead of the generated router.")
    var rtl: String?
    @Option(help: "Run shard I of N (1 <= I <= N) of the campaign.")
    var shard: String = "1/1"
    @Option(help: "Write a JUnit XML report to FILE.")
    var junit: String?
    @Option(help: "Folder for shrunk traces, waveforms and the RTL copy.")
    var out: String = "out/equiv"
    @Option(name: .customLong("stream-commands"), help: "Commands per random stream (1 to 1000000).")
    var streamCommands: Int = 20_000
    @Option(name: .customLong("icarus-sample"), help: "Commands of the random sample Icarus runs (0: none; at most 1000000).")
    var icarusSample: Int = 2_000
    @Option(name: .customLong("shrink-seconds"), help: "Time allowed to shrink a failing trace.")
    var shrinkSeconds: Double = 120
    @Option(name: .customLong("sim-timeout"), help: "Wall-clock seconds one simulator run may take before it counts as hung (a divergence); default: Icarus 60 s + 100 µs per cycle of the bench's cycle limit, Verilator 60 s + 1 ms per command.")
    var simTimeout: Double?
    @Option(help: "Write a self-contained HTML report (verdict, parameters, shards, coverage holes, divergence with its waveform) to FILE.")
    var html: String?
    @Option(help: "Write the results as JSON to FILE (docs/results.md): one file per shard, for `trapline merge`.")
    var results: String?
    @Option(help: "Run exactly N random streams in all (split between shards), whatever the budget and coverage: the same campaign however it is sharded (1 to 1000000).")
    var streams: Int?
    @Flag(name: .customLong("no-random"), help: "Run the directed suite only.")
    var noRandom = false
    @Flag(name: .customLong("full-budget"), help: "Keep running random streams until the budget ends, even after their coverage closes.")
    var fullBudget = false
    @Option(help: "Random streams run at once on this many workers, each with its own model instance (1 to 1024; default: the number of cores). The summary gives the speed-up over one worker.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(name: .customLong("no-coverage-driven"), help: "Plain random streams: no leaning towards the coverage holes the streams before left (to compare).")
    var noCoverageDriven = false

    func run() throws {
        let config = try parameters.config()
        let shardValue: Shard
        do { shardValue = try Shard.parse(shard) } catch { throw CLIError.badInput(error.message) }
        guard budget >= 0, budget <= Limits.seconds else {
            throw CLIError.badInput("--budget \(budget): give the campaign time in seconds, from 0 to \(Limits.text(Limits.seconds))")
        }
        guard (1...Limits.streamCommands).contains(streamCommands) else {
            throw CLIError.badInput("--stream-commands \(streamCommands): give 1 to \(Limits.streamCommands) commands per random stream (a longer campaign runs more streams: raise --budget)")
        }
        guard (0...Limits.icarusSample).contains(icarusSample) else {
            throw CLIError.badInput("--icarus-sample \(icarusSample): give 0 to \(Limits.icarusSample) commands")
        }
        if let simTimeout, !(simTimeout > 0 && simTimeout <= 1e9) {
            throw CLIError.badInput("--sim-timeout \(simTimeout): give the time limit in seconds, more than 0 (at most 1e9)")
        }
        guard shrinkSeconds >= 0, shrinkSeconds <= Limits.seconds else {
            throw CLIError.badInput("--shrink-seconds \(shrinkSeconds): give the time in seconds, from 0 to \(Limits.text(Limits.seconds))")
        }
        guard (1...Limits.jobs).contains(jobs) else {
            throw CLIError.badInput("--jobs \(jobs): give 1 to \(Limits.jobs) workers (this machine has \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        }
        if let streams, !(1...Limits.streams).contains(streams) {
            throw CLIError.badInput("--streams \(streams): give 1 to \(Limits.streams) random streams (or --no-random for none)")
        }
        if let junit { try OutputPaths.checkFile("--junit", junit, what: "JUnit report") }
        if let results { try OutputPaths.checkFile("--results", results, what: "results JSON") }
        if let html { try OutputPaths.checkFile("--html", html, what: "HTML report") }
        try OutputPaths.distinct([("--junit", junit), ("--results", results), ("--html", html)])
        try OutputPaths.checkFolder("--out", out, what: "the shrunk trace, its waveform and the RTL copy of a mismatch")
        let verilog = try routerVerilog(config: config, rtl: rtl)
        for tool in [Tool.verilator, .iverilog, .vvp] { _ = try Toolchain.locate(tool) }

        let progress = ProgressLine()
        progress.show("building the Verilator model")
        let verilator = try verilatorRouter(verilog: verilog, seed: seed, rtl: rtl, timeLimit: simTimeout)
        var options = CampaignOptions(config: config, verilog: verilog,
                                      outputDirectory: URL(fileURLWithPath: out, isDirectory: true))
        options.seed = seed
        options.budget = budget
        options.shard = shardValue
        options.commandsPerSeed = streamCommands
        options.secondaryRandomSample = icarusSample
        options.shrinkSeconds = shrinkSeconds
        options.rtlPath = rtl
        options.runRandom = !noRandom
        options.fullBudget = fullBudget
        options.streams = streams
        options.jobs = jobs
        options.coverageDriven = !noCoverageDriven
        options.parameterFlags = parameters.flags(config)
        var icarus = IcarusRouter(verilog: verilog, sourceName: rtl)
        icarus.timeLimit = simTimeout
        icarus.keepFailedRuns = false   // the shrunk trace in --out is the replay; one folder per failing run was ~1 MB each
        let campaign = Campaign(options: options, primary: verilator, secondary: icarus) {
            progress.show($0)
        }
        let result: CampaignResult
        do { result = try campaign.run() } catch let e as ModelError { throw cliError(e, rtl: rtl) }
        progress.finish()
        do { try StandardOutput.print(Summary.text(result)) } catch {
            // A mismatch is still the verdict (exit 1, below); without one the lost summary is the failure (exit 3).
            guard !result.equivalent else { throw error }
            FileHandle.standardError.write(Data("trapline: error: the summary was not written: \(error)\n".utf8))
        }
        try ReportFiles.finish(result, junit: junit, results: results, document: {
            try ResultsDocument(result, tools: ReportFiles.toolVersions(), rtlSHA256: sha256Hex(verilog)).jsonData()
        }, html: html)
    }
}

extension ParameterOptions {
    /// The flags that reproduce `config` on another command line (defaults left out).
    func flags(_ c: RouterConfig) -> [String] { CampaignIdentity.flags(c) }
}

/// The progress line on stderr: rewritten in place on a terminal (at most 4 times
/// a second, the campaign throttles), else one line every 5 seconds.
final class ProgressLine: @unchecked Sendable {
    private let tty = isatty(2) != 0
    private var last = Date.distantPast
    private var shown = false
    private let lock = NSLock()
    private var latest = ""

    init() {
        ProcessGuard.setActivity { [unowned self] in "equiv had not finished; last progress: \(self.lastText)" }
    }

    /// The last text shown (for the message of an interrupted run).
    var lastText: String { lock.lock(); defer { lock.unlock() }; return latest.isEmpty ? "starting" : latest }

    func show(_ text: String) {
        lock.lock(); latest = text; lock.unlock()
        if tty {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8)); shown = true
        } else if Date().timeIntervalSince(last) >= 5 {
            last = Date()
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    func show(_ p: CampaignProgress) {
        let cycles = p.cycles >= 1_000_000 ? "\(p.cycles / 100_000 / 10).\(p.cycles / 100_000 % 10)M" : "\(p.cycles)"
        show("[\(p.phase)] \(p.commands) commands, \(cycles) cycles, coverage \(CoverageReport.percent(p.coveragePercent)), \(Int(p.elapsed)) s")
    }

    func finish() { if tty && shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
}
