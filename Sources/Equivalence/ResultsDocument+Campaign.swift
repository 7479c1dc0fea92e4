import Foundation
import RouterModel

extension ResultsDocument {
    /// The document of a finished run: `tools` and `rtlSHA256` come from the caller
    /// (the CLI knows the tools it ran and the Verilog text).
    public init(_ r: CampaignResult, tools: ToolVersions, rtlSHA256: String) {
        let o = r.options
        campaign = CampaignIdentity(seed: o.seed, parameters: .init(o.config), rtlSHA256: rtlSHA256, shardCount: o.shard.count,
                                    budget: o.budget, streamCommands: o.commandsPerSeed, streams: o.streams,
                                    random: o.runRandom, fullBudget: o.fullBudget, icarusSample: o.secondaryRandomSample)
        campaign.coverageDriven = o.coverageDriven
        shard = ShardNumber(index: o.shard.index, count: o.shard.count)
        self.tools = tools
        rtlPath = o.rtlPath
        verdict = r.verdict
        equivalent = r.equivalent
        seconds = r.seconds
        randomStreams = r.randomSeeds
        reference = r.reference
        simulators = r.simulators
        coverage = CoverageRecord(r.coverage, random: r.randomCoverage)
        coverageClosed = r.closed
        randomCoverageClosed = r.randomClosed
        testcases = r.testcases
        divergences = r.divergences
        shrink = r.shrink
        shards = r.shards.isEmpty ? [ShardRow(r, file: nil)] : r.shards
        merge = r.merge
    }

    /// The campaign result this document holds, for the summary, JUnit and HTML
    /// report (`merge` renders a merged document through the same code as `equiv`).
    public func campaignResult() -> CampaignResult {
        var o = CampaignOptions(config: campaign.parameters.config, verilog: "", outputDirectory: URL(fileURLWithPath: "."))
        o.seed = campaign.seed
        o.budget = campaign.budget
        o.shard = Shard(uncheckedIndex: shard.index, count: shard.count)
        o.commandsPerSeed = campaign.streamCommands
        o.streams = campaign.streams
        o.runRandom = campaign.random
        o.fullBudget = campaign.fullBudget
        o.secondaryRandomSample = campaign.icarusSample
        o.coverageDriven = campaign.coverageDriven ?? true
        o.rtlPath = rtlPath
        o.parameterFlags = CampaignIdentity.flags(campaign.parameters.config)
        let model = CoverageModel(config: o.config)
        var r = CampaignResult(options: o, coverage: Coverage(model: model, counts: coverage.counts(in: model, \.hits)))
        r.randomCoverage = Coverage(model: model, counts: coverage.counts(in: model, \.randomHits))
        r.closed = coverageClosed
        r.randomClosed = randomCoverageClosed
        r.testcases = testcases
        r.reference = reference
        r.simulators = simulators
        r.divergences = divergences
        r.shrink = shrink
        r.randomSeeds = randomStreams
        r.seconds = seconds
        r.shards = shards
        r.merge = merge
        return r
    }
}

extension CampaignIdentity {
    /// The generator-parameter flags that reproduce `c` (defaults left out).
    public static func flags(_ c: RouterConfig) -> [String] {
        var f: [String] = []
        let d = RouterConfig.default
        if c.vmms != d.vmms { f += ["--vmms", "\(c.vmms)"] }
        if c.guests != d.guests { f += ["--guests", "\(c.guests)"] }
        if c.ioRanges != d.ioRanges { f += ["--io-ranges", "\(c.ioRanges)"] }
        if c.platformVMM != d.platformVMM { f += ["--platform-vmm", "\(c.platformVMM)"] }
        if c.staticMap != d.staticMap { f += ["--static-map", c.staticMap.isEmpty ? "''" : c.staticMap.map(String.init).joined(separator: ",")] }
        if !c.ioBitmaps { f += ["--no-io-bitmaps"] }
        return f
    }
}

extension CoverageRecord {
    /// The hit counts in `model`'s bin order, matched by group and name (a bin this file
    /// lacks counts 0; one the model lacks is dropped), so files stay readable when bins are added.
    func counts(in model: CoverageModel, _ hits: KeyPath<Bin, UInt64>) -> [UInt64] {
        var byName: [String: UInt64] = [:]
        for b in bins { byName[b.group + "\u{1F}" + b.name] = b[keyPath: hits] }
        var out = [UInt64](repeating: 0, count: model.binCount)
        for row in model.rows { for i in row.bins { out[i] = byName[row.name + "\u{1F}" + model.binNames[i]] ?? 0 } }
        return out
    }

    init(_ all: Coverage, random: Coverage) {
        let m = all.model
        var group = [String](repeating: "", count: m.binCount)
        for row in m.rows { for i in row.bins { group[i] = row.name } }
        total = all.total
        hit = all.hits
        percent = all.percent
        randomHit = random.hits
        bins = (0..<m.binCount).map {
            Bin(id: $0, group: group[$0], name: m.binNames[$0], hits: UInt64(all.counts[$0]),
                randomHits: UInt64(random.counts[$0]), excluded: m.excluded.contains($0))
        }
    }
}

extension ShardRow {
    init(_ r: CampaignResult, file: String?) {
        var commands: [String: Int] = [:]
        for s in r.simulators { commands[s.name] = s.commands }
        self.init(index: r.options.shard.index, count: r.options.shard.count, file: file, verdict: r.verdict,
                  seconds: r.seconds, testcases: r.testcases.count, randomStreams: r.randomSeeds,
                  divergences: r.divergences.count, commands: commands, coverageHit: r.coverage.hits,
                  coverageTotal: r.coverage.total)
    }
}
