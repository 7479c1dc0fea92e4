import Lockstep
import RouterModel

/// What the router test bench does with each response, in order: collect it,
/// or compare it with the reference router (and write its trace line).
protocol ResponseCheck {
    /// Response `index` of the run, the RTL's answer to command `index`; false
    /// stops the run (a mismatch).
    mutating func take(_ index: Int, _ response: Response) -> Bool
}

/// The SPEC 9 handshake rules of the router as a checker of the generic lockstep
/// layer: per cycle it reads the transfers (`cmd_valid && cmd_ready`,
/// `rsp_valid && rsp_ready` at the rising edge), counts the accepted commands that
/// wait for their response, hands each response to a `ResponseCheck`, and stops the run with a `ProtocolViolation` when the router
/// breaks the handshake: a response with no command outstanding, a command with
/// no response within `responseTimeout` ready cycles, a command offered for
/// `acceptTimeout` cycles with nothing outstanding and never accepted, more than
/// `outstandingLimit` commands accepted without a response, or a response in the
/// `drainCycles` idle cycles after the last one.
///
/// `check` returns false to stop the run; `stop` says why: the run is over (every
/// response taken and the drain clean), a mismatch, a violation, or `pauseAt`
/// commands were accepted (the caller opens a VCD there and goes on).
struct RouterChecker<Responses: ResponseCheck, Commands: CommandStream>: LockstepChecker {
    /// Why `check` stopped the run.
    enum Stop {
        case running, finished, mismatch, violation(ProtocolViolation), paused
    }

    /// Ready cycles (rsp_ready high) an outstanding command may wait for its
    /// response; SPEC 9 promises 2, the margin tolerates slower but legal-looking RTL
    /// only up to an obvious hang.
    static var responseTimeout: Int { 32 }
    /// Cycles a command may be offered with nothing outstanding before cmd_ready counts as stuck.
    static var acceptTimeout: Int { 64 }
    /// Idle cycles after the last response in which no further response may appear.
    static var drainCycles: Int { 4 }
    /// Commands the router may have accepted without answering (SPEC 9 allows one).
    static var outstandingLimit: Int { 256 }

    let p: RouterSignals
    let count: Int
    var responses: Responses
    /// Stop the run when this many commands were accepted (the VCD window); Int.max: never.
    var pauseAt = Int.max
    private(set) var stop = Stop.running
    private(set) var accepted = 0
    private(set) var answered = 0
    /// Cycles after reset up to the last response (the drain not counted).
    private(set) var cycles: UInt64 = 0
    private var waitingReady = 0, offeredUnaccepted = 0, drained = 0
    /// The stimulus's commands, to name one in a message (`CommandStream.command`).
    let commands: Commands

    init(_ signals: RouterSignals, count: Int, responses: Responses, commands: Commands) {
        p = signals; self.count = count; self.responses = responses; self.commands = commands
    }

    mutating func reset() {
        stop = .running; accepted = 0; answered = 0; cycles = 0
        waitingReady = 0; offeredUnaccepted = 0; drained = 0
    }

    @inline(__always)
    mutating func check(_ io: inout CycleIO, _ coverage: inout CoverageCounts) -> Bool {
        if _slowPath(answered >= count) { return drain(io) }
        cycles &+= 1
        let valid = io[p.cmdValid] != 0
        if valid && io.actual(p.cmdReady) != 0 {
            if _slowPath(accepted - answered >= Self.outstandingLimit) {
                return violation("cycle \(cycles): the router accepted \(accepted - answered + 1) commands without giving a response (SPEC 9: a response at most 2 cycles after acceptance); responses so far \(answered)", answered)
            }
            accepted += 1; offeredUnaccepted = 0
        } else if valid && accepted == answered {
            offeredUnaccepted += 1
        }
        if io[p.rspReady] != 0 {
            if io.actual(p.rspValid) != 0 {
                guard answered < accepted else {
                    return violation("cycle \(cycles): the router gave a response (rsp_valid && rsp_ready) with no command outstanding; responses so far \(answered), commands accepted \(accepted)", answered)
                }
                let index = answered
                answered += 1; waitingReady = 0
                if !responses.take(index, p.response(io)) {
                    stop = .mismatch
                    return false
                }
            } else if answered < accepted {
                waitingReady += 1
                if _slowPath(waitingReady > Self.responseTimeout) {
                    return violation("command \(answered) (\(commands.command(answered))) got no response within \(Self.responseTimeout) cycles with rsp_ready high (SPEC 9: at most 2 cycles after acceptance); the router hung at cycle \(cycles)", answered)
                }
            }
        }
        if _slowPath(offeredUnaccepted > Self.acceptTimeout) {
            return violation("command \(accepted) (\(commands.command(accepted))) was offered for \(Self.acceptTimeout) cycles with nothing outstanding and cmd_ready stayed low; the router hung at cycle \(cycles)", accepted)
        }
        if _slowPath(accepted == pauseAt) {
            pauseAt = Int.max
            stop = .paused
            return false
        }
        return true
    }

    /// A cycle after the last response: nothing may follow it.
    private mutating func drain(_ io: CycleIO) -> Bool {
        drained += 1
        if io.actual(p.rspValid) != 0 {
            return violation("cycle \(cycles + UInt64(drained)): the router gave a response after all \(count) commands were answered (a duplicated or spurious response)", count,
                             cycle: cycles + UInt64(drained))
        }
        if drained >= Self.drainCycles { stop = .finished; return false }
        return true
    }

    private mutating func violation(_ message: String, _ index: Int, cycle: UInt64? = nil) -> Bool {
        stop = .violation(ProtocolViolation(message, commandIndex: index, cycle: cycle ?? cycles))
        return false
    }

    /// The violation's or mismatch's lines (the router's drivers report through `stop`).
    func failure(_ io: CycleIO, ports: Ports) -> [String] {
        if case .violation(let v) = stop { return [v.message] }
        return []
    }

    var coverageBins: [String] { [] }
}

