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

    /// The router generated at the smallest parameters into `dir` (its text) and a copy of it
    /// changed by `edit` (`dir/broken_router.v`): the seeded bugs of the prove tests.
    static func routerCopy(in dir: URL, _ edit: (String) -> String) throws -> (original: String, copy: URL) {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["generate", "--out", dir.path] + small,
                              environment: CosimCommandTests.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let original = try String(contentsOf: dir.appendingPathComponent("trapline_router.v"), encoding: .utf8)
        let copy = dir.appendingPathComponent("broken_router.v")
        try edit(original).write(to: copy, atomically: true, encoding: .utf8)
        return (original, copy)
    }

    /// Every property at the smallest parameters, and the engine that closes it: the router's
    /// invariants, property 3 and (with the bridge to the router's registers) 4b by
    /// k-induction; the others, whose invariants relate the checker's tracking to the router's
    /// state, by pdr.
    static let engines: [(tag: String, engine: String)] = [
        ("invariant", "abc ind, k-induction"), ("target_exists", "abc pdr"), ("handshake", "abc pdr"),
        ("unlisted_fields_zero", "abc ind, k-induction"), ("route_lock", "abc pdr"),
        ("route_lock_readback", "abc ind, k-induction"), ("vmm_isolation", "abc pdr"), ("guest_no_vmsucceed", "abc pdr"),
    ]

    @Test func theGeneratedRouterSatisfiesEveryPropertyAndSaysWhichEngineClosedIt() throws {
        let dir = try RepoPaths.scratchDirectory("prove-small")
        let r = try trapline(["prove", "--depth", "4", "--timeout", "600", "--out", dir.path] + Self.small)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("router: 8 invariant assertions"), "\(r.stdout)")
        #expect(r.stdout.contains("4b: 3 bridge assertions"), "\(r.stdout)")
        for (tag, engine) in Self.engines {
            // The verdict line: "  <label> <tag>   PROVED (...)" (not "  router: 8 invariant ...").
            let line = r.stdout.split(separator: "\n").first { $0.range(of: "^  \\S+ \(tag) ", options: .regularExpression) != nil }
            #expect(line?.contains("PROVED (\(engine)") == true, "\(tag): \(r.stdout)")
        }
        #expect(r.stdout.contains("summary: 8 proved, 0 bounded, 0 failed (BMC depth 4)"), "\(r.stdout)")
    }

    /// A router given with `--rtl` gets no bridge (its registers are unknown): the read-back
    /// is then left to pdr, which does not close it within a short limit, and to BMC.
    @Test func withoutTheBridgeTheReadBackHoldsToTheBMCDepth() throws {
        let dir = try RepoPaths.scratchDirectory("prove-readback")
        #expect(try trapline(["generate", "--out", dir.path] + Self.small).status == 0)
        let rtl = dir.appendingPathComponent("trapline_router.v").path
        let r = try trapline(["prove", "--rtl", rtl, "--property", "route_lock_readback", "--depth", "4", "--timeout", "15",
                              "--out", dir.appendingPathComponent("proof").path] + Self.small)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("4b: no bridge"), "\(r.stdout)")
        #expect(r.stdout.contains("4b route_lock_readback"), "\(r.stdout)")
        #expect(r.stdout.contains("HOLDS TO DEPTH 4") || r.stdout.contains("PROVED"), "\(r.stdout)")
        #expect(r.stdout.contains("abc bmc3"), "\(r.stdout)")
    }

    /// A register driven with an illegal encoding (ROUTE[t]'s VMM field stored with bit 3
    /// set: VMM 8 or more, at V = 2) breaks the router's invariant: FAILED with a
    /// counterexample that names the assertion, and a trace.
    @Test func anIllegalRegisterEncodingFailsTheInvariant() throws {
        let dir = try RepoPaths.scratchDirectory("prove-invariant")
        let write = "route_vmm[cmd_field[6:1]] <= cmd_data[7:4];"
        let (good, broken) = try Self.routerCopy(in: dir) {
            $0.replacingOccurrences(of: write, with: "route_vmm[cmd_field[6:1]] <= cmd_data[7:4] | 4'd8;")
        }
        #expect(good.contains(write))
        let out = dir.appendingPathComponent("proof")
        let r = try trapline(["prove", "--rtl", broken.path, "--property", "invariant", "--depth", "6", "--timeout", "60",
                              "--no-replay", "--out", out.path] + Self.small)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("inv invariant            FAILED at cycle"), "\(r.stdout)")
        #expect(r.stdout.contains("assertion: invariant: route_vmm[t] < 2 (trapline_router.v:"), "\(r.stdout)")
        #expect(r.stdout.contains("summary: 0 proved, 0 bounded, 1 failed"), "\(r.stdout)")
        let trace = try String(contentsOf: out.appendingPathComponent("counterexample_invariant.jsonl"), encoding: .utf8)
        #expect(trace.contains("\"op\":\"vmwrite\""), "\(trace)")
    }

    /// The generated router with the ROUTED target of events with vector 99 forced to 2
    /// (one past the last VMM): FAILED, a trace, a VCD, and a replay that diverges.
    @Test func aBrokenTargetRuleFailsWithAReplayableCounterexample() throws {
        let dir = try RepoPaths.scratchDirectory("prove-broken")
        let rule = "rsp_target <= target_vmm;"
        let (good, broken) = try Self.routerCopy(in: dir) {
            $0.replacingOccurrences(of: rule, with: "rsp_target <= (cmd_vector == 8'd99) ? 4'd2 : target_vmm;")
        }
        #expect(good.contains(rule))

        let out = dir.appendingPathComponent("proof")
        let r = try trapline(["prove", "--rtl", broken.path, "--property", "target_exists", "--depth", "6", "--timeout", "120",
                              "--out", out.path] + Self.small)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("target_exists          FAILED at cycle"), "\(r.stdout)")
        // The response register holds target 2 at V = 2: the router's own invariant fails first.
        #expect(r.stdout.contains("inv invariant            FAILED at cycle"), "\(r.stdout)")
        #expect(r.stdout.contains("assertion: invariant: rsp_target < 2"), "\(r.stdout)")
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
