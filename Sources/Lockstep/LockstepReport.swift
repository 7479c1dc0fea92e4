import Foundation

/// The first divergence of a campaign (or a replay), shrunk when it came from Verilator.
public struct LockstepDivergence: Sendable {
    /// "verilator" or "icarus".
    public var simulator: String
    /// The run (from 0) of the campaign that diverged.
    public var run: Int
    /// Cycle of the divergence (from 0 after reset) in the original run, and in the shrunk trace.
    public var cycle: Int
    /// The inputs of the diverging cycle of the shrunk trace, `name=0x..`.
    public var inputs: [String]
    /// What differed (expected vs design), in the shrunk trace.
    public var details: [String]
    /// The trace that shows it (shrunk from `originalCycles` cycles).
    public var trace: StimulusTrace
    /// Cycles of the failing run up to the divergence, before shrinking.
    public var originalCycles: Int
    /// Runs the shrinker made (0 when the trace was not shrunk).
    public var shrinkAttempts: Int
    /// The trace file written (or replayed), nil when none could be written.
    public var traceFile: String?
    /// The VCD of the trace, nil when none was written (Icarus, `--no-wave`, no output folder).
    public var waveFile: String?
    /// The command that replays the trace file.
    public var replay: String
    /// Why a file could not be written, if one could not.
    public var notWritten: String?

    /// The report block: what, where, the shrunk trace, the files, the replay.
    public var text: String {
        var lines = ["DIVERGED under \(simulator) in run \(run), cycle \(cycle) after reset"]
        if trace.rows.count != originalCycles || shrinkAttempts > 0 {
            lines.append("shrunk from \(originalCycles) to \(trace.rows.count) cycle\(trace.rows.count == 1 ? "" : "s") (\(shrinkAttempts) attempts); diverging at cycle \(trace.rows.count - 1)")
        }
        lines.append("  inputs:   " + inputs.joined(separator: " "))
        for d in details { lines.append("  " + d) }
        if let traceFile { lines.append("trace:    \(traceFile)") }
        if let waveFile { lines.append("waveform: \(waveFile)") }
        if let notWritten { lines.append("note:     \(notWritten)") }
        lines.append("replay:   \(replay)")
        return lines.joined(separator: "\n")
    }
}

/// What a lockstep campaign did and found.
public struct LockstepReport: Sendable {
    /// The design's top module.
    public var design: String
    /// The campaign seed (for a replay: the seed recorded in the trace).
    public var seed: UInt64
    /// Runs completed, and cycles compared under Verilator.
    public var runs: Int
    /// Cycles compared under Verilator (before the divergence, when there is one).
    public var cycles: Int
    /// Time of the Verilator runs, in seconds (shrinking and Icarus not included).
    public var seconds: Double
    /// Runs and cycles compared under Icarus.
    public var icarusRuns = 0
    /// Cycles compared under Icarus.
    public var icarusCycles = 0
    /// The checker's coverage bins and their hits over the Verilator runs.
    public var coverage: CoverageCounts
    /// The first divergence, nil when every cycle agreed.
    public var divergence: LockstepDivergence?

    /// True when nothing differed.
    public var equivalent: Bool { divergence == nil }

    /// Verilator cycles per second of the campaign (0 when no time was measured).
    public var cyclesPerSecond: Double { seconds > 0 ? Double(cycles) / seconds : 0 }

    /// The summary printed at the end of a run.
    public var summary: String {
        var lines = ["lockstep \(design), seed \(seed): \(runs) run\(runs == 1 ? "" : "s"), \(cycles) cycles under Verilator"
                     + String(format: " in %.2f s (%.0f cycles/s)", seconds, cyclesPerSecond)]
        if icarusRuns > 0 { lines.append("icarus: \(icarusRuns) run\(icarusRuns == 1 ? "" : "s"), \(icarusCycles) cycles") }
        if !coverage.names.isEmpty {
            lines.append(String(format: "coverage: %d/%d bins (%.1f%%)", coverage.hits, coverage.names.count, coverage.percent))
            lines.append(coverage.table)
        }
        if let d = divergence { lines.append(d.text) }
        lines.append(equivalent ? "EQUIVALENT" : "DIVERGED")
        return lines.joined(separator: "\n")
    }

    /// The JUnit document: one test case per simulator, failing with the divergence.
    public var junit: JUnitDocument {
        var cases = [JUnitDocument.Case(classname: design, name: "verilator lockstep (\(runs) runs, \(cycles) cycles)", seconds: seconds)]
        if icarusRuns > 0 { cases.append(JUnitDocument.Case(classname: design, name: "icarus lockstep (\(icarusRuns) runs)", seconds: 0)) }
        if let d = divergence {
            let i = d.simulator == "icarus" && cases.count > 1 ? 1 : 0
            cases[i].failure = JUnitDocument.Failure(message: d.details.first ?? "divergence", type: "divergence", text: d.text)
        }
        return JUnitDocument(name: "lockstep \(design)", suites: [JUnitDocument.Suite(name: design, cases: cases)])
    }
}
