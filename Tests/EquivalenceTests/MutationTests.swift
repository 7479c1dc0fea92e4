import Foundation
import Equivalence
import RouterModel
import RouterSim
import Testing
import TestSupport

/// One targeted edit of the generated Verilog: on the first line that contains
/// `anchor` and `find`, the first `find` becomes `replace`. A pattern that is not found
/// fails the test, so a mutation can never silently go stale.
struct Mutation: Sendable, CustomTestStringConvertible {
    var name: String
    var anchor: String
    var find: String
    var replace: String
    var testDescription: String { name }

    func apply(to verilog: String) -> String? {
        var lines = verilog.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.contains(anchor) && $0.contains(find) }),
              let r = lines[i].range(of: find) else { return nil }
        lines[i].replaceSubrange(r, with: replace)
        return lines.joined(separator: "\n")
    }
}

/// The RTL generated on the default parameters (by `trapline generate`, as a user gets it);
/// `TRAPLINE_MUTATION_BASE=FILE.v` mutates another file instead.
enum GeneratedRTL {
    static let text: Result<String, Error> = Result {
        if let path = ProcessInfo.processInfo.environment["TRAPLINE_MUTATION_BASE"] {
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let dir = try RepoPaths.scratchDirectory("mutation-base")
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["generate", "--out", dir.path])
        guard r.status == 0 else { throw TestSupportError("trapline generate failed (exit \(r.status)): \(r.stderr)") }
        return try String(contentsOf: dir.appendingPathComponent("trapline_router.v"), encoding: .utf8)
    }
}

/// The campaign must be able to fail: each mutant of the generated router is
/// run through the directed suite (under Icarus, sweeps sampled, stopping at
/// the first failing scenario) and must be reported as a MISMATCH; the
/// scenario that caught it must pass on the unmutated RTL.
@Suite struct MutationTests {
    static let mutations: [Mutation] = [
        Mutation(name: "unknown-op range off by one (> BITMAP_WRITE -> >=)", anchor: "op_unknown = cmd_op", find: "cmd_op > OP_BITMAP_WRITE", replace: "cmd_op >= OP_BITMAP_WRITE"),
        Mutation(name: "I/O exit reason constant swapped (30 -> 31)", anchor: "ev_is_io =", find: "EXIT_REASON_IO_INSTRUCTION", replace: "16'd31"),
        Mutation(name: "NMI condition inverted", anchor: "ev_is_nmi =", find: "ev_is_exception && ", replace: "ev_is_exception && !"),
        Mutation(name: "VMCS selector range check off by one (>= V -> > V)", anchor: "vmcs_invalid =", find: ">=", replace: ">"),
        Mutation(name: "undeliverable condition inverted (busy(0) -> !busy(0))", anchor: "undeliverable =", find: "&& return_to[0][8]", replace: "&& !return_to[0][8]"),
        Mutation(name: "fallback target swapped (VMM 0 <-> chosen)", anchor: "target_vmm =", find: "fallback_to_vmm0 ? 4'd0 : chosen_vmm", replace: "fallback_to_vmm0 ? chosen_vmm : 4'd0"),
        Mutation(name: "wrong error number (65 -> 66)", anchor: "access_error = ERR_OTHER_VMCS", find: "ERR_OTHER_VMCS", replace: "ERR_NO_SUCH_GUEST"),
        Mutation(name: "wrong error number (67 -> 5)", anchor: "? ERR_WOULD_ABANDON_VMM", find: "? ERR_WOULD_ABANDON_VMM", replace: "? ERR_RESUME_NOT_LAUNCHED"),
        Mutation(name: "#PF vector constant swapped (14 -> 13)", anchor: "== VECTOR_PAGE_FAULT)", find: "VECTOR_PAGE_FAULT", replace: "8'd13"),
        Mutation(name: "static map constant swapped (5 -> 7)", anchor: "static_hit =", find: "EXIT_REASON_IO_SMI", replace: "16'd7"),
        Mutation(name: "LOAD tie broken to the higher id (< -> <=)", anchor: "(load[1] < load[0])", find: "(load[1] < load[0])", replace: "(load[1] <= load[0])"),
        Mutation(name: "PFEC_MATCH decoded at PFEC_MASK's encoding", anchor: "field_hit_pfec_match =", find: "FIELD_PFEC_MATCH", replace: "FIELD_PFEC_MASK"),
        Mutation(name: "VMsucceed comparison flipped (== 0 -> != 0)", anchor: "outcome_vmsucceed =", find: "(vm_error == 8'd0)", replace: "(vm_error != 8'd0)"),
        Mutation(name: "IO_BASE decoded at IO_LIMIT's encodings", anchor: "field_hit_io_base =", find: "FIELD_IO_BASE_BASE[31:5]", replace: "FIELD_IO_LIMIT_BASE[31:5]"),
    ]

    @Test(arguments: mutations)
    func mutantIsCaught(_ m: Mutation) throws {
        let base = try GeneratedRTL.text.get()
        let mutant = try #require(m.apply(to: base), "mutation '\(m.name)': '\(m.find)' not found on the line with '\(m.anchor)'; the generated RTL changed: update the mutation")
        #expect(mutant != base)
        let dir = try RepoPaths.scratchDirectory("mutant")
        var o = CampaignOptions(config: .default, verilog: mutant, outputDirectory: dir)
        o.runRandom = false
        o.stopAtFirstFailure = true
        o.primaryUsesSamples = true
        o.shrinkSeconds = 0
        o.waveOnMismatch = false
        let t0 = Date()
        let result = try Campaign(options: o, primary: IcarusRouter(verilog: mutant), secondary: nil).run()
        let seconds = Date().timeIntervalSince(t0)
        #expect(result.verdict == "MISMATCH", "mutant '\(m.name)' was not caught")
        let caughtBy = try #require(result.testcases.first { $0.failure != nil })
        print("mutant caught: \(m.name) | by \"\(caughtBy.name)\" (scenario \(result.testcases.count)) | \(String(format: "%.1f", seconds)) s")
        // Control: the scenario that caught it passes on the unmutated RTL.
        let scenario = try #require(DirectedSuite.scenarios(.default).first { $0.name == caughtBy.name })
        let commands = scenario.sample ?? scenario.commands
        let run = try IcarusRouter(verilog: base).run(commands, handshake: Campaign.handshake(1, unit: result.testcases.count - 1, directed: true), wave: nil)
        #expect(run.responses == Compare.reference(commands, config: .default), "the unmutated RTL fails \"\(caughtBy.name)\" too")
    }
}
