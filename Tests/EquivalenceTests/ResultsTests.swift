import Foundation
@testable import Equivalence
import RouterModel
import RouterSim
import Testing
import TestSupport

/// Results as data (docs/results.md): a run's document reads back as the same
/// result (summary, JUnit), shards merge into the campaign one run makes, and
/// files of other campaigns are refused naming the file and the field.
@Suite struct ResultsTests {
    static let tools = ToolVersions(trapline: "test", verilator: "Verilator 5", iverilog: "Icarus Verilog 12")

    static func run(_ dir: URL, shard: Shard = .whole, fault: Bool = false, seed: UInt64 = 7) throws -> CampaignResult {
        // A budget no run reaches: --streams fixes the work, and a spent budget would skip an
        // Icarus sample on a loaded machine (the secondary stops when the budget is spent).
        var o = CampaignTests.options(dir, budget: 600)
        o.seed = seed
        o.shard = shard
        o.streams = 3
        o.commandsPerSeed = 1_000
        o.parameterFlags = CampaignIdentity.flags(o.config)   // as the CLI sets them (a document derives them)
        let c = RouterConfig.default
        let primary = SoftwareRouter(name: "verilator", config: c) { _, _, r in
            fault && r.kind == ResponseKind.vmfailValid && r.error == 65 ? .vmfailValid(12) : r
        }
        return try Campaign(options: o, primary: primary, secondary: SoftwareRouter(name: "icarus", config: c)).run()
    }

    static func document(_ r: CampaignResult) -> ResultsDocument {
        ResultsDocument(r, tools: tools, rtlSHA256: String(repeating: "a", count: 64))
    }

    @Test func aMismatchReadsBackAsTheSameResult() throws {
        let r = try ResultsTests.run(try RepoPaths.scratchDirectory("results-roundtrip"), fault: true)
        let doc = ResultsTests.document(r)
        let data = try doc.jsonData()
        #expect(try doc.jsonData() == data, "sorted keys: the same document gives the same bytes")
        let back = try ResultsDocument.decode(data)
        #expect(back == doc)
        let again = back.campaignResult()
        #expect(Summary.text(again) == Summary.text(r))
        #expect(JUnitReport.xml(again) == JUnitReport.xml(r))
        #expect(again.divergences.count == r.divergences.count)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"formatVersion\" : 1") && text.contains("\"verdict\" : \"MISMATCH\""))
        #expect(text.contains("\"replay\" : \"trapline cosim "))
        #expect(doc.coverage.bins.count == r.coverage.model.binCount)
    }

    @Test func twoShardsMergeIntoTheCampaignOfOneRun() throws {
        let dir = try RepoPaths.scratchDirectory("results-shards")
        let whole = ResultsTests.document(try ResultsTests.run(dir))
        let shards = try (1...2).map { ("s\($0).json", ResultsTests.document(try ResultsTests.run(dir, shard: try Shard.parse("\($0)/2")))) }
        let merged = try ResultsMerge.merge(shards.reversed())
        #expect(merged.verdict == whole.verdict)
        #expect(merged.coverage.bins.map(\.hits) == whole.coverage.bins.map(\.hits))
        #expect(merged.coverage.bins.map(\.randomHits) == whole.coverage.bins.map(\.randomHits))
        #expect(merged.randomStreams == 3 && merged.reference.commands == whole.reference.commands)
        // The same scenarios and streams; Icarus samples the first stream of each shard (one sample per shard).
        let primary = { (d: ResultsDocument) in Set(d.testcases.map(\.name).filter { !$0.hasSuffix(" sample (icarus)") }) }
        #expect(primary(merged) == primary(whole))
        #expect(merged.testcases.filter { $0.name.hasSuffix(" sample (icarus)") }.count == 2)
        #expect(merged.shards.map(\.index) == [1, 2] && merged.shards.map(\.file) == ["s1.json", "s2.json"])
        #expect(merged.merge == MergeNotes(files: 2, missing: []))
        let summary = Summary.text(merged.campaignResult())
        #expect(summary.hasPrefix("trapline merge: seed 7, 2 of 2 shards merged,"))
        #expect(summary.hasSuffix("verdict: EQUIVALENT"))
        // One shard alone: merged, but the other is reported missing.
        let half = try ResultsMerge.merge([shards[0]])
        #expect(half.merge?.missing == [2])
        #expect(Summary.text(half.campaignResult()).hasSuffix("verdict: EQUIVALENT (INCOMPLETE: 1 of 2 shards missing)"))
    }

    @Test func filesOfAnotherCampaignAreRefusedByName() throws {
        let dir = try RepoPaths.scratchDirectory("results-refused")
        let one = ResultsTests.document(try ResultsTests.run(dir, shard: try Shard.parse("1/2")))
        var other = one
        other.shard.index = 2
        other.campaign.seed = 8
        #expect(message { try ResultsMerge.merge([("a.json", one), ("b.json", other)]) }
            == "b.json is not a shard of the campaign of a.json: campaign.seed is 8 there and 7 in a.json; merge only the shards of one campaign (same --seed, parameters, RTL, --shard count, --budget, --stream-commands, --streams)")
        other = one; other.shard.index = 2; other.campaign.rtlSHA256 = String(repeating: "b", count: 64)
        #expect(message { try ResultsMerge.merge([("a.json", one), ("b.json", other)]) }.contains("campaign.rtlSHA256 is \"bbbb"))
        other = one; other.shard.index = 2; other.campaign.parameters.vmms = 8
        #expect(message { try ResultsMerge.merge([("a.json", one), ("b.json", other)]) }.contains("campaign.parameters.vmms is 8 there and 4 in a.json"))
        other = one; other.formatVersion = 2
        #expect(message { try ResultsMerge.merge([("a.json", one), ("b.json", other)]) }.hasPrefix("b.json: format trapline-equiv-results version 2; this trapline reads trapline-equiv-results version 1"))
        #expect(message { try ResultsMerge.merge([("a.json", one), ("c.json", one)]) }
            == "shard 1/2 is given twice: a.json and c.json; give each shard's file once")
    }

    private func message(_ body: () throws -> ResultsDocument) -> String {
        do { _ = try body(); return "merged" } catch { return (error as? ResultsMerge.Problem)?.message ?? "\(error)" }
    }
}
