import Foundation
import Testing
import TestSupport

/// One seeded bug per property (`make prove`; set TRAPLINE_PROVE_DEEP=1): a copy of the
/// generated router (smallest parameters) with one rule broken is FAILED on that property
/// with a counterexample trace, and the printed `trapline cosim` line replays it to a
/// divergence from the reference (exit 1).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TRAPLINE_PROVE_DEEP"] == "1"))
struct ProveMutationTests {
    struct Mutation: CustomTestStringConvertible, Sendable {
        var property: String
        var rule: String
        var broken: String
        var what: String
        var testDescription: String { "\(property): \(what)" }
    }

    static let mutations = [
        Mutation(property: "target_exists", rule: "rsp_target <= target_vmm;",
                 broken: "rsp_target <= (cmd_vector == 8'd99) ? 4'd2 : target_vmm;",
                 what: "an event with vector 99 is routed to VMM 2, one past the last"),
        Mutation(property: "handshake", rule: "end else if (rsp_ready) begin",
                 broken: "end else if (rsp_ready && (rsp_error != REJECT_UNKNOWN_OP)) begin",
                 what: "the response to an unknown op is never released: it is seen twice"),
        Mutation(property: "unlisted_fields_zero", rule: "rsp_error <= reject_code;",
                 broken: "rsp_error <= reject_code; rsp_target <= 4'd1;",
                 what: "a REJECTED response names a target"),
        Mutation(property: "route_lock", rule: "&& route_lock;", broken: "&& route_lock && (!field_hit_route);",
                 what: "ROUTE ignores the lock"),
        Mutation(property: "route_lock_readback", rule: "{route_vmm[cmd_field[6:1]], 2'd0, route_policy[cmd_field[6:1]]}",
                 broken: "{route_vmm[cmd_field[6:1]], 2'd1, route_policy[cmd_field[6:1]]}",
                 what: "a VMREAD of ROUTE returns bit 2 set"),
        Mutation(property: "vmm_isolation", rule: "if (({2'd0, cmd_vmcs} != current[5:0]) && (!current_is_vmm0)) begin",
                 broken: "if (({2'd0, cmd_vmcs} != current[5:0]) && (!current_is_vmm0) && (cmd_op != OP_VMREAD)) begin",
                 what: "any VMM may VMREAD any VMCS"),
        Mutation(property: "guest_no_vmsucceed", rule: "((!current[7]) && cmd_op_ge_op_vmread_and_not_op_unknown);",
                 broken: "((!current[7]) && cmd_op_ge_op_vmread_and_not_op_unknown && (cmd_op != OP_VMREAD));",
                 what: "a guest's VMREAD is not an exit"),
    ]

    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    @Test(arguments: mutations)
    func aSeededBugFailsItsPropertyAndReplays(m: Mutation) throws {
        let small = ProveCommandTests.small
        let dir = try RepoPaths.scratchDirectory("prove-mutant-\(m.property)")
        let (good, broken) = try ProveCommandTests.routerCopy(in: dir) { $0.replacingOccurrences(of: m.rule, with: m.broken) }
        #expect(good.components(separatedBy: m.rule).count == 2, "the rule occurs once")

        let out = dir.appendingPathComponent("proof")
        let r = try trapline(["prove", "--rtl", broken.path, "--property", m.property, "--depth", "10", "--timeout", "300",
                              "--out", out.path] + small)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains(" \(m.property) ") && r.stdout.contains("FAILED at cycle"), "\(r.stdout)")
        #expect(r.stdout.contains("assertion: \(m.property):"), "\(r.stdout)")
        guard let replay = r.stdout.split(separator: "\n").first(where: { $0.contains("replay: trapline cosim") }) else {
            Issue.record("no replay line: \(r.stdout)"); return
        }
        let args = replay.components(separatedBy: "replay: trapline ").last!.split(separator: " ").map { $0 == "''" ? "" : String($0) }
        let cosim = try trapline(args)
        #expect(cosim.status == 1, "the replay diverges: \(cosim.stderr)\n\(r.stdout)")
    }
}
