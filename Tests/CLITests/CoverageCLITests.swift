import Foundation
import Testing
import TestSupport

/// Issue 14, item 10: coverage is counted from what the RTL answered, not from
/// the commands the reference ran. Before: a router that never accepts a
/// command reported `coverage 100.0% (645/645 bins)` beside 46 failing scenarios.
@Suite struct CoverageCLITests {
    @Test func anRTLThatNeverAcceptsACommandCoversNothing() throws {
        let dir = try RepoPaths.scratchDirectory("coverage-stuck")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rtl = try ProcessSafetyCLITests.fixture("stuck.v", replacing: "    assign cmd_ready = rsp_slot_free;",
                                                    with: "    assign cmd_ready = 1'b0;", in: dir)
        let r = try Tools.run(try RepoPaths.traplineExecutable().path,
                              ["equiv", "--rtl", rtl, "--no-random", "--budget", "1", "--icarus-sample", "0",
                               "--shrink-seconds", "1", "--out", dir.appendingPathComponent("out").path],
                              environment: CosimCommandTests.environment)
        #expect(r.status == 1, "\(r.stderr.suffix(500))")
        #expect(r.stdout.contains("verdict: MISMATCH"))
        #expect(r.stdout.contains("  coverage   0.0% (0/"), "\(r.stdout.prefix(800))")
    }
}
