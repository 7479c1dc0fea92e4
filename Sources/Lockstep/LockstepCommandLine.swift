import CoSim
import Foundation

/// The command line of a user's lockstep program: the usual flags, progress on
/// stderr, the summary on stdout, JUnit, and the exit codes of every Trapline
/// command (0 equivalent, 1 diverged or the RTL ended the run, 2 bad input, 3 a
/// tool missing or failing).
///
/// ```swift
/// LockstepCommandLine.main(flags: ["--bug"]) { cli in
///     let bench = try LockstepBench(module: try MyBlock.module(bug: cli.has("--bug")))
///     return try cli.execute(bench: bench, reference: try MyReference(ports: bench.ports),
///                            stimulus: RandomStimulus(ports: bench.ports))
/// }
/// ```
public struct LockstepCommandLine: Sendable {
    /// The campaign's options (seed, runs, cycles, output folder, Icarus runs, replay command).
    public var options = LockstepOptions()
    /// `--replay FILE`: run this trace instead of a campaign.
    public var replayFile: URL?
    /// `--sim`: the simulator of a replay ("verilator" or "icarus").
    public var simulator = "verilator"
    /// `--junit FILE`.
    public var junit: String?
    /// The program's own flags that were given.
    public var flags: Set<String> = []

    /// Whether the program's own flag `flag` was given.
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The usage text; `flags` are the program's own.
    public static func usage(program: String, flags: [String]) -> String {
        """
        usage: \(program) [--seed N] [--runs N] [--cycles N] [--out DIR] [--junit FILE] [--icarus-runs N]
               [--shrink-seconds S] [--no-wave] [--one-thread] [--replay TRACE [--sim verilator|icarus]]\(flags.isEmpty ? "" : " [" + flags.joined(separator: "] [") + "]")
          --seed N          campaign seed (default 1): the same seed gives the same runs
          --runs N          runs, each from reset (default 100)
          --cycles N        cycles per run (default 1000)
          --out DIR         where a divergence's trace and waveform go (default lockstep-out)
          --junit FILE      write a JUnit XML report
          --icarus-runs N   also replay the first N runs under Icarus Verilog (default 0)
          --shrink-seconds S  time allowed to shrink a divergence (default 30)
          --no-wave         no VCD of the shrunk trace
          --one-thread      check on the model's thread (default: runs of 4096 cycles or more
                            are checked on a second thread, with the same results)
          --replay TRACE    run a trace file written by an earlier divergence
          --sim SIM         simulator of the replay: verilator (default) or icarus
        exit: 0 equivalent, 1 diverged, 2 bad input, 3 a tool missing or failing
        """
    }

