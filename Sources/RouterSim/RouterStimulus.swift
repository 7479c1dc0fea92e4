import Lockstep
import RouterModel

/// Where the router test bench takes its commands from, in order, one call per
/// command: an array (`ArrayCommands`) or the constrained-random generator
/// (`PipelineCommands`, made on the reference pipeline's thread; only its ring holds any).
protocol CommandStream {
    /// The next command.
    mutating func next() -> Command
    /// Command `i`, already taken by `next` and at most `RouterChecker.outstandingLimit`
    /// behind the newest (for messages; a copy of the stream answers it too).
    func command(_ i: Int) -> Command
}

/// Commands of an array, in order.
struct ArrayCommands: CommandStream {
    let commands: [Command]
    var index = 0
    @inline(__always) mutating func next() -> Command {
        defer { index += 1 }
        return commands[index]
    }
    func command(_ i: Int) -> Command { commands[i] }
}

/// The SPEC 9 valid/ready test bench of the router as a stimulus of the generic
/// lockstep layer. Per cycle: two draws of the run's `SeededRandom` (seeded with
/// the handshake's seed), idle then stall (`chance(percent)`); `cmd_valid` = a
/// command is left and not idle; the next command's operands are always driven
/// (loaded once, when the one before is accepted); `rsp_ready` = not stall.
/// Transfers are read from last cycle's inputs and the values the design showed
/// at its rising edge. Once every command has its response it offers nothing and
/// holds `rsp_ready` high (the drain the checker watches), without drawing.
/// This is cycle for cycle the pattern of the Icarus test bench and of
/// sim/bench_harness.cpp, so all three report the same cycle count.
struct RouterStimulus<Commands: CommandStream>: StimulusSource {
    var commands: Commands
    let count: Int
    let idlePercent: Int
    let stallPercent: Int
    let p: RouterSignals
    /// Commands accepted and responses taken so far (read from the transfers).
    var accepted = 0
    var answered = 0
    /// The index of the command on the cmd_* inputs (-1: none yet).
    var loaded = -1

    init(_ commands: Commands, count: Int, handshake: Handshake, signals: RouterSignals) {
        self.commands = commands; self.count = count
        idlePercent = handshake.idlePercent; stallPercent = handshake.stallPercent; p = signals
    }

    /// The handshake follows cmd_ready and rsp_valid.
    var readsOutputs: Bool { true }

    @inline(__always)
    mutating func next(_ io: inout CycleIO, _ random: inout SeededRandom) {
        if io[p.cmdValid] != 0 && io.actual(p.cmdReady) != 0 { accepted += 1 }
        if io[p.rspReady] != 0 && io.actual(p.rspValid) != 0 { answered += 1 }
        if _slowPath(answered >= count) {
            io[p.cmdValid] = 0; io[p.rspReady] = 1
            return
        }
        let idle = random.chance(idlePercent)
        let stall = random.chance(stallPercent)
        if accepted < count && loaded != accepted {
            p.load(commands.next(), io)
            loaded = accepted
        }
        io[p.cmdValid] = accepted < count && !idle ? 1 : 0
        io[p.rspReady] = stall ? 0 : 1
    }
}
