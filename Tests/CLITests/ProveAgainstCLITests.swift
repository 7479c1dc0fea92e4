import Foundation
import Testing
import TestSupport

/// `trapline prove --against`: bounded sequential equivalence of two router RTLs with the
/// real Yosys and ABC, at the smallest parameters and a short depth.
/// `Tests/Fixtures/router_971782a_small.v` is the router as the generator wrote it before
/// the RTL-quality work (commit 971782a, `trapline generate` at these parameters): 4,343
/// lines against today's few hundred, the same behaviour.
@Suite struct ProveAgainstCLITests {
    static let small = ProveCommandTests.small

    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    static var previousRouter: URL { RepoPaths.root.appendingPathComponent("Tests/Fixtures/router_971782a_small.v") }

    @Test func theOptimisedRouterEqualsThePreviousOne() throws {
        let dir = try RepoPaths.scratchDirectory("against-previous")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try trapline(["prove", "--against", Self.previousRouter.path, "--depth", "6", "--timeout", "600",
                              "--out", dir.path] + Self.small)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("the n-th response of each"), "\(r.stdout)")
        #expect(r.stdout.contains("EQUAL TO DEPTH 6 (abc bmc3"), "\(r.stdout)")
    }

    /// A copy of the generated router whose VMfailValid number for a bad field value is 9
    /// instead of 7: DIFFERENT, a trace, a VCD, and replays that name the broken copy.
    @Test func aChangedErrorNumberIsADifferenceWithATraceThatNamesTheBrokenDesign() throws {
        let dir = try RepoPaths.scratchDirectory("against-broken")
        defer { try? FileManager.default.removeItem(at: dir) }
        let constant = "localparam [7:0] ERR_INVALID_FIELD_VALUE = 8'd7;"
        let (good, broken) = try ProveCommandTests.routerCopy(in: dir) {
            $0.replacingOccurrences(of: constant, with: "localparam [7:0] ERR_INVALID_FIELD_VALUE = 8'd9;")
        }
        #expect(good.contains(constant))

        let out = dir.appendingPathComponent("proof")
        let r = try trapline(["prove", "--against", broken.path, "--depth", "8", "--timeout", "300", "--out", out.path] + Self.small)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("DIFFERENT at cycle"), "\(r.stdout)")
        #expect(r.stdout.contains("difference: rsp_error of the n-th response differs"), "\(r.stdout)")
        #expect(r.stdout.contains("so the difference is \(broken.path)'s"), "\(r.stdout)")
        let trace = try String(contentsOf: out.appendingPathComponent("difference.jsonl"), encoding: .utf8)
        #expect(trace.contains("\"op\":\"vmwrite\""), "\(trace)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("group_against_cex.vcd").path))

        // The printed replay of the broken copy, run as printed: exit 1, a mismatch.
        guard let line = r.stdout.split(separator: "\n").first(where: { $0.contains("replay \(broken.path): trapline cosim") }) else {
            Issue.record("no replay line: \(r.stdout)"); return
        }
        let args = line.components(separatedBy: ": trapline ").last!.split(separator: " ").map { $0 == "''" ? "" : String($0) }
        let cosim = try trapline(args)
        #expect(cosim.status == 1, "\(cosim.stderr)")
        #expect(cosim.stderr.contains("mismatch at command"), "\(cosim.stderr)")
    }

    /// A copy that never raises rsp_valid: no response ever to compare, so only the lag
    /// check can see it ("gave no response where the first gave one").
    @Test func aDesignThatNeverRespondsIsDifferent() throws {
        let dir = try RepoPaths.scratchDirectory("against-silent")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try trapline(["generate", "--out", dir.path] + Self.small).status == 0)
        let good = try String(contentsOf: dir.appendingPathComponent("trapline_router.v"), encoding: .utf8)
        let drive = "assign rsp_valid = rsp_valid_q;"
        #expect(good.contains(drive))
        let silent = dir.appendingPathComponent("silent_router.v")
        try good.replacingOccurrences(of: drive, with: "assign rsp_valid = 1'b0;").write(to: silent, atomically: true, encoding: .utf8)
        let r = try trapline(["prove", "--against", silent.path, "--depth", "10", "--timeout", "300", "--no-replay",
                              "--out", dir.appendingPathComponent("proof").path] + Self.small)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("DIFFERENT at cycle"), "\(r.stdout)")
        #expect(r.stdout.contains("difference: the second design gave no response where the first gave one"), "\(r.stdout)")
    }

    @Test func badInputIsExitTwoBeforeAnyWork() throws {
        let bitmaps = try trapline(["prove", "--against", Self.previousRouter.path, "--vmms", "2"])
        #expect(bitmaps.status == 2)
        #expect(bitmaps.stderr.contains("--against with the I/O bitmaps on"), "\(bitmaps.stderr)")
        let exact = try trapline(["prove", "--cycle-exact"] + Self.small)
        #expect(exact.status == 2)
        #expect(exact.stderr.contains("--cycle-exact needs --against OTHER.v"), "\(exact.stderr)")
        let missing = try trapline(["prove", "--against", "/nonexistent/router.v"] + Self.small)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--against /nonexistent/router.v: cannot read the file"), "\(missing.stderr)")
        let both = try trapline(["prove", "--against", Self.previousRouter.path, "--property", "handshake"] + Self.small)
        #expect(both.status == 2)
        #expect(both.stderr.contains("--property and --against"), "\(both.stderr)")
    }

    @Test func aFileWithoutTheRouterModuleIsExitTwoNamingYosysLines() throws {
        let dir = try RepoPaths.scratchDirectory("against-renamed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = dir.appendingPathComponent("renamed.v")
        try "module my_router(input wire clk); endmodule\n".write(to: other, atomically: true, encoding: .utf8)
        let r = try trapline(["prove", "--against", other.path, "--depth", "2", "--out", dir.appendingPathComponent("w").path] + Self.small)
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("could not be read and joined by yosys"), "\(r.stderr)")
    }
}
