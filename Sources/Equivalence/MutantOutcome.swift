import Foundation

/// What a mutant's campaign found.
public enum MutantVerdict: String, Sendable, Codable {
    /// The campaign diverged from the reference (a different response, a hang, a broken handshake).
    case killed
    /// The campaign ran to its end with every response as the reference's.
    case survived
    /// The mutant's Verilog did not build (counted neither killed nor survived).
    case notBuilt = "not-built"
}

/// One mutant's row of the report.
public struct MutantOutcome: Sendable, Codable, Equatable {
    /// The Yosys mutation this row is about (its id, mode, cell and source lines).
    public var mutation: YosysMutation
    /// Killed, survived or not built.
    public var verdict: MutantVerdict
    /// The testcase that killed it: a directed scenario's name or "seed 0x... (stream k)".
    public var killedBy: String?
    /// "directed" or "random" (nil unless killed).
    public var killedIn: String?
    /// The simulator that showed the difference when it was not Verilator: "icarus" for the
    /// Icarus re-check of a survivor (`MutationCampaign.icarusRecheck`); nil: Verilator.
    public var killedUnder: String?
    /// Killed because the RTL hung (no response, or no command accepted, within the
    /// bench's cycle limit) or its simulation timed out, not by a different response.
    public var timeout: Bool = false
    /// Commands run until the first divergence (all units before the killer, plus its commands up to the divergence).
    public var commandsToKill: Int?
    /// Campaign seconds until the killing unit ended (model build not included).
    public var secondsToKill: Double?
    /// Commands run in the whole campaign (directed and random units; 0 when not built).
    public var commands: Int
    /// Seconds of the mutant's whole campaign (directed suite and random streams; the shared
    /// model build not included); 0 when not built.
    public var seconds: Double
    /// The divergence (killed; a re-check's kill adds its `replay:` line) or why it did not
    /// build (not built); for a survivor, the Icarus re-check's note when its netlist alone is
    /// the control's (an equivalent mutant), else nil.
    public var detail: String?

    /// A row with no killer, no timeout and no detail: `commands` run in all and the campaign's
    /// `seconds`; the killing fields are set afterwards for a killed mutant.
    public init(mutation: YosysMutation, verdict: MutantVerdict, commands: Int, seconds: Double) {
        self.mutation = mutation; self.verdict = verdict; self.commands = commands; self.seconds = seconds
    }

    /// Marks the mutant killed by `testcase` (in "directed" or "random", under `simulator`
    /// when not Verilator), after `commands` commands and `seconds` seconds of its
    /// campaign; `detail` says what differed, `timeout` whether the RTL hung.
    mutating func kill(by testcase: String, in unit: String, under simulator: String? = nil, timeout: Bool,
                       commands: Int, seconds: Double, detail: String) {
        verdict = .killed; killedBy = testcase; killedIn = unit; killedUnder = simulator
        self.timeout = timeout; commandsToKill = commands; secondsToKill = seconds; self.detail = detail
    }

    /// Whether an error text says the RTL hung (no response or acceptance in time, or a
    /// simulation past its time limit) rather than answering differently.
    static func isHang(_ message: String) -> Bool { message.contains("hung") || message.contains("timed out") }

    /// "killed by directed '5.2 nmi' after 37 commands in 0.4 s", "survived 12 s", ...
    public var summary: String {
        switch verdict {
        case .killed:
            let how = timeout ? "killed by timeout (the RTL hung) in" : "killed by"
            return "\(how) \(killedIn ?? "") '\(killedBy ?? "")'\(under) after \(commandsToKill ?? 0) commands in \(Self.seconds(secondsToKill ?? seconds))"
        case .survived: return "survived \(commands) commands in \(Self.seconds(seconds))"
        case .notBuilt: return "did not build"
        }
    }

    /// " under Icarus" when the Icarus re-check killed it, "" under Verilator.
    var under: String { killedUnder == "icarus" ? " under Icarus" : killedUnder.map { " under \($0)" } ?? "" }

    static func seconds(_ s: Double) -> String { String(format: s < 1 ? "%.2f s" : s < 10 ? "%.1f s" : "%.0f s", s) }
}
