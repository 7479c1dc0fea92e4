/// One shard's line in a merged report: which shard, from which file, and what it did.
public struct ShardRow: Sendable, Codable, Equatable {
    /// 1-based shard number and the shard count.
    public var index: Int
    public var count: Int
    /// The results file it was read from (nil for the run itself).
    public var file: String?
    public var verdict: String
    public var seconds: Double
    public var testcases: Int
    public var randomStreams: Int
    public var divergences: Int
    /// Commands per simulator ("verilator": 1000, "icarus": 200).
    public var commands: [String: Int]
    /// Bins this shard hit and the bins there are.
    public var coverageHit: Int
    public var coverageTotal: Int

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
    public var files: Int
    public var missing: [Int]
    public var complete: Bool { missing.isEmpty }
    public init(files: Int, missing: [Int]) { self.files = files; self.missing = missing }
}
