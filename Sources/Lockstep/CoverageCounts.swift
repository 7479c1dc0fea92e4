/// Hit counters of named coverage bins, for any design. Bins are named once
/// (`CycleReference.coverageBins`); per cycle a bin is counted by index
/// (`hit(_:)`), an array increment.
public struct CoverageCounts: Sendable, Equatable, Codable {
    /// Bin names, in index order.
    public let names: [String]
    /// Hits per bin.
    public internal(set) var counts: [UInt64] {
        get { storage }
        set { storage = newValue }
    }
    @usableFromInline var storage: [UInt64]

    /// Counters at 0 for the bins `names`.
    public init(names: [String]) {
        self.names = names
        storage = Array(repeating: 0, count: names.count)
    }

    /// Counts one hit of bin `index` (ignored when out of range, so a reference
    /// with fewer names than indices cannot crash a run).
    @inlinable public mutating func hit(_ index: Int) {
        if index >= 0 && index < storage.count { storage[index] &+= 1 }
    }

    /// Counts bin `index` when `condition` holds.
    @inlinable public mutating func hit(_ index: Int, when condition: Bool) { if condition { hit(index) } }

    /// Adds another run's counts (same bins).
    public mutating func merge(_ other: CoverageCounts) {
        for i in counts.indices where i < other.counts.count { counts[i] &+= other.counts[i] }
    }

    /// Bins hit at least once, and the share of all bins.
    public var hits: Int { counts.filter { $0 > 0 }.count }
    /// Bins hit, in percent of all bins (100 when there are none).
    public var percent: Double { names.isEmpty ? 100 : Double(hits) * 100 / Double(names.count) }
    /// Bins never hit: the holes.
    public var holes: [String] { names.indices.filter { counts[$0] == 0 }.map { names[$0] } }

    /// One line per bin, holes marked.
    public var table: String {
        let width = names.map(\.count).max() ?? 0
        return names.indices.map { i in
            let pad = String(repeating: " ", count: width - names[i].count)
            return "  \(names[i])\(pad)  \(counts[i])\(counts[i] == 0 ? "  <- hole" : "")"
        }.joined(separator: "\n")
    }
}
