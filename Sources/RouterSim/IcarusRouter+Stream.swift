import CoSim
import Foundation
import RouterModel

/// The outcome of `IcarusRouter.runStreamed`.
public struct StreamedRun: Sendable {
    /// Responses handed to the checker (the last one included when it stopped the run).
    public var compared: Int
    /// Cycles after reset (0 when the checker stopped the run).
    public var cycles: UInt64
    /// The checker returned false (a mismatch): `vvp` was stopped there.
    public var stoppedByChecker: Bool
}

/// A flag and a result shared by the threads of one streamed run.
final class StreamState: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var exited = false
    private var offered = 0
    var result: Result<ProcessResult, Error>?
    /// Commands put into the pipe (or being put): `vvp` cannot have read any later one.
    var written: Int { get { lock.lock(); defer { lock.unlock() }; return offered } set { lock.lock(); offered = newValue; lock.unlock() } }
    var stop: Bool { get { lock.lock(); defer { lock.unlock() }; return stopped } set { lock.lock(); stopped = newValue; lock.unlock() } }
    var vvpExited: Bool { get { lock.lock(); defer { lock.unlock() }; return exited } set { lock.lock(); exited = newValue; lock.unlock() } }
}

extension IcarusRouter {
    /// Runs `count` commands from reset through the bench with `handshake`,
    /// streamed: the commands go to `vvp` through a named pipe as it takes
    /// them (written by a second thread from `commands`, its own copy of the
    /// stream), and each response is handed to `check` on the calling thread
    /// as `vvp` writes it, so memory stays the same whatever `count` is (a
    /// 10^7-command run, like a 10^3 one, holds about a pipe's worth of each).
    ///
    /// `check(i, response)` gets the responses in order; returning false (a
    /// mismatch) stops `vvp` at once, and the result says so. The failures are
    /// those of `run`: `SimulationEnded` (the RTL's `$finish`, `$stop` or
    /// `$fatal`, with the responses checked before it), `SimulationTimedOut`,
    /// `IcarusRunError` (a hang, too few responses, x/z bits), `ToolError`.
    public func runStreamed<Commands: IteratorProtocol & Sendable>(
        count: Int, handshake: Handshake, wave: URL?, commands: Commands,
        check: (Int, Response) -> Bool
    ) throws -> StreamedRun where Commands.Element == Command {
        guard (0...99).contains(handshake.idlePercent), (0...99).contains(handshake.stallPercent) else {
            throw IcarusRunError("handshake idle \(handshake.idlePercent)% / stall \(handshake.stallPercent)%: each must be 0...99, otherwise no command or response can ever pass")
        }
        return try inWorkDirectory { dir in
            try verilog.write(to: dir.appendingPathComponent(IcarusTestBench.routerFile), atomically: true, encoding: .utf8)
            let bench = IcarusTestBench.text(commands: count, handshake: handshake, wave: wave?.path, streamed: true)
            try bench.write(to: dir.appendingPathComponent(IcarusTestBench.benchFile), atomically: true, encoding: .utf8)
            try compile(in: dir)
            // No commands: the RTL still compiles (bad RTL is found); like the Verilator driver it takes no cycles.
            guard count > 0 else { return StreamedRun(compared: 0, cycles: 0, stoppedByChecker: false) }
            let vvp = try Toolchain.locate(.vvp)
            let limit = timeLimit ?? Self.defaultTimeLimit(commands: count, handshake: handshake)
            let input = try NamedPipe(creating: dir.appendingPathComponent(IcarusTestBench.commandsFIFO))
            defer { input.close() }
            let output = try NamedPipe(creating: dir.appendingPathComponent(IcarusTestBench.responsesFIFO))
            defer { output.close() }
            let state = StreamState()
            let stopSwitch = StopSwitch()
            let writerDone = DispatchSemaphore(value: 0), vvpDone = DispatchSemaphore(value: 0)
            let writer = Thread {
                Self.feed(count, commands, to: input, state: state)
                writerDone.signal()
            }
            writer.name = "trapline-icarus-commands"
            writer.start()
            let runner = Thread {
                state.result = Result { try ProcessRunner.run(vvp, ["-n", "sim.vvp"], cwd: dir, timeout: limit, stopSwitch: stopSwitch) }
                state.vvpExited = true
                vvpDone.signal()
            }
            runner.name = "trapline-icarus-vvp"
            runner.start()
            defer { state.stop = true; writerDone.wait() }

            var reader = ResponseReader()
            let verdict: ResponseReader.Verdict
            do {
                verdict = try reader.read(output, state: state, stopSwitch: stopSwitch, check: check)
            } catch {
                stopSwitch.stop()   // a malformed response (x/z bits): no point in running on
                vvpDone.wait()
                throw Self.blaming(error, written: state.written)
            }
            vvpDone.wait()
            do {
                return try evaluate(verdict, reader.got, count, state.result!, vvp, limit)
            } catch {
                throw Self.blaming(error, written: state.written)
            }
        }
    }