    /// Reads the arguments (without the program name). `program` and the program's
    /// own arguments go into the replay command. A bad argument is `LockstepError.badArgument`.
    public static func parse(_ arguments: [String], flags: [String] = [], program: String) throws(LockstepError) -> LockstepCommandLine {
        var cli = LockstepCommandLine()
        cli.options.outputDirectory = URL(fileURLWithPath: "lockstep-out")
        var i = 0
        func value(_ flag: String) throws(LockstepError) -> String {
            i += 1
            guard i < arguments.count else { throw .badArgument("\(flag) needs a value\n\(usage(program: program, flags: flags))") }
            return arguments[i]
        }
        func int(_ flag: String, _ range: ClosedRange<Int>) throws(LockstepError) -> Int {
            let s = try value(flag)
            guard let v = Int(s), range.contains(v) else { throw .badArgument("\(flag) \(s): give a whole number in \(range.lowerBound)...\(range.upperBound)") }
            return v
        }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--seed":
                let s = try value(a)
                guard let v = UInt64(s) else { throw .badArgument("--seed \(s): give a whole number in 0...\(UInt64.max)") }
                cli.options.seed = v
            case "--runs": cli.options.runs = try int(a, 1...100_000_000)
            case "--cycles": cli.options.cycles = try int(a, 1...10_000_000)
            case "--icarus-runs": cli.options.icarusRuns = try int(a, 0...100_000_000)
            case "--shrink-seconds":
                let s = try value(a)
                guard let v = Double(s), v.isFinite, (0...86_400).contains(v) else { throw .badArgument("--shrink-seconds \(s): give seconds in 0...86400") }
                cli.options.shrinkSeconds = v
            case "--out": cli.options.outputDirectory = URL(fileURLWithPath: try value(a))
            case "--junit": cli.junit = try value(a)
            case "--no-wave": cli.options.wave = false
            case "--one-thread": cli.options.checkerThread = false
            case "--replay": cli.replayFile = URL(fileURLWithPath: try value(a))
            case "--sim":
                let s = try value(a)
                guard s == "verilator" || s == "icarus" else { throw .badArgument("--sim \(s): give verilator or icarus") }
                cli.simulator = s
            case _ where flags.contains(a): cli.flags.insert(a)
            default:
                throw .badArgument("unknown argument '\(a)'\n\(usage(program: program, flags: flags))")
            }
            i += 1
        }
        if cli.simulator == "icarus" && cli.replayFile == nil { throw .badArgument("--sim icarus replays a trace: give --replay TRACE (a campaign runs Icarus with --icarus-runs N)") }
        try cli.options.validate()
        cli.options.replayCommand = [program] + flags.filter { cli.flags.contains($0) }
        return cli
    }

    /// Runs the campaign, or the replay when `--replay` was given. Inlinable, like
    /// `LockstepBench.campaign`: the per-cycle loop is specialised for the caller's types.
    @inlinable
    public func execute<R: CycleReference, S: StimulusSource>(bench: LockstepBench, reference: R, stimulus: S) throws -> LockstepReport {
        try execute(bench: bench, checker: CycleChecker(reference, ports: bench.ports), stimulus: stimulus)
    }

    /// Runs the campaign or the replay with any checker.
    @inlinable
    public func execute<C: LockstepChecker, S: StimulusSource>(bench: LockstepBench, checker: C, stimulus: S) throws -> LockstepReport {
        if let replayFile { return try bench.replay(replayFile, checker: checker, options: options, simulator: simulator) }
        return try bench.campaign(checker: checker, stimulus: stimulus, options: options)
    }

    /// Parses `CommandLine.arguments`, runs `body`, prints the summary, writes the
    /// JUnit file and exits with the verdict's code. `--help` prints the usage.
    public static func main(flags: [String] = [], _ body: (LockstepCommandLine) throws -> LockstepReport) -> Never {
        let program = CommandLine.arguments.first ?? "lockstep"
        let args = Array(CommandLine.arguments.dropFirst())
        if args.contains("--help") || args.contains("-h") {
            print(usage(program: program, flags: flags)); exit(0)
        }
        exit(run(args, flags: flags, program: program, body))
    }

    /// `main` without exiting: the exit code (for tests and for programs that go on).
    public static func run(_ arguments: [String], flags: [String] = [], program: String,
                           _ body: (LockstepCommandLine) throws -> LockstepReport) -> Int32 {
        let stderr = FileHandle.standardError
        func say(_ s: String) { stderr.write(Data((s + "\n").utf8)) }
        do {
            var cli = try parse(arguments, flags: flags, program: program)
            cli.options.progress = { line in FileHandle.standardError.write(Data(("lockstep: " + line + "\n").utf8)) }
            if let junit = cli.junit { try checkWritable(junit, flag: "--junit") }
            let report = try body(cli)
            print(report.summary)
            if let junit = cli.junit {
                do { try report.junit.xml.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                    say("error: cannot write the JUnit report \(junit): \((error as NSError).localizedDescription)")
                    return report.equivalent ? 2 : 1
                }
            }
            return report.equivalent ? 0 : 1
        } catch {
            say("error: \(error)")
            return exitCode(for: error)
        }
    }

    /// 3 for a missing or failing tool, 2 for everything the input is to blame for.
    public static func exitCode(for error: any Error) -> Int32 {
        if error is ToolError { return 3 }
        if let m = error as? ModelError, case .load = m { return 3 }
        return 2
    }

    /// Fails before any work when `path`'s folder does not exist or `path` is a folder.
    static func checkWritable(_ path: String, flag: String) throws(LockstepError) {
        var isDir: ObjCBool = false
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
            throw .badArgument("\(flag) \(path): the folder \(parent) does not exist; create it first")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .badArgument("\(flag) \(path) is a folder; give a file name")
        }
    }
}
