import Foundation
import Testing
import TestSupport

/// Issue 14, item 12: `--budget` bounds the Icarus share of the campaign too
/// (and Verilator's directed suite, see CampaignTests):
/// no Icarus scenario starts once the budget is spent (the first always runs),
/// and the summary says how many ran. Before: the Icarus directed suite
/// always ran whole (a 30 s budget on a slower RTL took 95 s).
@Suite struct EquivBudgetCLITests {
    @Test func icarusStopsWhenTheBudgetIsSpentAndSaysHowMuchRan() throws {
        let dir = try RepoPaths.scratchDirectory("equiv-budget")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Tools.run(try RepoPaths.traplineExecutable().path,
                              ["equiv", "--budget", "1", "--no-random", "--out", dir.path],
                              environment: CosimCommandTests.environment)
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("  icarus     ") }, "\(r.stdout)")
        let match = try #require(line.firstMatch(of: /budget spent: (\d+) of (\d+) scenarios and samples run, (\d+) not run/), "\(line)")
        let (ran, planned, skipped) = (Int(match.1)!, Int(match.2)!, Int(match.3)!)
        #expect(ran >= 1 && skipped >= 1 && ran + skipped == planned, "\(line)")
        #expect(line.contains(" in \(ran) runs,"), "one run per scenario that ran: \(line)")
        // Verilator's directed suite is bounded too (EquivalenceTests.CampaignTests.theBudgetBoundsTheDirectedSuite);
        // the directed line counts what it ran.
        let verilator = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("  verilator  ") }, "\(r.stdout)")
        let ranOnVerilator = verilator.firstMatch(of: /budget spent: (\d+) of/).map { Int($0.1)! } ?? planned
        #expect(r.stdout.contains("  directed   \(ranOnVerilator) scenarios and sweeps, 0 failing"), "\(r.stdout)")
    }
}
