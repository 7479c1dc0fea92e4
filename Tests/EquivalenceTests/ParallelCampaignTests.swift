import Foundation
@testable import Equivalence
import RouterModel
import RouterSim
import Testing
import TestSupport

/// Issue 15, item 7: `--jobs N` runs random streams on N workers. Whatever the
/// workers' timing, the campaign is the one a single worker runs: the same
/// streams in the same order, the same coverage, and the same first failure.
@Suite struct ParallelCampaignTests {
    func run(jobs: Int, streams: Int, primary: SoftwareRouter, label: String, driven: Bool = true) throws -> CampaignResult {
        let dir = try RepoPaths.scratchDirectory("campaign-jobs-\(label)-\(jobs)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = CampaignTests.options(dir)
        o.streams = streams
        o.jobs = jobs
        o.coverageDriven = driven
        o.runDirected = false
        o.waveOnMismatch = false
        return try Campaign(options: o, primary: primary, secondary: nil).run()
    }

    @Test(arguments: [2, 3])
    func workersRunTheSameCampaignAsOne(jobs: Int) throws {
        let router = SoftwareRouter(name: "verilator", config: .default)
        let one = try run(jobs: 1, streams: 7, primary: router, label: "same")
        let many = try run(jobs: jobs, streams: 7, primary: router, label: "same")
        #expect(many.testcases.map(\.name) == one.testcases.map(\.name))
        #expect(many.testcases.map(\.name).last == "seed 0x\(String(Shard.streamSeed(campaign: 1, stream: 6), radix: 16)) (stream 6)")
        #expect(many.randomSeeds == 7 && many.verdict == "EQUIVALENT")
        #expect(many.coverage.counts == one.coverage.counts)
        #expect(many.simulators.first?.commands == one.simulators.first?.commands)
        let p = try #require(many.parallel)
        #expect(p.workers == jobs && p.singleRate > 0 && p.parallelRate > 0)
        #expect(Summary.text(many).contains("  workers    \(jobs): ") && Summary.text(many).contains("speed-up over one worker"))
        // One worker has no speed-up to report.
        #expect(Summary.text(one).contains("  workers    1: ") && !Summary.text(one).contains("speed-up"))
    }

    /// A fault several streams meet: the divergences are in stream order, and the one
    /// shrunk is the lowest failing stream's, as with one worker.
    @Test func theFirstFailureIsTheLowestFailingStream() throws {
        // Fault: a rare routed exit names the wrong target: of streams 0-7 only 1 and 6
        // meet it (3000 commands each), so the first stream, run alone, passes. Plain random
        // streams: the fault was placed on them (coverage-driven streams are other commands).
        let faulty = SoftwareRouter(name: "verilator", config: .default) { _, _, r in
            r.kind == ResponseKind.routed && (r.qual ^ r.entry ^ UInt64(r.reason)) % 3001 == 5 ? Response.routed(
                target: Int(r.target ^ 1), isSelf: r.isSelf, fallback: r.fallback, policy: r.policy, from: Entity(raw: r.from),
                reason: r.reason, qual: r.qual, info: r.info, errCode: r.errCode, entry: r.entry) : r
        }
        let one = try run(jobs: 1, streams: 8, primary: faulty, label: "fault", driven: false)
        let many = try run(jobs: 3, streams: 8, primary: faulty, label: "fault", driven: false)
        let first = try #require(one.divergences.first)
        #expect(first.testcase.hasSuffix("(stream 1)"), "\(first.testcase)")
        #expect(many.verdict == "MISMATCH")
        #expect(many.divergences.first?.testcase == first.testcase)
        #expect(many.shrink?.divergence.testcase == one.shrink?.divergence.testcase)
        let streams = many.divergences.compactMap { d in d.testcase.firstMatch(of: /stream (\d+)/).map { Int($0.1)! } }
        #expect(streams == streams.sorted())
    }
}