    /// The run's result or failure from how the response stream ended and how `vvp` exited.
    private func evaluate(_ verdict: ResponseReader.Verdict, _ got: Int, _ count: Int,
                          _ result: Result<ProcessResult, Error>, _ vvp: String, _ limit: Double) throws -> StreamedRun {
        let sim = try result.get()
        let printed = Self.rtlText(sim.stdout)
        if !printed.isEmpty { rtlOutput(printed) }
        if verdict == .stopped { return StreamedRun(compared: got, cycles: 0, stoppedByChecker: true) }
        if sim.timedOut {
            throw SimulationTimedOut(simulator: name, seconds: limit, responses: got, commands: count)
        }
        if sim.status != 0 { throw failure(of: sim, vvp: vvp, responses: got, commands: count) }
        switch verdict {
        case .done(let cycles):
            guard got == count else {
                throw IcarusRunError("the Icarus run ended with \(got) responses for \(count) commands")
            }
            return StreamedRun(compared: count, cycles: cycles, stoppedByChecker: false)
        case let .hang(cycles, accepted, given):
            throw IcarusBenchLine.hang(cycles: cycles, accepted: accepted, responses: given, expected: count, got: got)
        case .commandsEnded(let at):
            throw IcarusRunError("the streamed bench found no command \(at) in its pipe (Trapline stopped writing commands early)")
        case .ended, .stopped:
            // vvp ended cleanly without the bench's closing line: the RTL's $finish or $stop.
            throw SimulationEnded(simulator: name, cause: "$finish or $stop", lines: [], cycle: nil,
                                  responses: got, commands: count, lastSeen: nil, source: nil)
        }
    }

    /// The writer thread: `count` commands as hex lines into the pipe, in
    /// chunks of about 64 KB, counting them in `state.written` before each
    /// chunk goes out; stops early when `state.stop` is set.
    private static func feed<Commands: IteratorProtocol>(_ count: Int, _ commands: Commands, to pipe: NamedPipe,
                                                         state: StreamState) where Commands.Element == Command {
        var commands = commands
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16 + 64)
        var made = 0
        while made < count, let c = commands.next() {
            IcarusTestBench.append(c, to: &bytes)
            made += 1
            if bytes.count >= 1 << 16 || made == count {
                state.written = made
                guard pipe.write(bytes, until: { state.stop }) else { return }
                bytes.removeAll(keepingCapacity: true)
            }
        }
    }

    /// `error` with the last command `vvp` can have read (`written` − 1) as
    /// the one to blame, so a failing prefix stops there.
    private static func blaming(_ error: Error, written: Int) -> Error {
        let last = max(0, written - 1)
        switch error {
        case var e as SimulationEnded: e.lastSeen = last; return e
        case var e as SimulationTimedOut: e.lastSeen = last; return e
        case var e as IcarusRunError: e.lastSeen = last; return e
        default: return error
        }
    }
}

/// Reads the responses pipe of a streamed run line by line as `vvp` writes it.
struct ResponseReader {
    /// How the stream ended.
    enum Verdict: Equatable {
        case done(UInt64)
        case hang(String, String, String)
        case commandsEnded(String)
        /// `vvp` exited without a closing line.
        case ended
        /// The checker returned false.
        case stopped
    }

    /// Responses handed to the checker so far.
    var got = 0
    private var pending: [UInt8] = []
    private var lineNumber = 0

    mutating func read(_ pipe: NamedPipe, state: StreamState, stopSwitch: StopSwitch,
                       check: (Int, Response) -> Bool) throws -> Verdict {
        var closing: Verdict?
        while true {
            let exitedBefore = state.vvpExited
            let n = pipe.read(into: &pending, waiting: 50)
            if n > 0, let v = try lines(check) {
                if v == .stopped { state.stop = true; stopSwitch.stop(); return .stopped }
                closing = v
            }
            if exitedBefore && n == 0 { return closing ?? .ended }
        }
    }

    /// Handles every complete line in `pending`; the closing line's verdict, or `.stopped`.
    private mutating func lines(_ check: (Int, Response) -> Bool) throws -> Verdict? {
        var start = 0
        var verdict: Verdict?
        defer { pending.removeFirst(start) }
        while let end = pending[start...].firstIndex(of: 10) {
            defer { start = end + 1 }
            lineNumber += 1
            if end == start { continue }
            switch try IcarusBenchLine.parse(pending[start..<end], lineNumber: lineNumber, index: got) {
            case .response(let r):
                got += 1
                if !check(got - 1, r) { start = end + 1; return .stopped }
            case .done(let cycles): verdict = .done(cycles)
            case let .timeout(cycles, accepted, given): verdict = .hang(cycles, accepted, given)
            case .endOfCommands(let at): verdict = .commandsEnded(at)
            }
        }
        return verdict
    }
}
