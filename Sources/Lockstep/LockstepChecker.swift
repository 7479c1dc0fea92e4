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
    public var reference: Reference
    @usableFromInline let outputCount: Int

    public init(_ reference: Reference, ports: Ports) {
        self.reference = reference; outputCount = ports.outputs.count
    }

    public mutating func reset() { reference.reset() }

    @inlinable public mutating func check(_ io: inout CycleIO, _ coverage: inout CoverageCounts) -> Bool {
        let b = io.buffers
        let cares = b.cares, actual = b.actual, expected = b.expected, unknown = b.unknown, n = outputCount
        cares.update(repeating: true, count: n)
        reference.cycle(&io)
        var differ = false
        for i in 0..<n {
            differ = differ || (cares[i] && (actual[i] != expected[i] || unknown[i]))
        }
        if !differ { reference.cover(io, &coverage) }
        return !differ
    }

    public func failure(_ io: CycleIO, ports: Ports) -> [String] {
        let b = io.buffers
        return ports.outputSignals.compactMap { p in
            guard b.cares[p.index], b.actual[p.index] != b.expected[p.index] || b.unknown[p.index] else { return nil }
            let got = b.unknown[p.index] ? "x" : hex(b.actual[p.index])
            return "\(p.name): expected \(hex(b.expected[p.index])), design \(got)"
        }
    }

    public var coverageBins: [String] { reference.coverageBins }
}

/// `0x`-prefixed lowercase hex, as every lockstep message writes values.
func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
