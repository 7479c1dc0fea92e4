import CoSim

/// The RTL ended the simulation itself (`$finish`, `$stop`) or the simulator
/// stopped it with a fatal error before every command had its response. The
/// responses before the end were checked; the rest were not, so this is never
/// a pass: a hardware failure (cosim and equiv exit 1), not a tool failure.
public struct SimulationEnded: Error, CustomStringConvertible, Sendable {
    /// "verilator" or "icarus".
    public var simulator: String
    /// What ended it: "$finish", "$stop", "a fatal error (...)"; under Icarus,
    /// which cannot tell them apart, "$finish or $stop".
    public var cause: String
    /// The lines of the RTL text concerned: under Verilator the call that
    /// ended the run (empty when the runtime gave no place); under Icarus
    /// every `$finish`/`$stop` the text contains.
    public var lines: [Int]
    /// The cycle it happened in, counted after reset from 1; 0: during reset
    /// or in an `initial` block; nil: not known (Icarus).
    public var cycle: UInt64?
    /// Responses received (and compared, under lockstep) before the end: the
    /// index of the first command without a verdict.
    public var responses: Int
    /// Commands in the run.
    public var commands: Int
    /// The last command the RTL had seen (in flight, or driven on the cmd_*
    /// inputs) when it ended: later ones cannot have caused it, so a failing
    /// prefix or a shrink may stop there. nil: not known (Icarus).
    public var lastSeen: Int?
    /// How to name the RTL file in the message (`--rtl FILE`); nil: "line L".
    public var source: String?

    /// An end with every field given (the Icarus driver and tests; Verilator's come from its `ModelEnd`).
    public init(simulator: String, cause: String, lines: [Int], cycle: UInt64?, responses: Int, commands: Int,
                lastSeen: Int?, source: String?) {
        self.simulator = simulator; self.cause = cause; self.lines = lines; self.cycle = cycle
        self.responses = responses; self.commands = commands; self.lastSeen = lastSeen; self.source = source
    }

    /// A Verilator model's end: the cycle counted after `resetCycles`.
    init(_ end: ModelEnd, resetCycles: UInt64, responses: Int, commands: Int, lastSeen: Int, source: String?) {
        self.init(simulator: "verilator", cause: end.cause, lines: end.sourceLine.map { [$0] } ?? [],
                  cycle: end.cycle > resetCycles ? end.cycle - resetCycles : 0,
                  responses: responses, commands: commands, lastSeen: lastSeen, source: source)
    }

    /// The index of the command to blame in a trace of `commands.count`
    /// commands: `lastSeen`, else the last command.
    public var failingIndex: Int { max(0, min(lastSeen ?? commands - 1, commands - 1)) }

    /// One paragraph: who ended the run, where in the RTL, in which cycle, how many responses were checked, and that it is a hardware failure.
    public var description: String {
        let places = lines.prefix(5).map { line in source.map { "\($0):\(line)" } ?? "line \(line)" }.joined(separator: ", ")
            + (lines.count > 5 ? ", ..." : "")
        var head: String
        if cycle == nil {
            head = "the RTL ended the \(simulator) simulation before the test bench did (\(cause)"
                + (places.isEmpty ? ")" : "; the RTL calls it at \(places))")
        } else {
            let when = cycle == 0 ? "before the first command was offered" : "at cycle \(cycle!)"
            let called = cause.hasPrefix("$")
            head = called ? "the RTL called \(cause) \(when)" : "\(simulator) stopped the RTL with \(cause) \(when)"
            if !places.isEmpty { head += " (\(places))" }
            if called { head += " under \(simulator)" }
        }
        if cause.contains("did not converge") { head += "; the RTL did not settle (a combinational loop?)" }
        let rest = commands - responses
        return head + " after \(responses) of \(commands) responses; no verdict on the remaining \(rest) command\(rest == 1 ? "" : "s")"
    }
}
