/// A cycle-level reference model: what the design must show, cycle by cycle.
///
/// Per cycle the bench calls `cycle(_:)` with that cycle's inputs in `io`; the
/// model writes the outputs the design must show during the cycle (`io[out] = v`,
/// the values a synchronous receiver samples at the rising edge; an output not
/// written keeps its last expected value; `io.ignore(out)` for a don't-care) and
/// then advances its state past the edge. A value type is copied per run, so it
/// needs no cleanup beyond `reset()`.
///
/// Coverage: name bins in `coverageBins` and count them in `cover(_:_:)`, which
/// the bench calls after each compared cycle with the inputs and actual outputs.
public protocol CycleReference {
    /// The state right after the design's reset.
    mutating func reset()
    /// One clock cycle: inputs in, expected outputs out, state advanced.
    mutating func cycle(_ io: inout CycleIO)
    /// Names of the coverage bins `cover` counts, in index order (default: none).
    var coverageBins: [String] { get }
    /// Counts the bins this cycle hits (default: nothing).
    func cover(_ io: CycleIO, _ coverage: inout CoverageCounts)
}

extension CycleReference {
    /// No coverage bins unless the reference names some.
    public var coverageBins: [String] { [] }
    /// Counts nothing unless the reference does.
    public func cover(_ io: CycleIO, _ coverage: inout CoverageCounts) {}
}
