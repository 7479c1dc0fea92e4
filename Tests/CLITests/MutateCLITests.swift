import Foundation
import Testing
import TestSupport

/// Issue 15 item 6: `trapline mutate`, the mutation score of the equivalence campaign.
/// Three Yosys mutants of the router at small parameters, a zero random budget and
/// sampled sweeps (about 30 s with a cold model cache).
@Suite struct MutateCLITests {
    static let small = ["--vmms", "3", "--guests", "2", "--io-ranges", "1", "--no-io-bitmaps"]

    func mutate(_ args: [String], environment: [String: String] = CosimCommandTests.environment) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["mutate"] + args, environment: environment)
        return (r.status, r.stdout, r.stderr)
    }

    /// Seed 1 picks, among three, a mutant that ties `if (event_path)` low: every
    /// event goes down the instruction path, so the directed suite must kill it.
    /// The report names each mutant's source line with its text, and the JSON agrees.
    @Test func killsAKnownBadMutantAndNamesTheSourceLines() throws {
        let dir = try RepoPaths.scratchDirectory("mutate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("mutate.json")
        let r = try mutate(Self.small + ["--count", "3", "--seed", "1", "--budget-per-mutant", "0", "--sampled-sweeps",
                                         "--out", dir.appendingPathComponent("out").path, "--json", json.path])
        #expect(r.status == 0, "\(r.stderr.suffix(800))")
        #expect(r.stderr.contains("mutant 1/3: "), "progress line per mutant: \(r.stderr)")
        #expect(r.stdout.contains("  score      "), "\(r.stdout)")
        #expect(r.stdout.contains("median time to kill"), "\(r.stdout)")
        let data = try Data(contentsOf: json)
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let mutants = try #require(report["mutants"] as? [[String: Any]])
        #expect(mutants.map { $0["id"] as? Int } == [1, 2, 3], "numbered in the order Yosys listed them")
        for m in mutants {
            let source = try #require(m["source"] as? String)
            #expect(source.firstMatch(of: /trapline_router\.v:\d+$/) != nil, "\(source)")
            #expect(!((m["sourceText"] as? String) ?? "").isEmpty, "\(m)")
        }
        let bad = try #require(mutants.first { ($0["sourceText"] as? String) == "if (event_path) begin" },
                               "the known-bad mutant is not among seed 1's: \(r.stdout)")
        #expect(bad["verdict"] as? String == "killed", "\(bad)")
        #expect(bad["killedIn"] as? String == "directed", "\(bad)")
        #expect(((bad["commandsToKill"] as? Int) ?? 0) > 0, "\(bad)")
        #expect(r.stdout.contains("if (event_path) begin"), "the table shows the line's text: \(r.stdout)")
        let killed = try #require(report["killed"] as? Int), survived = try #require(report["survived"] as? Int)
        #expect(killed + survived == 3 && killed >= 1)
        if survived > 0 {
            #expect(r.stdout.contains("survivors:") && r.stdout.contains("may be equivalent mutants"), "\(r.stdout)")
        }
    }

    @Test func badCountIsExitTwoNamingTheOption() throws {
        let r = try mutate(["--count", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--count 0: give the number of mutants, 1 to"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func missingYosysIsExitThreeWithTheInstallCommand() throws {
        var env = CosimCommandTests.environment
        env["TRAPLINE_YOSYS"] = "/nonexistent/yosys"
        let r = try mutate(["--count", "2", "--out", try RepoPaths.scratchDirectory("mutate-no-yosys").path], environment: env)
        #expect(r.status == 3)
        #expect(r.stderr.contains("apt-get install -y yosys"), "\(r.stderr)")
    }
}
