import Foundation

/// What a lockstep campaign runs and where it writes its files.
public struct LockstepOptions: Sendable {
    /// Campaign seed: run k's stimulus and initial register values come from (seed, k).
    public var seed: UInt64 = 1
    /// Independent runs, each from reset.
    public var runs: Int = 100
    /// Cycles per run (after reset).
    public var cycles: Int = 1000
    /// Time allowed to shrink a divergence.
    public var shrinkSeconds: Double = 30
    /// Where the shrunk trace and its waveform go; nil: not written.
    public var outputDirectory: URL?
    /// Write a VCD of the shrunk trace (the model is built once more with tracing).
    public var wave = true
    /// Runs also replayed under Icarus Verilog (the first ones), 0 for none.
    public var icarusRuns = 0
    /// The command that replays a trace file, without the file: `--replay FILE` is appended.
    public var replayCommand: [String] = ["YOUR-PROGRAM"]
    /// Check runs of at least 4096 cycles on a second thread, a chunk behind the
    /// model (`CheckerThread`; on a machine with more than one core): the same
    /// verdicts, divergence cycles and coverage, in less time. false: one thread.
    public var checkerThread = true
    /// Progress lines (a run done, shrinking, Icarus), nil for none.
    public var progress: (@Sendable (String) -> Void)?

    /// The defaults: seed 1, 100 runs of 1000 cycles, 30 s to shrink, no files, no Icarus.
    public init() {}

    /// Limits of every number, checked before work starts.
    public func validate() throws(LockstepError) {
        guard (1...100_000_000).contains(runs) else { throw .badArgument("--runs \(runs) is outside 1...100000000") }
        guard (1...10_000_000).contains(cycles) else { throw .badArgument("--cycles \(cycles) is outside 1...10000000") }
        guard shrinkSeconds.isFinite, (0...86_400).contains(shrinkSeconds) else {
            throw .badArgument("the shrink time \(shrinkSeconds) s is outside 0...86400")
        }
        guard (0...runs).contains(icarusRuns) else { throw .badArgument("--icarus-runs \(icarusRuns) is outside 0...\(runs) (the runs)") }
    }
}
