/// The outcome of one group of assertions.
public enum Verdict: Sendable {
    /// Holds for every run from reset, of any length: the engine closed an invariant.
    case proved(engine: String)
    /// No counterexample up to `depth` cycles from reset; the unbounded attempt did not
    /// finish (`reason` says why, e.g. its time limit).
    case holdsToDepth(Int, reason: String)
    /// A run from reset breaks an assertion.
    case failed(Counterexample)

    /// True for `.failed`.
    public var isFailure: Bool { if case .failed = self { return true } else { return false } }
}

/// A run that breaks an assertion, as ABC found it and Yosys replayed it.
public struct Counterexample: Sendable {
    /// The first assertion the replay saw fail (nil when the replay named none).
    public var assertion: AssertionGroups.Assertion?
    /// The engine that found it (`abc bmc3`, `abc pdr`).
    public var engine: String
    /// ABC's frame number of the failure (0 = the first cycle).
    public var frame: Int
    /// The waveform of the run (every public signal of the harness).
    public var vcd: String
    /// The harness's top-level signals at every rising clock edge.
    public var samples: VCDSamples
}

/// One group's result with its timing.
public struct GroupResult: Sendable {
    /// The group's tag.
    public var group: String
    /// Proved, held to a depth, or failed with a counterexample.
    public var verdict: Verdict
    /// Wall-clock seconds of the group's engines and replays.
    public var seconds: Double
    /// What each engine said, in order (for the log).
    public var notes: [String]
}
