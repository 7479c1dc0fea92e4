import ArgumentParser
import CoSim
import Foundation
import RouterModel
import RouterSim
import Stimulus

/// `trapline cosim TRACE | --random N --seed S` (SPEC 11): runs the commands
/// through the router RTL in a simulator and through the reference router.
/// The RTL's responses go to stdout (SPEC 10); the first difference (or a
/// handshake violation) goes to stderr with the seeds, the failing prefix
/// written as a trace file and a command line that replays it, exit 1. An
/// RTL that ends the simulation itself (`$finish`, `$stop`, a fatal error)
/// before the last response is exit 1 too: what came after was not checked.
struct CosimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosim",
        abstract: "Run a trace through the router RTL in a simulator and through the reference; report the first mismatch.",
        discussion: """
        Exit codes: 0 every response matches, 1 a mismatch or handshake violation \
        (report on stderr), 2 bad input, 3 a tool is missing or failed. \
        The handshake draws per cycle come from --seed: cmd_valid low with probability --idle %, \
        rsp_ready low with probability --stall %. Verilator models are cached (TRAPLINE_CACHE_DIR, \
        else sim/build/cache inside the repository, else ~/.cache/trapline).
        """)

    @OptionGroup var parameters: ParameterOptions
    @Argument(help: "Trace file (JSON Lines, SPEC 10); '-' reads standard input. Omit with --random.")
    var trace: String?
    @Option(help: "Run N constrained-random commands instead of a trace (streamed: memory does not grow with N; at most 2000000000 under Icarus).")
    var random: Int?
    @Option(help: "Seed of the random commands and of the handshake pattern.")
    var seed: UInt64 = 1
    @Option(name: .customLong("init-seed"), help: "Seed of Verilator's random initial values for state the RTL does not reset (default: --seed).")
    var initSeed: UInt64?
    @Option(help: "Simulator: verilator (default) or icarus.")
    var sim: String = "verilator"
    @Option(help: "Write a VCD waveform of the run to FILE.")
    var wave: String?
    @Option(name: .customLong("wave-from"), help: "With --wave (Verilator): start the waveform when command N (0-based) is first offered, to keep it small.")
    var waveFrom: Int = 0
    @Option(help: "Simulate this Verilog file (SPEC 9 interface) instead of the generated router.")
    var rtl: String?
    @Option(help: "Percent of cycles with cmd_valid held low, 0...99.")
    var idle: Int = 20
    @Option(help: "Percent of cycles with rsp_ready held low, 0...99.")
    var stall: Int = 20
    @Option(name: .customLong("sim-timeout"), help: "Wall-clock seconds the simulation may take before it counts as hung (exit 1); default: Icarus 60 s + 100 µs per cycle of the bench's cycle limit, Verilator 60 s + 1 ms per command.")
    var simTimeout: Double?

    func run() throws {
        let config = try parameters.config()
        guard ["verilator", "icarus"].contains(sim) else {
            throw CLIError.badInput("--sim \(sim): unknown simulator; use --sim verilator or --sim icarus")
        }
        for (flag, v) in [("--idle", idle), ("--stall", stall)] where !(0...99).contains(v) {
            throw CLIError.badInput("\(flag) \(v) is out of range: it must be 0...99 (100 would never let a command or response pass)")
        }
        if let simTimeout, !(simTimeout > 0 && simTimeout <= 1e9) {
            throw CLIError.badInput("--sim-timeout \(simTimeout): give the time limit in seconds, more than 0 (at most 1e9)")
        }
        guard waveFrom >= 0 else { throw CLIError.badInput("--wave-from \(waveFrom) is negative: give a command index, 0 or more") }
        if waveFrom > 0 && (wave == nil || sim != "verilator") {
            throw CLIError.badInput("--wave-from needs --wave FILE and the Verilator simulator (the Icarus bench always traces the whole run)")
        }
        if let wave { try OutputPaths.checkFile("--wave", wave, what: "VCD waveform") }
        let commands: [Command]
        switch (trace, random) {
        case (nil, nil): throw CLIError.badInput("cosim needs a trace file or --random N (e.g. trapline cosim --random 1000 --seed 1)")
        case (_?, _?): throw CLIError.badInput("give either a trace file or --random N, not both")
        case let (path?, nil): commands = try TraceFile.read(path)
        case let (nil, n?):
            guard n >= 0 else { throw CLIError.badInput("--random \(n) is negative: give the number of commands, 0 or more") }
            guard sim == "verilator" || n <= Limits.icarusCommands else {
                throw CLIError.badInput("--random \(n): at most \(Limits.icarusCommands) commands in one Icarus run (the test bench counts them in 32-bit integers); run several seeds, or use --sim verilator")
            }
            commands = []   // made as they are needed: both simulators' runs stream them
        }
        let verilog = try routerVerilog(config: config, rtl: rtl)
        let handshake = Handshake(seed: seed, idlePercent: idle, stallPercent: stall)
        let waveURL = wave.map { URL(fileURLWithPath: $0) }
        if let n = random, sim == "verilator" {
            return try runVerilatorStreamed(n, verilog, config, handshake, waveURL)
        }
        if sim == "icarus" {
            if let n = random {
                let prefix = { (index: Int) in RandomTrace.generate(count: min(index + 1, n), seed: seed, config: config) }
                return try runIcarusStreamed(n, RandomCommands(seed: seed, config: config), prefix, verilog, config, handshake, waveURL)
            }
            return try runIcarusStreamed(commands.count, commands.makeIterator(), { _ in commands }, verilog, config, handshake, waveURL)
        }
        // A trace file under Verilator: the trace is in memory already, the responses are printed at the end.
        let count = commands.count
        ProcessGuard.setActivity { "cosim of \(count) commands under verilator had not finished; nothing was printed" }
        let outcome = try runVerilator(commands, verilog, config, handshake, waveURL)
        var out = OutputBuffer()
        for r in outcome.responses { out.append(TraceWriter.line(for: r)); out.append("\n") }
        do { try out.finish() } catch {
            // A mismatch is still the verdict (exit 1); without one the lost output is the failure (exit 3).
            guard let failure = outcome.failure else { throw error }
            throw CLIError.mismatch(failure + "\n  (\(error))")
        }
        if let failure = outcome.failure { throw CLIError.mismatch(failure) }
    }

    struct CosimOutcome {
        var responses: [Response]
        var failure: String?
    }

    private func runVerilator(_ commands: [Command], _ verilog: String, _ config: RouterConfig,
                              _ handshake: Handshake, _ wave: URL?) throws -> CosimOutcome {
        let router = try verilatorRouter(verilog: verilog, seed: initSeed ?? seed, rtl: rtl, timeLimit: simTimeout)
        do {
            let result = try router.lockstep(commands, handshake: handshake, config: config, wave: wave, waveFrom: waveFrom)
            guard let m = result.mismatch else { return CosimOutcome(responses: result.responses) }
            return CosimOutcome(responses: result.responses,
                                failure: report(commands, m.index, m.expected, m.actual, handshake).description)
        } catch let v as ProtocolViolation {
            return CosimOutcome(responses: [], failure: violation(commands, v.commandIndex, v.message, handshake))
        } catch let e as SimulationEnded {
            return CosimOutcome(responses: [], failure: violation(commands, e.failingIndex, e.description, handshake, headline: true))
        } catch let e as ModelError {
            throw cliError(e, rtl: rtl)
        }
    }

    /// `--random N` under Verilator: the commands are generated and checked as the
    /// model runs (`VerilatorRouter.lockstepRandom`) and each checked response is
    /// printed as it comes, so memory does not grow with N. On a failure, stdout
    /// holds the responses before it (each matched the reference); the failing
    /// prefix is generated again from the seed for the report.
    private func runVerilatorStreamed(_ n: Int, _ verilog: String, _ config: RouterConfig,
                                      _ handshake: Handshake, _ wave: URL?) throws {
        let router = try verilatorRouter(verilog: verilog, seed: initSeed ?? seed, rtl: rtl, timeLimit: simTimeout)
        ProcessGuard.setActivity { "cosim of \(n) random commands under verilator had not finished; the responses printed so far matched the reference" }
        let out = StandardOutputLines()
        var failure: String?
        let prefix = { (index: Int) in RandomTrace.generate(count: min(index + 1, n), seed: seed, config: config) }
        do {
            let result = try router.lockstepRandom(count: n, seed: seed, handshake: handshake, config: config,
                                                   wave: wave, waveFrom: waveFrom, lines: out)
            if let m = result.mismatch {
                failure = report(prefix(m.index), m.index, m.expected, m.actual, handshake).description
            }
        } catch let v as ProtocolViolation {
            failure = violation(prefix(v.commandIndex), v.commandIndex, v.message, handshake)
        } catch let e as SimulationEnded {
            failure = violation(prefix(e.failingIndex), e.failingIndex, e.description, handshake, headline: true)
        } catch let e as ModelError {
            throw cliError(e, rtl: rtl)
        }
        do { try out.finish() } catch {
            guard let failure else { throw error }
            throw CLIError.mismatch(failure + "\n  (\(error))")
        }
        if let failure { throw CLIError.mismatch(failure) }
    }

    /// Icarus, streamed (a trace file or `--random N`): the commands go to `vvp`
    /// as it takes them and each response is compared with the reference and
    /// printed as it comes (`IcarusRouter.runStreamed`), so memory does not
    /// grow with the run. `prefix(i)` gives the commands 0...i (at least) for
    /// a failure report: a random run makes them again from the seed.
    private func runIcarusStreamed<Commands: IteratorProtocol & Sendable>(
        _ count: Int, _ commands: Commands, _ prefix: (Int) -> [Command], _ verilog: String, _ config: RouterConfig,
        _ handshake: Handshake, _ wave: URL?
    ) throws where Commands.Element == Command {
        ProcessGuard.setActivity { "cosim of \(count) commands under icarus had not finished; the responses printed so far matched the reference" }
        var out = OutputBuffer()
        var failure: String?
        var icarus = IcarusRouter(verilog: verilog, sourceName: rtl)
        icarus.timeLimit = simTimeout
        var reference = Router(config: config)
        var mine = commands
        var mismatch: (index: Int, expected: Response, actual: Response)?
        do {
            _ = try icarus.runStreamed(count: count, handshake: handshake, wave: wave, commands: commands) { i, actual in
                let expected = reference.execute(mine.next()!)
                out.write(actual)
                guard actual == expected else { mismatch = (i, expected, actual); return false }
                return true
            }
            if let m = mismatch { failure = report(prefix(m.index), m.index, m.expected, m.actual, handshake).description }
        } catch let e as IcarusRunError {
            failure = violation(prefix(e.lastSeen ?? count - 1), e.lastSeen, e.message, handshake)
        } catch let e as SimulationTimedOut {
            failure = violation(prefix(e.lastSeen ?? count - 1), e.lastSeen, e.description, handshake, headline: true)
        } catch let e as SimulationEnded {
            failure = violation(prefix(e.failingIndex), e.lastSeen, e.description, handshake, headline: true)
        } catch let e as ModelError {
            throw cliError(e, rtl: rtl)   // the wrong ports: bad input, as under Verilator
        }
        do { try out.finish() } catch {
            guard let failure else { throw error }
            throw CLIError.mismatch(failure + "\n  (\(error))")
        }
        if let failure { throw CLIError.mismatch(failure) }
    }

    private func report(_ commands: [Command], _ index: Int, _ expected: Response, _ actual: Response,
                        _ handshake: Handshake) -> Mismatch {
        let prefix = Mismatch.writePrefix(commands, through: index, directory: failureDirectory())
        return Mismatch(index: index, command: commands[index], expected: expected, actual: actual, simulator: sim,
                        stimulusSeed: random == nil ? nil : seed, handshake: handshake, prefixTrace: prefix,
                        replay: replayLine(prefix?.path ?? "PREFIX.jsonl", failingIndex: index))
    }

    /// The report of a run that failed without a response to compare: `message`
    /// after "the router broke the SPEC 9 handshake", or alone as the `headline`.
    private func violation(_ commands: [Command], _ index: Int?, _ message: String, _ handshake: Handshake,
                           headline: Bool = false) -> String {
        var lines = [headline ? message : "the router broke the SPEC 9 handshake under \(sim): \(message)"]
        var seeds = "  handshake: seed \(handshake.seed), idle \(handshake.idlePercent)%, stall \(handshake.stallPercent)%"
        if random != nil { seeds = "  stimulus seed: \(seed);" + seeds.dropFirst(1) }
        lines.append(seeds)
        var tracePath = trace ?? "TRACE.jsonl"
        if let index, !commands.isEmpty, let url = Mismatch.writePrefix(commands, through: min(index, commands.count - 1), directory: failureDirectory()) {
            lines.append("  failing prefix (commands 0...\(min(index, commands.count - 1))): \(url.path)")
            tracePath = url.path
        } else if trace == nil, let url = Mismatch.writePrefix(commands, through: commands.count - 1, directory: failureDirectory(), name: "trace.jsonl") {
            lines.append("  trace: \(url.path)")
            tracePath = url.path
        }
        lines.append("  replay: \(replayLine(tracePath, failingIndex: index))")
        return lines.joined(separator: "\n")
    }

    /// A fresh folder for the failing prefix trace.
    private func failureDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("trapline-cosim-\(UUID().uuidString.prefix(8))")
    }

    /// The command line that replays a failure from a trace file (with the
    /// same handshake, simulator, RTL and parameters), plus a wave file that
    /// (under Verilator) starts 20 commands before the failing one.
    private func replayLine(_ tracePath: String, failingIndex: Int?) -> String {
        var replay = ReplayCommand(trace: tracePath, simulator: sim, handshake: Handshake(seed: seed, idlePercent: idle, stallPercent: stall))
        replay.initSeed = initSeed
        replay.simTimeout = simTimeout.map(IcarusRouter.seconds)
        replay.rtl = rtl
        replay.parameterFlags = parameters.flags()
        replay.wave = "mismatch.vcd"
        if sim == "verilator", let failingIndex, failingIndex > 20 { replay.waveFrom = failingIndex - 20 }
        return replay.line
    }
}

extension ParameterOptions {
    /// The generator-parameter flags that differ from the defaults, for replay lines.
    /// `all`: every parameter, defaults included (for reports).
    func flags(all: Bool = false) -> [String] {
        var f: [String] = []
        if all || vmms != 4 { f += ["--vmms", "\(vmms)"] }
        if all || guests != 8 { f += ["--guests", "\(guests)"] }
        if all || ioRanges != 8 { f += ["--io-ranges", "\(ioRanges)"] }
        if all || platformVMM != 1 { f += ["--platform-vmm", "\(platformVMM)"] }
        if all || staticMap != "5,6" { f += ["--static-map", staticMap.isEmpty ? "''" : staticMap] }
        if noIOBitmaps { f.append("--no-io-bitmaps") }
        return f
    }
}
