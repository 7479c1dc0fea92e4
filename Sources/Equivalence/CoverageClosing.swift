/// The moment coverage closed (every bin that can be hit was hit): for the
/// summary's `closed` line and the results file.
public struct CoverageClosing: Sendable, Codable, Equatable {
    /// Seconds since the campaign started (depends on the machine).
    public var seconds: Double
    /// Commands run until then (all commands for all coverage; random-stream
    /// commands for the random streams' own coverage): the same for the same seed.
    public var commands: Int
    /// Random streams run until then (including the one that closed it).
    public var streams: Int
    /// A closing with every field given.
    public init(seconds: Double, commands: Int, streams: Int) {
        self.seconds = seconds; self.commands = commands; self.streams = streams
    }
}

extension CampaignResult {
    /// Records when all coverage, and the random streams' own, first closed
    /// (called after every testcase; cheap: a pass over the counters until closed).
    mutating func noteClosing(elapsed: Double, random: Bool) {
        let allClosed = closed == nil && coverage.isClosed(with: randomCoverage)
        let randomNow = random && randomClosed == nil && randomCoverage.isClosed
        guard allClosed || randomNow else { return }
        // Called before the stream is counted in `randomSeeds`; every stream has `commandsPerSeed` commands.
        let streams = randomSeeds + (random ? 1 : 0)
        if allClosed { closed = CoverageClosing(seconds: elapsed, commands: reference.commands, streams: streams) }
        if randomNow { randomClosed = CoverageClosing(seconds: elapsed, commands: streams * options.commandsPerSeed, streams: streams) }
    }

    /// The summary's `closed` line: when all coverage and the random streams' own closed, or their holes.
    public var closingText: String {
        func text(_ c: CoverageClosing?, _ cov: Coverage, what: String) -> String {
            guard let c else { return "not closed (\(cov.total - cov.hits) holes)" }
            return "at \(Summary.format(c.seconds)) s, after \(c.commands) \(what)commands (\(c.streams) random streams)"
        }
        var all = coverage
        all.merge(randomCoverage)
        return "all bins " + text(closed, all, what: "") + "; random streams alone " + text(randomClosed, randomCoverage, what: "random ")
    }
}
