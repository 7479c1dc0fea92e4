import CoSim
import Foundation
import RouterModel

/// Runs a router RTL under Icarus Verilog through a generated test bench
/// (`IcarusTestBench`): the commands go to a `$readmemh` file, the bench
/// drives them through the SPEC 9 handshake with seeded gaps and backpressure,
/// writes every response, and Swift parses them back.
///
/// Files in the work directory: `router.v` (the RTL as given), `trapline_tb.v`,
/// `commands.hex`, `responses.txt`, `sim.vvp`. A temporary work directory is
/// removed after a successful run and kept (its path in the error) after a
/// failed one; a given `workDirectory` is always kept. Replay by hand with
/// `cd DIR && iverilog -g2005 -o sim.vvp -s trapline_tb trapline_tb.v router.v && vvp -n sim.vvp`.
///
/// An RTL whose `$finish` or `$stop` ends `vvp` before the bench's own end
/// (the responses file lacks the bench's closing line) is a `SimulationEnded`
/// (the temporary work directory is removed: the caller's replay line is the
/// way back).
///
/// Limits: `vvp` runs at most `timeLimit` seconds (default
/// `defaultTimeLimit(commands:handshake:)`); past it, it is killed with its
/// process group and the run throws `IcarusRunError` "timed out after S s":
/// an RTL whose combinational loop never settles keeps `vvp` in one time step
/// for ever, where the bench's cycle limit cannot see it.
///
/// Output: what the RTL prints (`$display`, `$write`, `$monitor`) goes to
/// `vvp`'s stdout, a pipe; it is handed to `rtlOutput` (default: Trapline's
/// stderr), never to Trapline's stdout.
public struct IcarusRouter: RouterSimulator {
    /// `icarus`, the simulator's name in reports and replay lines.
    public let name = "icarus"
    /// The text of the Verilog file under test (top module `trapline_router`).
    public var verilog: String
    /// Where the bench and its files go; nil: a fresh temporary directory per run.
    public var workDirectory: URL?
    /// How messages name the RTL file (`SimulationEnded.source`), e.g. the `--rtl` path.
    public var sourceName: String?
    /// Wall-clock seconds one `vvp` run may take; nil: `defaultTimeLimit`.
    public var timeLimit: Double?
    /// Keep a temporary work directory after a failed run (its path in the
    /// error, for replay by hand). A campaign sets false: its replay is the
    /// shrunk trace in the output folder, and every failing run of a shrink
    /// would otherwise leave a folder behind.
    public var keepFailedRuns = true
    /// Receives the text the RTL printed during a run (once per run, when not empty).
    public var rtlOutput: @Sendable (String) -> Void = IcarusRouter.printToStandardError

    /// `verilog`: the text of a Verilog file with the SPEC section 9 top module
    /// `trapline_router`. `workDirectory`: where to keep the test bench and
    /// outputs (a fresh temporary directory when nil).
    public init(verilog: String, workDirectory: URL? = nil, sourceName: String? = nil) {
        self.verilog = verilog; self.workDirectory = workDirectory; self.sourceName = sourceName
    }

    /// A generous wall-clock limit for one run: 60 s plus 100 µs per cycle the
    /// bench allows before it reports a hang (`IcarusTestBench.cycleLimit`);
    /// Icarus simulates the router at roughly 100-200 k cycles per second here,
    /// so a run that reaches the limit is 10-20 times slower than it could be
    /// (measured: 20 000 commands at 20/20 % gaps in 2.6 s, at 90/90 % in 9 s,
    /// against limits of 92 s and 860 s).
    public static func defaultTimeLimit(commands: Int, handshake: Handshake) -> Double {
        60 + Double(IcarusTestBench.cycleLimit(commands: commands, handshake: handshake)) / 10_000
    }

    /// The default `rtlOutput`: the text on stderr, each line marked as the RTL's.
    public static let printToStandardError: @Sendable (String) -> Void = { text in
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let marked = lines.map { "rtl (icarus): \($0)\n" }.joined()
        FileHandle.standardError.write(Data(marked.utf8))
    }

