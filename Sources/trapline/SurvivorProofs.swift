import CoSim
import Equivalence
import Formal
import Foundation
import RouterModel
import RouterSim

/// `trapline mutate --prove-survivors K`: each mutant the campaign did not kill is checked
/// against the RTL it was made from with the `prove --against` miter (ABC bmc3 to depth
/// K). EQUAL TO DEPTH K: no response differs within K cycles of reset, for any stimulus
/// (probably an equivalent mutant: nothing a test could catch soon after reset).
/// DIFFERENT: a real hole in the campaign, with the trace that shows it.
struct SurvivorProofs {
    let config: RouterConfig
    /// The RTL the mutants were made from, as `MutantDesign.make` wrote it into `folder`.
    let original: String
    let folder: URL
    let depth: Int
    let timeout: Double
    /// The generator flags, for the printed replay lines.
    let flags: [String]

    /// One line per survivor and a summary, and each check as data (for `--json`); `log` gets progress.
    func run(_ survivors: [MutantOutcome], design: MutantDesign, log: (String) -> Void) throws
        -> (lines: [String], checks: [MutationReport.SurvivorCheck]) {
        var lines = ["survivors checked against the RTL (prove --against, abc bmc3 to depth \(depth), \(Int(timeout)) s each):"]
        var checks: [MutationReport.SurvivorCheck] = []
        var differ = 0, equal = 0, open = 0
        for (k, s) in survivors.enumerated() {
            let m = s.mutation
            let dir = folder.appendingPathComponent("survivor_\(m.id)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            log("survivor \(k + 1)/\(survivors.count) (mutant \(m.id)): building its netlist and the miter")
            let mutant = try MutantDesign.alone(m, folder: folder, file: dir.appendingPathComponent("mutant.v"))
            let check = ProveAgainst(config: config, left: ("the RTL", original), right: ("mutant \(m.id)", mutant),
                                     cycleExact: false, directory: dir)
            let prover = try check.prover()
            try prover.prepare(timeout: 3600)
            let r = try prover.prove(Miter.group, depth: depth, timeout: timeout)
            let place = m.sources.first.map { "\($0.file):\($0.line): \(design.text(ofLine: $0.line))" } ?? m.cell
            let head = "  mutant \(m.id) (\(m.mode), \(place)):"
            switch r.verdict {
            case .holdsToDepth(let reached, _) where reached > 0:
                equal += 1
                lines.append("\(head) EQUAL TO DEPTH \(reached): no response differs within \(reached) cycles of reset, for any stimulus (probably an equivalent mutant)")
                checks.append(.init(id: m.id, verdict: "equalToDepth", depth: depth, cycle: reached))
            case .proved:
                equal += 1
                lines.append("\(head) EQUAL (proved): an equivalent mutant")
                checks.append(.init(id: m.id, verdict: "equal", depth: depth))
            case .holdsToDepth:
                open += 1
                lines.append("\(head) UNDECIDED: bmc3 reached no depth within \(Int(timeout)) s")
                checks.append(.init(id: m.id, verdict: "undecided", depth: depth))
            case .failed(let cex):
                differ += 1
                let commands = check.commands(cex.samples)
                let trace = dir.appendingPathComponent("difference.jsonl")
                try TraceWriter.text(for: commands).write(to: trace, atomically: true, encoding: .utf8)
                let replay = ["trapline", "cosim", trace.path, "--rtl", dir.appendingPathComponent("right.v").path,
                              "--idle", "0", "--stall", "0"] + flags
                lines.append("\(head) DIFFERENT at cycle \(cex.frame): the campaign missed it (\(cex.assertion?.message ?? "a response differs"))")
                lines.append("      trace: \(trace.path) (\(commands.count) command\(commands.count == 1 ? "" : "s")); vcd: \(cex.vcd)")
                lines.append("      replay: \(replay.joined(separator: " "))")
                checks.append(.init(id: m.id, verdict: "different", depth: depth, cycle: cex.frame,
                                    message: cex.assertion?.message ?? "a response differs", trace: trace.path,
                                    vcd: cex.vcd, replay: replay.joined(separator: " ")))
            }
            log(lines.last!.trimmingCharacters(in: .whitespaces))
        }
        lines.append("  \(differ) differ from the RTL within depth \(depth) (holes in the campaign), \(equal) equal to that depth\(open > 0 ? ", \(open) undecided" : "")")
        return (lines, checks)
    }
}
