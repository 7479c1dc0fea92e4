/// What a lockstep run checks each cycle, once the design's outputs for the
/// cycle are in `io.actual`: a cycle-level reference (`CycleChecker`) or a
/// valid/ready scoreboard (`StreamScoreboard`). Adopt it for other checks.
public protocol LockstepChecker {
    /// Back to the state right after the design's reset.
    mutating func reset()
    /// Checks one cycle and counts the coverage bins it hits; false on a
    /// divergence (then `failure` says what).
    mutating func check(_ io: inout CycleIO, _ coverage: inout CoverageCounts) -> Bool
    /// The lines describing the divergence `check` just returned false for
    /// (called once per failure, off the per-cycle path).
    func failure(_ io: CycleIO, ports: Ports) -> [String]
    /// Names of the coverage bins, in index order.
    var coverageBins: [String] { get }
}

/// A `CycleReference` as a checker: every compared output must equal the
/// reference's expected value, every cycle.
public struct CycleChecker<Reference: CycleReference>: LockstepChecker {
    /// The reference model it runs.
    public var reference: Reference
    @usableFromInline let outputCount: Int

    /// Checks `reference` against the outputs of the design whose ports are `ports`.
    public init(_ reference: Reference, ports: Ports) {
        self.reference = reference; outputCount = ports.outputs.count
    }

    /// Resets the reference.
    public mutating func reset() { reference.reset() }

    /// Runs the reference's cycle and compares every output it did not ignore; counts coverage when all agree.
    @inlinable public mutating func check(_ io: inout CycleIO, _ coverage: inout CoverageCounts) -> Bool {
        let n = outputCount
        io.compareAll(outputs: n)
        reference.cycle(&io)
        let actual = io.actuals, expected = io.expected
        var differ = false
        for i in 0..<n where actual[i] != expected[i] { differ = differ || io.isCompared(index: i) }
        if _slowPath(io.anyUnknown) {
            for i in 0..<n where io.unknown[i] { differ = differ || io.isCompared(index: i) }
        }
        if !differ { reference.cover(io, &coverage) }
        return !differ
    }

    /// One line per differing output: `name: expected 0x.., design 0x..` (x for an unknown value).
    public func failure(_ io: CycleIO, ports: Ports) -> [String] {
        ports.outputSignals.compactMap { p in
            guard io.isCompared(p), io.actual(p) != io[p] || io.isUnknown(p) else { return nil }
            let got = io.isUnknown(p) ? "x" : hex(io.actual(p))
            return "\(p.name): expected \(hex(io[p])), design \(got)"
        }
    }

    /// The reference's coverage bins.
    public var coverageBins: [String] { reference.coverageBins }
}

/// `0x`-prefixed lowercase hex, as every lockstep message writes values.
func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