    /// Runs `commands` from reset through the bench with `handshake`'s gaps and backpressure, writing a VCD to `wave` when given. Throws `IcarusRunError`, `SimulationEnded`, `SimulationTimedOut` or a `ToolError` of iverilog/vvp.
    public func run(_ commands: [Command], handshake: Handshake, wave: URL?) throws -> SimRun {
        try run(commands, handshake: handshake, wave: wave, resetAfter: nil)
    }

    /// `run` with a mid-run reset: after the first `resetAfter` responses (0 <
    /// `resetAfter` < commands.count) the bench pulses `rst` for two cycles, then
    /// goes on with command `resetAfter` (see `IcarusTestBench.text`). The responses
    /// from then on are those of a router fresh out of reset.
    public func run(_ commands: [Command], handshake: Handshake, wave: URL?, resetAfter: Int?) throws -> SimRun {
        if let k = resetAfter, !(1..<commands.count).contains(k) {
            throw IcarusRunError("resetAfter \(k): must be in 1..<\(commands.count) (the number of commands), so that the reset falls between two commands")
        }
        guard (0...99).contains(handshake.idlePercent), (0...99).contains(handshake.stallPercent) else {
            throw IcarusRunError("handshake idle \(handshake.idlePercent)% / stall \(handshake.stallPercent)%: each must be 0...99, otherwise no command or response can ever pass")
        }
        return try inWorkDirectory { dir in try runIn(dir, commands, handshake, wave, resetAfter) }
    }

