import Lockstep
import CoSim
import Stimulus
import RouterModel

/// Receives each response as the test bench consumes it; returning false
/// stops the run (lockstep uses it to stop at the first mismatch).
protocol ResponseSink {
    mutating func accept(index: Int, response: Response) -> Bool
}

/// A router broke the SPEC 9 handshake: a response nobody asked for, a
/// command that never gets its response, a command that is never accepted,
/// or a response after the last one. The message names the command index.
public struct ProtocolViolation: Error, CustomStringConvertible, Sendable {
    /// What the router did wrong, naming the command index.
    public var message: String
    /// Index (0-based) of the command the violation concerns.
    public var commandIndex: Int
    /// The cycle after reset the violation was seen in.
    public var cycle: UInt64
    /// A violation described by `message` at command `commandIndex` in cycle `cycle`.
    public init(_ message: String, commandIndex: Int, cycle: UInt64) {
        self.message = message; self.commandIndex = commandIndex; self.cycle = cycle
    }
    /// The message.
    public var description: String { message }
}

extension VerilatorRouter {
    /// Ready cycles (rsp_ready high) an outstanding command may wait for its
    /// response; SPEC 9 promises 2, the margin tolerates slower but legal-looking RTL
    /// only up to an obvious hang.
    static let responseTimeout = 32
    /// Cycles a command may be offered with nothing outstanding before cmd_ready counts as stuck.
    static let acceptTimeout = 64
    /// Idle cycles after the last response in which no further response may appear.
    static let drainCycles: UInt64 = 4

    /// The SPEC 9 valid/ready test bench, from reset. Per cycle: two draws of
    /// `SeededRandom(seed: handshake.seed)` in this order, idle then stall
    /// (`chance(percent)`); `cmd_valid` = a command is left and not idle; the
    /// next command's operands are always driven; `rsp_ready` = not stall.
    /// Transfers are read from the values sampled at the rising edge. This is
    /// cycle for cycle the pattern of the Icarus test bench, so both report
    /// the same cycle count. Reset: `rst` high for 2 cycles with cmd_valid and
    /// rsp_ready low (not counted in `cycles`).
    /// `trace`: open a VCD at `path` when command `from` is first offered.
    /// Returns (responses consumed, cycles after reset). When the RTL ends
    /// the simulation (`$finish`, `$stop`, a fatal error) it throws
    /// `SimulationEnded` (the RTL named `source`): the check is the return
    /// value of each `step`, nothing more per cycle.
    static func drive<Sink: ResponseSink>(_ m: VerilatedModel, _ p: VerilatorRouterPorts, _ commands: [Command],
                                          _ handshake: Handshake, _ sink: inout Sink,
                                          trace: (from: Int, path: String)? = nil, source: String? = nil) throws -> (Int, UInt64) {
        try commands.withUnsafeBufferPointer { cmds in
            var buffer = BufferedCommands(cmds: cmds)
            return try drive(m, p, &buffer, handshake, &sink, trace: trace, source: source)
        }
    }

