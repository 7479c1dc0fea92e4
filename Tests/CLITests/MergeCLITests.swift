import Foundation
import Testing
import TestSupport

/// `trapline equiv --results` and `trapline merge` on the real simulators:
/// two shards of a campaign with a fixed stream count merge into the verdict
/// and coverage bins of one run of the same seed; files of another campaign,
/// broken files and a missing shard are exit 2 naming the file and what is wrong.
@Suite(.serialized) struct MergeCLITests {
    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    /// A small campaign: the directed suite and 3 short random streams (the stream count is
    /// fixed, so the union of the shards is exactly the one-job campaign), Icarus for 1 s.
    func equiv(_ dir: URL, shard: String, seed: Int = 5, extra: [String] = []) throws -> (Tools.Result, URL) {
        let results = dir.appendingPathComponent("shard-\(shard.replacingOccurrences(of: "/", with: "of"))-seed\(seed).json")
        let r = try trapline(["equiv", "--seed", "\(seed)", "--budget", "1", "--streams", "3", "--stream-commands", "500",
                              "--icarus-sample", "100", "--shard", shard, "--out", dir.appendingPathComponent("out").path,
                              "--results", results.path] + extra)
        return (r, results)
    }

    static func bins(_ url: URL) throws -> [Int] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let coverage = object?["coverage"] as? [String: Any]
        return (coverage?["bins"] as? [[String: Any]] ?? []).map { $0["hits"] as? Int ?? -1 }
    }

    @Test func twoShardsMergeIntoTheVerdictAndCoverageOfOneRun() throws {
        let dir = try RepoPaths.scratchDirectory("merge-cli")
        let (one, whole) = try equiv(dir, shard: "1/1")
        #expect(one.status == 0, "\(one.stderr.suffix(800))")
        let (a, first) = try equiv(dir, shard: "1/2")
        let (b, second) = try equiv(dir, shard: "2/2", extra: ["--html", dir.appendingPathComponent("shard2.html").path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr.suffix(400))\n\(b.stderr.suffix(400))")
        let merged = dir.appendingPathComponent("merged.json"), html = dir.appendingPathComponent("merged.html")
        let junit = dir.appendingPathComponent("merged.xml")
        let m = try trapline(["merge", second.path, first.path, "--results", merged.path, "--html", html.path, "--junit", junit.path])
        #expect(m.status == 0, "\(m.stdout)\n\(m.stderr)")
        #expect(m.stdout.hasPrefix("trapline merge: seed 5, 2 of 2 shards merged, budget 1 s, rtl generated"))
        #expect(m.stdout.contains("  random     3 streams (fixed at 3) of 500 commands, 0 failing"))
        #expect(m.stdout.contains("  shard 1/2  EQUIVALENT") && m.stdout.contains("  shard 2/2  EQUIVALENT"))
        #expect(m.stdout.hasSuffix("verdict: EQUIVALENT\n"))
        let wholeBins = try MergeCLITests.bins(whole)
        #expect(wholeBins.count > 600)
        #expect(try MergeCLITests.bins(merged) == wholeBins, "merged hit counts equal the one-job run's, bin by bin")
        let wholeCoverage = one.stdout.split(separator: "\n").first { $0.hasPrefix("  coverage") }
        #expect(wholeCoverage != nil && wholeCoverage == m.stdout.split(separator: "\n").first { $0.hasPrefix("  coverage") })
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.contains("verdict: EQUIVALENT") && text.contains("<table id=\"shards\">"))
        #expect(try String(contentsOf: junit, encoding: .utf8).contains("failures=\"0\""))
        // The tool versions and the RTL digest are in every shard's file.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: first)) as? [String: Any])
        let tools = try #require(doc["tools"] as? [String: String])
        #expect(tools["verilator"]?.hasPrefix("Verilator") == true && tools["iverilog"]?.contains("Icarus Verilog") == true)
        let digest = try #require((doc["campaign"] as? [String: Any])?["rtlSHA256"] as? String)
        #expect(digest.count == 64)

        // A missing shard: summary, then exit 2 naming it (the verdict covers half the campaign).
        let half = try trapline(["merge", first.path])
        #expect(half.status == 2 && half.stdout.contains("verdict: EQUIVALENT (INCOMPLETE: 1 of 2 shards missing)"))
        #expect(half.stderr.contains("trapline: error: shard 2/2 missing: no verdict on the whole campaign; run it with --results and merge again (or --allow-missing"), "\(half.stderr)")
        #expect(try trapline(["merge", first.path, "--allow-missing"]).status == 0)

        // Another campaign's shard (seed 6): exit 2 naming the file and the field, nothing written.
        let (c, otherSeed) = try equiv(dir, shard: "2/2", seed: 6, extra: ["--no-random"])
        #expect(c.status == 0)
        let out = dir.appendingPathComponent("not-written.json")
        let odd = try trapline(["merge", first.path, otherSeed.path, "--results", out.path])
        #expect(odd.status == 2 && odd.stdout.isEmpty)
        #expect(odd.stderr.contains("trapline: error: \(otherSeed.path) is not a shard of the campaign of \(first.path): campaign.seed is 6 there and 5 in \(first.path)"), "\(odd.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // The same shard twice.
        let twice = try trapline(["merge", first.path, first.path])
        #expect(twice.status == 2 && twice.stderr.contains("shard 1/2 is given twice: \(first.path) and \(first.path)"))
    }

    @Test func brokenInputIsExitTwoNamingTheFile() throws {
        let dir = try RepoPaths.scratchDirectory("merge-bad")
        let junk = dir.appendingPathComponent("junk.json")
        try "{\"format\": 3".write(to: junk, atomically: true, encoding: .utf8)
        let missing = dir.appendingPathComponent("absent.json")
        let r1 = try trapline(["merge", junk.path])
        #expect(r1.status == 2 && r1.stderr.contains("trapline: error: \(junk.path): not a trapline results file (not JSON); give the file written by trapline equiv --results"), "\(r1.stderr)")
        let partial = dir.appendingPathComponent("partial.json")
        try "{\"format\": \"trapline-equiv-results\"}".write(to: partial, atomically: true, encoding: .utf8)
        let r2 = try trapline(["merge", partial.path])
        #expect(r2.status == 2 && r2.stderr.contains("\(partial.path): not a trapline results file ("), "\(r2.stderr)")
        #expect(r2.stderr.contains(" is missing)"), "\(r2.stderr)")
        let r3 = try trapline(["merge", missing.path])
        #expect(r3.status == 2 && r3.stderr.contains("\(missing.path): cannot read it ("), "\(r3.stderr)")
        let r4 = try trapline(["merge"])
        #expect(r4.status == 2 && r4.stderr.contains("give the results files of the shards"))
        // Report paths are checked before the run, as --junit is.
        let r5 = try trapline(["equiv", "--budget", "1", "--results", dir.path, "--out", dir.appendingPathComponent("o").path])
        #expect(r5.status == 2 && r5.stderr.contains("--results \(dir.path) is a folder; give the path of the results JSON file to write (e.g. \(dir.path)/results.json)"), "\(r5.stderr)")
        #expect(r5.stdout.isEmpty && !r5.stderr.contains("building"))
        let r6 = try trapline(["equiv", "--budget", "1", "--results", "/no/such/dir/r.json", "--html", "/no/such/x.html"])
        #expect(r6.status == 2 && r6.stderr.contains("--results /no/such/dir/r.json: the folder /no/such/dir does not exist"))
        let same = dir.appendingPathComponent("r.json").path
        let r7 = try trapline(["equiv", "--budget", "1", "--results", same, "--html", same])
        #expect(r7.status == 2 && r7.stderr.contains("--results and --html both name \(same); give each report its own file"), "\(r7.stderr)")
        let r8 = try trapline(["equiv", "--streams", "0"])
        #expect(r8.status == 2 && r8.stderr.contains("--streams 0: give 1 to 1000000 random streams"))
    }
}
