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
        let r = try mutate(Self.small + ["--count", "3", "--seed", "1", "--budget-per-mutant", "0", "--sampled-sweeps", "--no-icarus-recheck",
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
        // Seed 1's mutants change with the RTL (the router's invariants moved every line): any killed one
        // is named with what killed it, how fast, and its source text in the table.
        let bad = try #require(mutants.first { $0["verdict"] as? String == "killed" }, "no mutant of seed 1 was killed: \(r.stdout)")
        #expect(["directed", "random"].contains(bad["killedIn"] as? String ?? ""), "\(bad)")
        #expect(((bad["commandsToKill"] as? Int) ?? 0) > 0, "\(bad)")
        let text = try #require(bad["sourceText"] as? String)
        #expect(r.stdout.contains(text), "the table shows the line's text: \(r.stdout)")
        let killed = try #require(report["killed"] as? Int), survived = try #require(report["survived"] as? Int)
        #expect(killed + survived == 3 && killed >= 1)
        if survived > 0 {
            #expect(r.stdout.contains("survivors:") && r.stdout.contains("may be equivalent mutants"), "\(r.stdout)")
        }
    }

    /// Seed 1's mutant 26 of forty at the smallest parameters ties bit 20 of the field
    /// encoding's compare with HOST_RIP low, so a VMREAD of the invalid encoding 0x106c16
    /// reads HOST_RIP: it survives a short campaign (one stream, sampled sweeps). Run alone
    /// (`--only 26`), the survivor check finds with the `prove --against` miter a trace
    /// that shows it, and that trace replayed on the mutant is a mismatch (exit 1).
    @Test func aSurvivorThatChangesBehaviourIsShownDifferentWithATrace() throws {
        let dir = try RepoPaths.scratchDirectory("mutate-prove")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try mutate(ProveCommandTests.small + ["--count", "40", "--seed", "1", "--only", "26", "--streams", "1",
                                                      "--budget-per-mutant", "0", "--sampled-sweeps", "--no-icarus-recheck", "--prove-survivors", "8",
                                                      "--out", dir.path, "--json", dir.appendingPathComponent("m.json").path])
        #expect(r.status == 0, "\(r.stderr.suffix(800))")
        #expect(r.stdout.contains("survived   1"), "\(r.stdout)")
        // The check is in the JSON report too.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("m.json"))) as? [String: Any]
        let checks = try #require(json?["survivorChecks"] as? [[String: Any]], "\(String(describing: json?.keys))")
        #expect(checks.count == 1 && checks.first?["id"] as? Int == 26 && checks.first?["verdict"] as? String == "different")
        #expect((checks.first?["replay"] as? String)?.hasPrefix("trapline cosim ") == true && checks.first?["trace"] is String)
        #expect(r.stdout.contains("survivors checked against the RTL (prove --against, abc bmc3 to depth 8"), "\(r.stdout)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("field_hit_host_rip = cmd_field == FIELD_HOST_RIP;): DIFFERENT at cycle") },
                                "\(r.stdout)")
        #expect(line.contains("the campaign missed it"), "\(line)")
        #expect(r.stdout.contains("1 differ from the RTL within depth 8 (holes in the campaign), 0 equal to that depth"), "\(r.stdout)")
        let replay = try #require(r.stdout.split(separator: "\n").first { $0.contains("replay: trapline cosim") })
        let args = replay.components(separatedBy: "replay: trapline ").last!.split(separator: " ").map { $0 == "''" ? "" : String($0) }
        let cosim = try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
        #expect(cosim.status == 1, "\(cosim.stderr)")
        #expect(cosim.stderr.contains("mismatch at command"), "\(cosim.stderr)")
    }

    @Test func proveSurvivorsNeedsTheBitmapsOff() throws {
        let r = try mutate(["--count", "2", "--prove-survivors", "8"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--prove-survivors with the I/O bitmaps on"), "\(r.stderr)")
        let d = try mutate(["--count", "2", "--no-io-bitmaps", "--prove-survivors", "0"])
        #expect(d.status == 2)
        #expect(d.stderr.contains("--prove-survivors 0: give the depth in cycles, 1 to 100"), "\(d.stderr)")
        let o = try mutate(["--count", "40", "--only", "41"])
        #expect(o.status == 2)
        #expect(o.stderr.contains("--only 41: give mutant ids from 1 to 40 (--count 40)"), "\(o.stderr)")
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