    /// Runs `body` in the work directory (a fresh temporary one when
    /// `workDirectory` is nil, removed afterwards and on a signal) and turns
    /// its failures into the reports described on the type: a
    /// `SimulationEnded` names the RTL's `$finish`/`$stop` lines and the
    /// source; an `IcarusRunError` says where the files are kept for replay.
    func inWorkDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let fm = FileManager.default
        let dir: URL
        let temporary = workDirectory == nil
        if let workDirectory {
            dir = workDirectory
        } else {
            dir = fm.temporaryDirectory.appendingPathComponent("trapline-icarus-\(UUID().uuidString.prefix(8))")
        }
        if temporary { ProcessGuard.registerTemporary(dir) }   // removed if Trapline is interrupted
        defer { if temporary { ProcessGuard.release(dir) } }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        do {
            let result = try body(dir)
            if temporary { try? fm.removeItem(at: dir) }
            return result
        } catch var ended as SimulationEnded {
            if temporary { try? fm.removeItem(at: dir) }
            if ended.lines.isEmpty && ended.cause != "$fatal" { ended.lines = Self.endCalls(in: verilog) }
            ended.source = sourceName
            throw ended
        } catch let error as SimulationTimedOut {
            if temporary { try? fm.removeItem(at: dir) }   // the replay line re-runs it; a hung run's files show nothing more
            throw error
        } catch let error as IcarusRunError {
            if temporary && !keepFailedRuns {
                try? fm.removeItem(at: dir)
                throw error
            }
            throw IcarusRunError(error.message + "\nThe run's files are kept in \(dir.path); replay by hand with: cd \(dir.path) && iverilog -g2005 -o sim.vvp -s trapline_tb trapline_tb.v router.v && vvp -n sim.vvp")
        } catch {
            if temporary { try? fm.removeItem(at: dir) }   // a tool failure: its message has the command and output
            throw error
        }
    }

    private func runIn(_ dir: URL, _ commands: [Command], _ handshake: Handshake, _ wave: URL?, _ resetAfter: Int?) throws -> SimRun {
        var hex: [UInt8] = []
        hex.reserveCapacity(61 * max(1, commands.count))
        for c in commands { IcarusTestBench.append(c, to: &hex) }
        if commands.isEmpty { IcarusTestBench.append(Command(op: 0), to: &hex) }
        try Data(hex).write(to: dir.appendingPathComponent(IcarusTestBench.commandsFile))
        try verilog.write(to: dir.appendingPathComponent(IcarusTestBench.routerFile), atomically: true, encoding: .utf8)
        let bench = IcarusTestBench.text(commands: commands.count, handshake: handshake, wave: wave?.path, resetAfter: resetAfter)
        try bench.write(to: dir.appendingPathComponent(IcarusTestBench.benchFile), atomically: true, encoding: .utf8)
        let responsesURL = dir.appendingPathComponent(IcarusTestBench.responsesFile)
        try? FileManager.default.removeItem(at: responsesURL)

        try compile(in: dir)
        let vvp = try Toolchain.locate(.vvp)
        let limit = timeLimit ?? Self.defaultTimeLimit(commands: commands.count, handshake: handshake)
        let sim = try ProcessRunner.run(vvp, ["-n", "sim.vvp"], cwd: dir, timeout: limit)
        let printed = Self.rtlText(sim.stdout)
        if !printed.isEmpty { rtlOutput(printed) }
        let text = try? Data(contentsOf: responsesURL)
        if sim.timedOut {
            let got = text.map { IcarusRouter.count($0) } ?? 0
            throw SimulationTimedOut(simulator: name, seconds: limit, responses: got, commands: commands.count)
        }
        if sim.status != 0 {
            throw failure(of: sim, vvp: vvp, responses: text.map { IcarusRouter.count($0) } ?? 0, commands: commands.count)
        }
        // No file at all: an initial $finish of the RTL ran before the bench's $fopen.
        let run = try IcarusRouter.parse(text ?? Data(), expected: commands.count)
        // An empty trace still compiles and starts the router; like the Verilator driver it takes no cycles.
        return commands.isEmpty ? SimRun(responses: [], cycles: 0) : run
    }

    /// Why `vvp` exited non-zero: the RTL's `$fatal` (vvp prints "FATAL:
    /// router.v:L: message" and exits 1) is a `SimulationEnded`; anything else
    /// is a `ToolError` with vvp's output.
    func failure(of sim: ProcessResult, vvp: String, responses: Int, commands: Int) -> Error {
        guard let fatal = sim.stdout.split(separator: "\n").first(where: { $0.hasPrefix("FATAL: ") }) else {
            return ToolError.failed(tool: .vvp, command: "\(vvp) -n sim.vvp", output: sim.output)
        }
        let place = fatal.dropFirst("FATAL: ".count).split(separator: ":", maxSplits: 2)
        let line = place.count >= 2 && place[0] == Substring(IcarusTestBench.routerFile) ? Int(place[1]) : nil
        return SimulationEnded(simulator: name, cause: "$fatal", lines: line.map { [$0] } ?? [], cycle: nil,
                               responses: responses, commands: commands, lastSeen: nil, source: nil)
    }

    /// "2.5" for 2.5, "3" for 3.0.
    public static func seconds(_ s: Double) -> String {
        s == s.rounded() && s < 1e15 ? String(Int(s)) : String(format: "%.1f", s)
    }

    /// What the RTL printed, from vvp's stdout: without the lines vvp itself
    /// writes for the bench's `$finish` ("trapline_tb.v:L: $finish called at ...")
    /// and the `FATAL:` line the caller parses.
    static func rtlText(_ stdout: String) -> String {
        guard !stdout.isEmpty else { return "" }
        var kept: [Substring] = []
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\(benchFileName):") && line.contains("$finish called at") { continue }
            kept.append(line)
        }
        let text = kept.joined(separator: "\n")
        return text.allSatisfy(\.isNewline) ? "" : text
    }
    private static let benchFileName = IcarusTestBench.benchFile

    static let fieldNames = ["kind", "target", "self", "fallback", "policy", "from", "reason", "qual", "info",
                             "err_code", "entry", "data", "current", "error"]

    /// Parses the bench's responses file (bytes, no String per line); throws on
    /// a hang, a short or long run, or undefined (x/z) response bits.
    static func parse(_ data: Data, expected: Int) throws -> SimRun {
        var responses: [Response] = []
        responses.reserveCapacity(expected)
        let bytes = [UInt8](data)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            defer { start = end + 1 }
            lineNumber += 1
            if end == start { continue }
            switch try IcarusBenchLine.parse(bytes[start..<end], lineNumber: lineNumber, index: responses.count) {
            case .response(let r): responses.append(r)
            case .done(let cycles):
                guard responses.count == expected else {
                    throw IcarusRunError("the Icarus run ended with \(responses.count) responses for \(expected) commands")
                }
                return SimRun(responses: responses, cycles: cycles)
            case let .timeout(cycles, accepted, given):
                throw IcarusBenchLine.hang(cycles: cycles, accepted: accepted, responses: given, expected: expected, got: responses.count)
            case .endOfCommands:
                throw IcarusRunError("\(IcarusTestBench.responsesFile) line \(lineNumber): the bench ran out of commands (a streamed run's line in a file run)")
            }
        }
        // Neither DONE nor TIMEOUT: something other than the bench called $finish
        // (or $stop, which `vvp -n` treats alike) first: the RTL.
        throw SimulationEnded(simulator: "icarus", cause: "$finish or $stop", lines: [], cycle: nil,
                              responses: responses.count, commands: expected, lastSeen: nil, source: nil)
    }

    /// The number of response lines in a responses file.
    static func count(_ data: Data) -> Int {
        data.split(separator: 10).filter { !$0.isEmpty && !"DTE".utf8.contains($0.first!) }.count
    }

    /// The lines of `verilog` that call `$finish` or `$stop` (comments skipped).
    static func endCalls(in verilog: String) -> [Int] {
        var lines: [Int] = []
        var inBlockComment = false
        for (i, raw) in verilog.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var code = Substring(raw)
            var kept = ""
            while !code.isEmpty {
                if inBlockComment {
                    guard let close = code.range(of: "*/") else { code = ""; break }
                    code = code[close.upperBound...]; inBlockComment = false
                } else if let open = code.range(of: "/*"), code.range(of: "//").map({ open.lowerBound < $0.lowerBound }) ?? true {
                    kept += code[..<open.lowerBound]; code = code[open.upperBound...]; inBlockComment = true
                } else {
                    kept += code.range(of: "//").map { code[..<$0.lowerBound] } ?? code; code = ""
                }
            }
            for call in ["$finish", "$stop"] {
                var rest = Substring(kept)
                while let r = rest.range(of: call) {
                    rest = rest[r.upperBound...]
                    if !(rest.first.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" } ?? false) {
                        lines.append(i + 1)
                        break
                    }
                }
            }
        }
        return Array(Set(lines)).sorted()
    }
}

