import Foundation
import Testing
import TestSupport

/// `trapline prove` with the real model checkers (yosys, yosys-abc) at the smallest
/// parameters and a short depth (the deep runs are `make prove`): the generated router
/// satisfies all six properties, and a copy with one rule broken fails with a
/// counterexample trace that `trapline cosim` replays to a divergence.
@Suite struct ProveCommandTests {
    static let small = ["--vmms", "2", "--guests", "1", "--io-ranges", "0", "--platform-vmm", "0", "--static-map", "", "--no-io-bitmaps"]

    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    static let provable = ["target_exists", "handshake", "unlisted_fields_zero", "route_lock", "vmm_isolation", "guest_no_vmsucceed"]

    @Test func theGeneratedRouterSatisfiesEveryProperty() throws {
        let dir = try RepoPaths.scratchDirectory("prove-small")
        let only = Self.provable.flatMap { ["--property", $0] }
        let r = try trapline(["prove", "--depth", "4", "--timeout", "600", "--out", dir.path] + only + Self.small)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        for tag in Self.provable {
            let line = r.stdout.split(separator: "\n").first { $0.contains(" \(tag) ") }
            #expect(line?.contains("PROVED (abc pdr, unbounded)") == true, "\(tag): \(r.stdout)")
        }
        #expect(r.stdout.contains("summary: 6 proved, 0 bounded, 0 failed (BMC depth 4)"), "\(r.stdout)")
    }

    /// The read-back of the routing fields (4b) needs an invariant over every field that pdr
    /// does not find within a short limit: BMC to depth 4, then HOLDS TO DEPTH 4, exit 0.
    @Test func theReadBackHoldsToTheBMCDepth() throws {
        let dir = try RepoPaths.scratchDirectory("prove-readback")
        let r = try trapline(["prove", "--property", "route_lock_readback", "--depth", "4", "--timeout", "15", "--out", dir.path] + Self.small)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("4b route_lock_readback"), "\(r.stdout)")
        #expect(r.stdout.contains("HOLDS TO DEPTH 4") || r.stdout.contains("PROVED"), "\(r.stdout)")
        #expect(r.stdout.contains("abc bmc3"), "\(r.stdout)")
    }

    /// The generated router with the ROUTED target of events with vector 99 forced to 2
    /// (one past the last VMM): FAILED, a trace, a VCD, and a replay that diverges.
    @Test func aBrokenTargetRuleFailsWithAReplayableCounterexample() throws {
        let dir = try RepoPaths.scratchDirectory("prove-broken")
        #expect(try trapline(["generate", "--out", dir.path] + Self.small).status == 0)
        let good = try String(contentsOf: dir.appendingPathComponent("trapline_router.v"), encoding: .utf8)
        let rule = "rsp_target <= target_vmm;"
        #expect(good.contains(rule))
        let broken = dir.appendingPathComponent("broken_router.v")
        try good.replacingOccurrences(of: rule, with: "rsp_target <= (cmd_vector == 8'd99) ? 4'd2 : target_vmm;")
            .write(to: broken, atomically: true, encoding: .utf8)

        let out = dir.appendingPathComponent("proof")
        let r = try trapline(["prove", "--rtl", broken.path, "--property", "target_exists", "--depth", "6", "--timeout", "120",
                              "--out", out.path] + Self.small)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("target_exists          FAILED at cycle"), "\(r.stdout)")
        #expect(r.stdout.contains("assertion: target_exists:"), "\(r.stdout)")
        #expect(r.stdout.contains("replay under Verilator: diverges from the reference"), "\(r.stdout)")
        let trace = out.appendingPathComponent("counterexample_target_exists.jsonl")
        let commands = try String(contentsOf: trace, encoding: .utf8)
        #expect(commands.contains("\"vector\":99"), "\(commands)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("group_target_exists_cex.vcd").path))

        // The printed replay line, run as printed: exit 1, a mismatch.
        guard let replay = r.stdout.split(separator: "\n").first(where: { $0.contains("replay: trapline cosim") }) else {
            Issue.record("no replay line: \(r.stdout)"); return
        }
        var args = replay.components(separatedBy: "replay: trapline ").last!.split(separator: " ").map(String.init)
        args = args.map { $0 == "''" ? "" : $0 }
        let cosim = try trapline(args)
        #expect(cosim.status == 1, "\(cosim.stderr)")
        #expect(cosim.stderr.contains("mismatch at command"), "\(cosim.stderr)")
    }

    @Test func badInputIsExitTwo() throws {
        let r = try trapline(["prove", "--property", "nonsense"] + Self.small)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--property nonsense: no such property"), "\(r.stderr)")
        let d = try trapline(["prove", "--depth", "0"] + Self.small)
        #expect(d.status == 2)
        let missing = try trapline(["prove", "--rtl", "/nonexistent/router.v"] + Self.small)
        #expect(missing.status == 2, "\(missing.stderr)")
    }

    @Test func aMissingModelCheckerIsExitThree() throws {
        var env = CosimCommandTests.environment
        env["TRAPLINE_YOSYS_ABC"] = "/nonexistent/yosys-abc"
        let dir = try RepoPaths.scratchDirectory("prove-no-abc")
        let r = try Tools.run(try RepoPaths.traplineExecutable().path,
                              ["prove", "--property", "guest_no_vmsucceed", "--depth", "2", "--out", dir.path] + Self.small,
                              environment: env)
        #expect(r.status == 3, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("yosys-abc is required but missing"), "\(r.stderr)")
        #expect(r.stderr.contains("apt-get install -y yosys"), "\(r.stderr)")
    }
}