    /// `drive` on commands taken in order from `cmds` (an array, or a stream that
    /// keeps only a window of them: `StreamedCommands`).
    static func drive<Commands: CommandSource, Sink: ResponseSink>(
        _ m: VerilatedModel, _ p: VerilatorRouterPorts, _ cmds: inout Commands,
        _ handshake: Handshake, _ sink: inout Sink,
        trace: (from: Int, path: String)? = nil, source: String? = nil) throws -> (Int, UInt64) {
        let n = cmds.count
        var rng = SeededRandom(seed: handshake.seed)   // @inlinable: inlined into this loop
        let idlePercent = handshake.idlePercent, stallPercent = handshake.stallPercent
        p.set(p.cmdValid, false); p.set(p.rspReady, false)
        if n > 0 { p.load(cmds.command(0)) }
        m.inputsChanged()
        let resetEnd = m.cycles + 2   // the model's cycle count when reset is over
        try m.reset(cycles: 2)
        var next = 0, got = 0, loaded = 0
        var cycles: UInt64 = 0
        var waitingReady = 0, offeredUnaccepted = 0
        var traceAt = trace?.from ?? Int.max   // command index that opens a delayed VCD
        do {
            while got < n {
                if next >= traceAt, let trace {
                    try m.openTrace(trace.path)
                    traceAt = Int.max
                }
                let idle = rng.chance(idlePercent)
                let stall = rng.chance(stallPercent)
                if next < n && loaded != next { p.load(cmds.command(next)); loaded = next }
                let valid = next < n && !idle
                p.set(p.cmdValid, valid)
                p.set(p.rspReady, !stall)
                guard m.step() else { throw ended(m, resetEnd, got, n, next, source) }
                cycles &+= 1
                let accepted = valid && p.isHigh(p.cmdReady)
                if accepted {
                    next += 1; offeredUnaccepted = 0
                    if next - got >= cmds.window {
                        throw ProtocolViolation("cycle \(cycles): the router accepted \(next - got) commands without giving a response (SPEC 9: a response at most 2 cycles after acceptance); responses so far \(got)",
                                                commandIndex: got, cycle: cycles)
                    }
                } else if valid && next == got { offeredUnaccepted += 1 }
                if !stall {
                    if p.isHigh(p.rspValid) {
                        guard got < next else {
                            throw ProtocolViolation("cycle \(cycles): the router gave a response (rsp_valid && rsp_ready) with no command outstanding; responses so far \(got), commands accepted \(next)",
                                                    commandIndex: got, cycle: cycles)
                        }
                        got += 1
                        waitingReady = 0
                        if !sink.accept(index: got - 1, response: p.response()) { break }
                    } else if got < next {
                        waitingReady += 1
                        if waitingReady > responseTimeout {
                            throw ProtocolViolation("command \(got) (\(cmds.command(got))) got no response within \(responseTimeout) cycles with rsp_ready high (SPEC 9: at most 2 cycles after acceptance); the router hung at cycle \(cycles)",
                                                    commandIndex: got, cycle: cycles)
                        }
                    }
                }
                if offeredUnaccepted > acceptTimeout {
                    throw ProtocolViolation("command \(next) (\(cmds.command(next))) was offered for \(acceptTimeout) cycles with nothing outstanding and cmd_ready stayed low; the router hung at cycle \(cycles)",
                                            commandIndex: next, cycle: cycles)
                }
            }
        }
        if let end = m.end { throw SimulationEnded(end, resetCycles: resetEnd, responses: got, commands: n, lastSeen: 0, source: source) }
        if got == n {
            // Nothing may follow the last response.
            p.set(p.cmdValid, false); p.set(p.rspReady, true)
            for k in 1...drainCycles {
                guard m.step() else { throw ended(m, resetEnd, got, n, n - 1, source) }
                if p.isHigh(p.rspValid) {
                    throw ProtocolViolation("cycle \(cycles + k): the router gave a response after all \(n) commands were answered (a duplicated or spurious response)",
                                            commandIndex: n, cycle: cycles + k)
                }
            }
        }
        return (got, cycles)
    }

    /// The error for a model that ended (`m.end` is set after a false `step`)
    /// while command `seen` was the last one driven.
    @inline(never)
    static func ended(_ m: VerilatedModel, _ resetEnd: UInt64, _ got: Int, _ n: Int, _ seen: Int, _ source: String?) -> SimulationEnded {
        let end = m.end ?? ModelEnd(kind: .fatal, file: "", line: 0, message: "", cycle: m.cycles + 1, top: m.top)
        return SimulationEnded(end, resetCycles: resetEnd, responses: got, commands: n, lastSeen: min(seen, n - 1), source: source)
    }
}

/// Collects every response (plain `run`).
struct CollectingSink: ResponseSink {
    var responses: [Response] = []
    @inline(__always)
    mutating func accept(index: Int, response: Response) -> Bool { responses.append(response); return true }
}

/// Compares each response with the reference router as it arrives and stops
/// at the first difference.
struct LockstepSink: ResponseSink {
    var reference: Router
    let commands: UnsafeBufferPointer<Command>
    var keep: Bool
    var responses: [Response] = []
    var mismatch: (index: Int, expected: Response, actual: Response)?

    @inline(__always)
    mutating func accept(index: Int, response: Response) -> Bool {
        let expected = reference.execute(commands[index])
        if keep { responses.append(response) }
        if expected != response {
            mismatch = (index, expected, response)
            return false
        }
        return true
    }
}
