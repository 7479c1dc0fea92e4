import CoSim
import Lockstep
import RouterModel

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
    /// The SPEC 9 valid/ready test bench on `m`, from reset, through the generic
    /// lockstep layer's per-cycle loop (`LockstepBench.runCycles`): `RouterStimulus`
    /// drives the handshake and the commands, `RouterChecker` reads the transfers,
    /// checks the handshake rules and hands each response to `responses`. Reset:
    /// `rst` high for 2 cycles with cmd_valid and rsp_ready low (not counted in `cycles`).
    ///
    /// `trace`: open a VCD at `path` when command `from` is first offered (the
    /// checker pauses the run there). Returns (responses taken, cycles after reset
    /// up to the last one). Throws `ProtocolViolation`, or `SimulationEnded` when the
    /// RTL ends the simulation (`$finish`, `$stop`, a fatal error).
    func drive<Commands: CommandStream, Responses: ResponseCheck>(
        _ m: VerilatedModel, _ commands: Commands, count: Int, _ handshake: Handshake, _ responses: inout Responses,
        trace: (from: Int, path: String)? = nil
    ) throws -> (Int, UInt64) {
        let p = signals
        try m.poke(m.input("cmd_valid"), 0); try m.poke(m.input("rsp_ready"), 0)
        let resetEnd = m.cycles + 2   // the model's cycle count when reset is over
        try m.reset(cycles: 2)
        var stimulus = RouterStimulus(commands, count: count, handshake: handshake, signals: p)
        var checker = RouterChecker(p, count: count, responses: responses, commands: commands)
        if let trace { checker.pauseAt = trace.from }
        var random = SeededRandom(seed: handshake.seed)
        var io = CycleIO(ports: bench.ports)
        var coverage = CoverageCounts(names: [])
        defer { responses = checker.responses }
        run: while true {
            let end = bench.runCycles(m, cycles: Int.max, checker: &checker, stimulus: &stimulus, random: &random,
                                      io: &io, coverage: &coverage)
            if case .ended = end {
                throw ended(m, resetEnd, checker.answered, count, stimulus.answered >= count ? count - 1 : stimulus.accepted)
            }
            switch checker.stop {
            case .paused: try m.openTrace(trace!.path)
            case .violation(let v): throw v
            case .finished, .mismatch, .running: break run
            }
        }
        if let end = m.end {
            throw SimulationEnded(end, resetCycles: resetEnd, responses: checker.answered, commands: count, lastSeen: 0, source: sourceName)
        }
        return (checker.answered, checker.cycles)
    }

    /// The error for a model that ended (`m.end` is set after a false `step`)
    /// while command `seen` was the last one driven.
    @inline(never)
    func ended(_ m: VerilatedModel, _ resetEnd: UInt64, _ got: Int, _ n: Int, _ seen: Int) -> SimulationEnded {
        let end = m.end ?? ModelEnd(kind: .fatal, file: "", line: 0, message: "", cycle: m.cycles + 1, top: m.top)
        return SimulationEnded(end, resetCycles: resetEnd, responses: got, commands: n, lastSeen: min(seen, n - 1), source: sourceName)
    }
}
