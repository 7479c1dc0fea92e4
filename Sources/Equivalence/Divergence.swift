import CoSim
import RouterModel
import RouterSim

/// What one simulator did on a trace.
public enum SimOutcome: Sendable {
    /// Every response, in order.
    case responses(SimRun)
    /// The RTL broke the handshake, hung, gave undefined bits or ended the
    /// simulation before the last response (a hardware
    /// failure, not a tool failure): the command index concerned and the message.
    case broken(index: Int, message: String)
}

/// One simulator's value at a divergence.
public enum SimValue: Sendable {
    /// The simulator's response (it differs from the reference's).
    case response(Response)
    /// The RTL broke (handshake, hang, undefined bits, early end): the message.
    case broken(String)
    /// The simulator did not run this trace (no sample of it, or the budget was spent).
    case notRun
}

/// A command where a simulator and the reference differ, with every value:
/// the reference, and each simulator that ran the trace.
public struct Divergence: Sendable, CustomStringConvertible {
    /// The testcase ("directed"/"sweep" scenario name or "random seed 0x...").
    public var testcase: String
    /// 0-based index of the command in the testcase's trace.
    public var index: Int
    /// The command concerned.
    public var command: Command
    /// The reference router's response.
    public var reference: Response
    /// Each simulator that ran the trace, with its value.
    public var values: [(simulator: String, value: SimValue)]

    /// The testcase, the command, the reference and each simulator's value with the fields that differ.
    public var description: String {
        var lines = ["divergence in \"\(testcase)\" at command \(index):",
                     "  command:   \(TraceWriter.line(for: command))",
                     "  reference: \(TraceWriter.line(for: reference))"]
        for (name, v) in values {
            let label = (name + ":").padding(toLength: 10, withPad: " ", startingAt: 0)
            switch v {
            case .response(let r):
                let diff = Mismatch.differingFields(reference, r)
                lines.append("  \(label) \(TraceWriter.line(for: r))" + (diff.isEmpty ? "  (agrees)" : "  (differs: \(diff.joined(separator: ", ")))"))
            case .broken(let m): lines.append("  \(label) \(m)")
            case .notRun: lines.append("  \(label) (not run on this trace)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs simulators and compares them with the reference.
public enum Compare {
    /// Runs `sim`; hardware failures become `.broken`, tool failures are thrown.
    public static func run(_ sim: any RouterSimulator, _ commands: [Command], handshake: Handshake,
                           wave: URL? = nil) throws -> SimOutcome {
        do {
            return .responses(try sim.run(commands, handshake: handshake, wave: wave))
        } catch let e as ProtocolViolation {
            return .broken(index: min(e.commandIndex, max(commands.count - 1, 0)), message: e.message)
        } catch let e as IcarusRunError {
            return .broken(index: max(commands.count - 1, 0), message: e.message)
        } catch let e as SimulationTimedOut {
            return .broken(index: max(commands.count - 1, 0), message: e.description)
        } catch let e as SimulationEnded {
            // $finish/$stop/fatal: blame the last command the RTL saw (later ones cannot
            // have caused it; the shrinker cuts the trace after the index).
            return .broken(index: e.failingIndex, message: e.description)
        }
    }

    /// Runs `sim` on `commands` (one campaign unit), adds the run to `stats`
    /// (its time is the simulator run alone) and returns the first divergence
    /// from `reference`, named `testcase`; nil when every response matched.
    static func check(_ sim: any RouterSimulator, _ commands: [Command], reference: [Response], handshake: Handshake,
                      testcase: String, stats: inout SimulatorStats) throws -> Divergence? {
        let t0 = Date()
        let outcome = try run(sim, commands, handshake: handshake)
        stats.runs += 1
        stats.commands += commands.count
        if case .responses(let run) = outcome { stats.cycles += run.cycles }
        stats.seconds += Date().timeIntervalSince(t0)
        guard let i = firstDifference(reference, outcome) else { return nil }
        return Divergence(testcase: testcase, index: i, command: commands[i], reference: reference[i],
                          values: [(sim.name, value(outcome, at: i))])
    }

    /// The first index where `outcome` differs from `reference`, nil when equal.
    public static func firstDifference(_ reference: [Response], _ outcome: SimOutcome) -> Int? {
        switch outcome {
        case .broken(let index, _): return index
        case .responses(let run):
            let n = min(reference.count, run.responses.count)
            for i in 0..<n where reference[i] != run.responses[i] { return i }
            return reference.count == run.responses.count ? nil : n
        }
    }

    /// The value `outcome` shows at `index`.
    public static func value(_ outcome: SimOutcome, at index: Int) -> SimValue {
        switch outcome {
        case .broken(_, let m): return .broken(m)
        case .responses(let run): return index < run.responses.count ? .response(run.responses[index]) : .broken("no response")
        }
    }

    /// The reference responses of a trace from reset.
    public static func reference(_ commands: [Command], config: RouterConfig) -> [Response] {
        var router = Router(config: config)
        return commands.map { router.execute($0) }
    }
}

import Foundation