/// A failed Icarus replay that is not a tool problem: the router hung, gave
/// the wrong number of responses or undefined bits. The message says which
/// and where the files are kept.
public struct IcarusRunError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, and where the run's files are kept.
    public var message: String
    /// The last command the bench can have read (a streamed run); nil: any of them.
    public var lastSeen: Int?
    /// An error with the message `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A simulator run that reached its wall-clock limit and was killed: the RTL
/// did not settle (a combinational loop keeps `vvp` in one time step for
/// ever) or runs far slower than it should. A hardware verdict (cosim and
/// equiv exit 1), never a pass: the commands after `responses` were not checked.
public struct SimulationTimedOut: Error, CustomStringConvertible, Sendable {
    /// `verilator` or `icarus`.
    public var simulator: String
    /// The limit that was reached, in wall-clock seconds.
    public var seconds: Double
    /// Responses written before the limit (the bench's file may lag by a buffer).
    public var responses: Int
    /// Commands in the run.
    public var commands: Int
    /// The last command the simulator can have read (a streamed run); nil: any of them.
    public var lastSeen: Int?
    /// A timeout of `simulator` after `seconds` with `responses` of `commands` responses written.
    public init(simulator: String, seconds: Double, responses: Int, commands: Int) {
        self.simulator = simulator; self.seconds = seconds; self.responses = responses; self.commands = commands
    }
    /// One sentence: the limit, how far the run got, what it means and the flag that sets the limit.
    public var description: String {
        "the \(simulator) simulation timed out after \(IcarusRouter.seconds(seconds)) s (the limit for \(commands) commands; set it with --sim-timeout) with \(responses) of \(commands) responses written: the RTL did not settle (a combinational loop that never settles keeps \(simulator == "icarus" ? "vvp" : "the model") in one time step) or is far slower than it should be; no verdict on the remaining \(commands - responses) commands"
    }
}

/// A simulator path that cannot run (not built yet or not supported).
public struct SimulatorUnavailable: Error, CustomStringConvertible {
    /// Why the simulator cannot run.
    public var message: String
    /// An error with the message `message`.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
