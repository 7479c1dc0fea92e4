/// One shard's line in a merged report: which shard, from which file, and what it did.
public struct ShardRow: Sendable, Codable, Equatable {
    /// 1-based shard number and the shard count.
    public var index: Int
    /// The shard count.
    public var count: Int
    /// The results file it was read from (nil for the run itself).
    public var file: String?
    /// `EQUIVALENT` or `MISMATCH`.
    public var verdict: String
    /// Wall-clock seconds of the shard's run.
    public var seconds: Double
    /// Testcases the shard ran.
    public var testcases: Int
    /// Random streams the shard ran.
    public var randomStreams: Int
    /// Divergences the shard found.
    public var divergences: Int
    /// Commands per simulator ("verilator": 1000, "icarus": 200).
    public var commands: [String: Int]
    /// Bins this shard hit and the bins there are.
    public var coverageHit: Int
    /// Bins that can be hit under the parameters.
    public var coverageTotal: Int

    /// A row with every field given.
    public init(index: Int, count: Int, file: String?, verdict: String, seconds: Double, testcases: Int,
                randomStreams: Int, divergences: Int, commands: [String: Int], coverageHit: Int, coverageTotal: Int) {
        self.index = index; self.count = count; self.file = file; self.verdict = verdict; self.seconds = seconds
        self.testcases = testcases; self.randomStreams = randomStreams; self.divergences = divergences
        self.commands = commands; self.coverageHit = coverageHit; self.coverageTotal = coverageTotal
    }
}

/// What a merge found about the set of shards: the shard numbers no file gave
/// (a duplicate shard is bad input, refused before anything is merged).
public struct MergeNotes: Sendable, Codable, Equatable {
    /// Results files merged.
    public var files: Int
    /// Shard numbers (1-based) no file gave, ascending.
    public var missing: [Int]
    /// True when every shard was given.
    public var complete: Bool { missing.isEmpty }
    /// Notes of a merge of `files` files with the shards `missing`.
    public init(files: Int, missing: [Int]) { self.files = files; self.missing = missing }
}
