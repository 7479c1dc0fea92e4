import ArgumentParser
import CoSim
import Foundation
import RouterModel
import RouterSim
import Stimulus

/// `trapline bench [--json]` (SPEC 12): the performance figures, all measured
/// in one run on the given (default) parameters.
///
/// - `model_build_s_cold`: a loaded router model from an empty temporary
///   cache (Verilator, the runtime objects, the model, the shim, dlopen).
/// - `model_build_s_cached`: the same from the warm cache, measured in a
///   fresh child process from the start of the command (memoised toolchain
///   identity, key hash, dlopen, instance).
/// - `cosim_cycles_per_s`: the Swift lockstep test bench (random stimulus,
///   handshake seed 1 with 20% idle / 20% stall, every response checked
///   against the reference as it arrives).
/// - `cpp_cycles_per_s`: `sim/bench_harness.cpp` linked against the same
///   Verilated objects, same commands and handshake pattern, checksums only;
///   its cycle count and checksum are checked against the Swift run.
/// - `cpp_full_rate_cycles_per_s`: the same harness at full rate (a command offered every
///   cycle, `rsp_ready` always high): the model's own speed, the figure to compare RTLs by.
/// - `rtl_lines`: lines of the Verilog under benchmark.
/// - with `--baseline FILE.v` (`make bench` passes the hand-written router of
///   sim/handwritten/ at the defaults): `baseline_cpp_full_rate_cycles_per_s`,
///   `baseline_rtl_lines` and `vs_baseline` (generated / baseline full-rate speed), measured
///   in the same interleaved rounds; the baseline's responses must checksum the same.
/// - `cosim_stream_commands_per_s`: `trapline cosim --random N --seed 1`
///   (`--stream-commands`, default 10^7) in a child process, every response
///   written to a file as a JSON line (the user's streaming path, process
///   start, RTL generation and model load included), against
///   `cpp_commands_per_s`, the C++ harness on the first `--commands` of the
///   same commands with the same handshake: `cosim_stream_vs_cpp`.
/// - `ratio`, `reference_commands_per_s`, and the DSL figures.
/// Each throughput is the best of `--rounds` interleaved rounds (the machine is shared).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure co-simulation, C++ harness, reference router, model build and DSL performance.")
    @OptionGroup var parameters: ParameterOptions
    @Flag(help: "Print one JSON object (SPEC 12 keys) instead of a table.")
    var json = false
    @Option(help: "Benchmark this Verilog file (SPEC 9 interface) instead of the generated router.")
    var rtl: String?
    @Option(help: "Also measure this Verilog file (SPEC 9 interface, e.g. a hand-written router) at full rate, side by side.")
    var baseline: String?
    @Option(help: "Random commands per throughput run.")
    var commands: Int = 1_000_000
    @Option(name: .customLong("stream-commands"), help: "Random commands of each `trapline cosim --random` streaming run (its process start and RTL generation are amortised over them).")
    var streamCommands: Int = 10_000_000
    @Option(help: "Interleaved measurement rounds (the best of each side is reported).")
    var rounds: Int = 5
    @Flag(help: "Leave out the generic lockstep figures (lockstep_fifo_*: the DSL FIFO against its Swift reference and the plain C++ harness).")
    var noGeneric = false
    @Flag(help: "Measure only the generic lockstep figures (lockstep_fifo_*), not the router.")
    var genericOnly = false
    @Option(help: .hidden)
    var internalCachedLoad: String?

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let config = try parameters.config()
        guard commands > 0 else { throw CLIError.badInput("--commands \(commands): give a positive number of commands") }
        guard rounds > 0 else { throw CLIError.badInput("--rounds \(rounds): give a positive number of rounds") }
        guard streamCommands > 0 else { throw CLIError.badInput("--stream-commands \(streamCommands): give a positive number of commands") }
        func note(_ s: String) { if !json { FileHandle.standardError.write(Data("bench: \(s)\n".utf8)) } }
        guard !(genericOnly && noGeneric) else { throw CLIError.badInput("--generic-only and --no-generic: give one of them") }
        if genericOnly {
            try printFigures(try GenericLockstepBench.figures(cycles: min(commands * 2, 4_000_000), rounds: rounds, note: note))
            return
        }
        let verilog = try routerVerilog(config: config, rtl: rtl)
        if let dir = internalCachedLoad {
            // Child process of the cached-load measurement.
            let router = try VerilatorRouter(verilog: verilog, cache: ModelCache(directory: URL(fileURLWithPath: dir), log: { _ in }))
            _ = try router.run([], handshake: .fullSpeed(), wave: nil)
            try StandardOutput.print(String(format: "%.6f", seconds(since: start)))
            return
        }
        let harnessSource = try Self.harnessSource()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("trapline-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let quiet = ModelCache(directory: work.appendingPathComponent("cache"), log: { _ in })

        note("building the model in an empty cache...")
        var t = DispatchTime.now().uptimeNanoseconds
        let router = try VerilatorRouter(verilog: verilog, cache: quiet)
        _ = try router.run([], handshake: .fullSpeed(), wave: nil)
        let cold = seconds(since: t)

        note("loading it from the warm cache in a child process...")
        let rtlFile = work.appendingPathComponent("router.v")
        try verilog.write(to: rtlFile, atomically: true, encoding: .utf8)
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let child = try ProcessRunner.run(me, ["bench", "--rtl", rtlFile.path, "--internal-cached-load", quiet.directory.path] + parameters.flags())
        guard child.status == 0, let cached = Double(child.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CLIError.tool("the cached-load measurement failed: \(child.output)")
        }

        note("generating \(commands) random commands...")
        let stimulus = RandomTrace.generate(count: commands, seed: 1, config: config)
        let handshake = Handshake(seed: 1, idlePercent: 20, stallPercent: 20)

        note("building the C++ harness against the same Verilated objects...")
        let bin = work.appendingPathComponent("commands.bin")
        try Self.writeCommands(stimulus, to: bin)
        let harness = try quiet.buildExecutable(sources: [harnessSource], against: router.entry,
                                                output: work.appendingPathComponent("bench_harness"))
        let expectedChecksum = Self.referenceChecksum(stimulus, config)
        var baselineHarness: URL?
        var baselineLines = 0
        if let path = baseline {
            note("building the baseline \(path) and its C++ harness...")
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw CLIError.badInput("--baseline \(path): cannot read it (\(error.localizedDescription))")
            }
            baselineLines = Self.lineCount(text)
            let other = try VerilatorRouter(verilog: text, cache: quiet)
            baselineHarness = try quiet.buildExecutable(sources: [harnessSource], against: other.entry,
                                                        output: work.appendingPathComponent("baseline_harness"))
        }

        // Interleaved rounds, best of each: a burst of load from elsewhere on a
        // shared machine then hits both sides instead of one.
        note("\(rounds) interleaved rounds of Swift lockstep (pipelined and serial reference), `trapline cosim --random` to a file, and the C++ harness...")
        var swiftBest = Double.infinity, serialBest = Double.infinity, cppBest = Double.infinity
        var fullBest = Double.infinity, baselineBest = Double.infinity, streamBest = Double.infinity
        var cycles: UInt64 = 0, fullCycles: UInt64 = 0
        for _ in 0..<rounds {
            t = DispatchTime.now().uptimeNanoseconds
            let r = try router.lockstep(stimulus, handshake: handshake, config: config, keepResponses: false)
            swiftBest = min(swiftBest, seconds(since: t))
            if let m = r.mismatch {
                throw CLIError.mismatch("the router under benchmark differs from the reference at command \(m.index): expected \(m.expected), got \(m.actual); run `trapline cosim --random \(commands) --seed 1` to investigate")
            }
            cycles = r.cycles

            let h = try Self.runHarness(harness, bin, idle: 20, stall: 20)
            guard h.cycles == cycles, h.checksum == expectedChecksum else {
                throw CLIError.tool("the C++ harness ran a different pattern than the Swift bench (cycles \(h.cycles) vs \(cycles), checksum \(h.checksum) vs \(expectedChecksum)); sim/bench_harness.cpp and VerilatorRouter.drive disagree")
            }
            cppBest = min(cppBest, h.seconds)
            let full = try Self.runHarness(harness, bin, idle: 0, stall: 0)
            guard full.checksum == expectedChecksum else {
                throw CLIError.tool("the C++ harness at full rate checksummed \(full.checksum), the reference \(expectedChecksum)")
            }
            fullBest = min(fullBest, full.seconds)
            fullCycles = full.cycles
            if let baselineHarness {
                let b = try Self.runHarness(baselineHarness, bin, idle: 0, stall: 0)
                guard b.checksum == expectedChecksum else {
                    throw CLIError.mismatch("the baseline \(baseline ?? "") answers differently from the reference (checksum \(b.checksum), expected \(expectedChecksum)); check it with `trapline equiv --rtl \(baseline ?? "")`")
                }
                baselineBest = min(baselineBest, b.seconds * Double(fullCycles) / Double(b.cycles))
            }

            let streamed = try Self.runStreamedCosim(me, commands: streamCommands, rtl: rtlFile, flags: parameters.flags(),
                                                      cache: quiet.directory, output: work.appendingPathComponent("responses.jsonl"))
            streamBest = min(streamBest, streamed)

            t = DispatchTime.now().uptimeNanoseconds
            let serial = try router.lockstep(stimulus, handshake: handshake, config: config, keepResponses: false, pipelined: false)
            serialBest = min(serialBest, seconds(since: t))
            guard serial.mismatch == nil, serial.cycles == cycles else { throw CLIError.tool("the serial lockstep run differs from the pipelined one") }
        }

        note("reference router alone...")
        let reference = measureReferenceCommandsPerSecond(config: config)

        let cosimRate = Double(cycles) / swiftBest, cppRate = Double(cycles) / cppBest
        let fullRate = Double(fullCycles) / fullBest
        var figures: [(String, String)] = [
            ("cosim_cycles_per_s", format(cosimRate)),
            ("cpp_cycles_per_s", format(cppRate)),
            ("cpp_full_rate_cycles_per_s", format(fullRate)),
            ("rtl_lines", "\(Self.lineCount(verilog))"),
            ("ratio", String(format: "%.3f", cosimRate / cppRate)),
            ("cosim_stream_commands_per_s", format(Double(streamCommands) / streamBest)),
            ("cpp_commands_per_s", format(Double(commands) / cppBest)),
            ("cosim_stream_vs_cpp", String(format: "%.3f", (Double(streamCommands) / streamBest) / (Double(commands) / cppBest))),
            ("reference_commands_per_s", format(reference)),
            ("model_build_s_cold", String(format: "%.3f", cold)),
            ("model_build_s_cached", String(format: "%.3f", cached)),
        ]
        note("DSL elaboration and emission...")
        let dsl = measureDSLBenchmark()
        figures += [("dsl_nodes", "\(dsl.nodes)"), ("dsl_elaborate_s", String(format: "%.3f", dsl.elaborateSeconds)),
                    ("dsl_emit_s", String(format: "%.3f", dsl.emitSeconds))]
        if !noGeneric {
            figures += try GenericLockstepBench.figures(cycles: min(commands * 2, 4_000_000), rounds: rounds, note: note)
        }
        if baselineHarness != nil {
            let baselineRate = Double(fullCycles) / baselineBest
            figures += [("baseline_cpp_full_rate_cycles_per_s", format(baselineRate)), ("baseline_rtl_lines", "\(baselineLines)"),
                        ("vs_baseline", String(format: "%.3f", fullRate / baselineRate))]
        }
        figures += [("cosim_serial_cycles_per_s", format(Double(cycles) / serialBest)),
                    ("commands", "\(commands)"), ("cycles", "\(cycles)")]
        try printFigures(figures)
    }

    /// The figures as one JSON object (`--json`) or an aligned table.
    func printFigures(_ figures: [(String, String)]) throws {
        if json {
            try StandardOutput.print("{" + figures.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
        } else {
            let width = figures.map(\.0.count).max() ?? 0
            try StandardOutput.print(figures.map { k, v in k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v }.joined(separator: "\n"))
        }
    }

    /// The user's streaming path, timed whole in a child process: `trapline
    /// cosim --random N --seed 1` (20 % idle, 20 % stall: the C++ harness's
    /// pattern) with every response written as a JSON line to `output`, the
    /// model loaded from `cache`. Checks exit 0 and one line per command.
    static func runStreamedCosim(_ me: String, commands: Int, rtl: URL, flags: [String], cache: URL,
                                 output: URL) throws -> Double {
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              let sink = FileHandle(forWritingAtPath: output.path) else {
            throw CLIError.tool("cannot create \(output.path) for the streamed cosim's responses")
        }
        defer { try? sink.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: me)
        p.arguments = ["cosim", "--random", "\(commands)", "--seed", "1", "--idle", "20", "--stall", "20",
                       "--rtl", rtl.path] + flags
        p.environment = ProcessInfo.processInfo.environment.merging(["TRAPLINE_CACHE_DIR": cache.path]) { $1 }
        p.standardOutput = sink
        p.standardError = FileHandle.nullDevice
        let t = DispatchTime.now().uptimeNanoseconds
        try p.run()
        p.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        let lines = (try? Data(contentsOf: output))?.reduce(0) { $1 == 10 ? $0 + 1 : $0 } ?? -1
        guard p.terminationStatus == 0, lines == commands else {
            throw CLIError.tool("the streamed cosim (`trapline \((p.arguments ?? []).joined(separator: " "))`) exited \(p.terminationStatus) with \(lines) response lines for \(commands) commands")
        }
        return seconds
    }

    /// Runs the C++ harness once; its `seconds`, `cycles` and `checksum`.
    static func runHarness(_ harness: URL, _ commands: URL, idle: Int, stall: Int) throws -> (seconds: Double, cycles: UInt64, checksum: String) {
        let h = try ProcessRunner.run(harness.path, [commands.path, "1", "\(idle)", "\(stall)"])
        let fields = Dictionary(uniqueKeysWithValues: h.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { kv -> (String, String)? in
            let p = kv.split(separator: "=", maxSplits: 1); return p.count == 2 ? (String(p[0]), String(p[1])) : nil })
        guard h.status == 0, let s = fields["seconds"].flatMap(Double.init), let c = fields["cycles"].flatMap(UInt64.init),
              let sum = fields["checksum"] else {
            throw CLIError.tool("the C++ bench harness failed: \(h.output)")
        }
        return (s, c, sum)
    }

    /// Lines of a Verilog text (a final newline does not start another line).
    static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } + (text.hasSuffix("\n") || text.isEmpty ? 0 : 1)
    }

    private func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }
    private func format(_ v: Double) -> String { String(format: "%.0f", v) }

    /// sim/bench_harness.cpp of this source tree (or of the current directory).
    static func harnessSource() throws -> URL {
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sim/bench_harness.cpp")
        let fromCwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sim/bench_harness.cpp")
        for url in [fromSource, fromCwd] where FileManager.default.fileExists(atPath: url.path) { return url }
        throw CLIError.tool("sim/bench_harness.cpp was not found (looked in \(fromSource.path) and \(fromCwd.path)); run trapline bench from the repository root")
    }

    /// The harness's command file: "TLCMDS01", count, 11 little-endian UInt64 per command.
    static func writeCommands(_ commands: [Command], to url: URL) throws {
        var words: [UInt64] = [UInt64(commands.count)]
        words.reserveCapacity(2 + 11 * commands.count)
        for c in commands {
            words += [UInt64(c.op), UInt64(c.reason), UInt64(c.vector), UInt64(c.intType), c.errValid ? 1 : 0,
                      UInt64(c.errCode), c.qual, UInt64(c.vmcs), UInt64(c.field), c.data, UInt64(c.guest)]
        }
        var data = Data("TLCMDS01".utf8)
        words.withUnsafeBytes { data.append(contentsOf: $0) }   // little-endian hosts (x86-64, arm64)
        try data.write(to: url)
    }

    /// The harness's checksum over the reference responses (equal to the RTL's when lockstep passed).
    static func referenceChecksum(_ commands: [Command], _ config: RouterConfig) -> String {
        var router = Router(config: config)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x1_0000_0001_B3 }
        for c in commands {
            let r = router.execute(c)
            mix(UInt64(r.kind)); mix(UInt64(r.target)); mix(r.isSelf ? 1 : 0); mix(r.fallback ? 1 : 0)
            mix(UInt64(r.policy)); mix(UInt64(r.from)); mix(UInt64(r.reason)); mix(r.qual)
            mix(UInt64(r.info)); mix(UInt64(r.errCode)); mix(r.entry); mix(r.data)
            mix(UInt64(r.current)); mix(UInt64(r.error))
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
