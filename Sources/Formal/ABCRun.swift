import Foundation

/// What one `yosys-abc` run of `bmc3` or `pdr` said.
struct ABCRun {
    enum Outcome: Equatable {
        case proved
        /// An output was asserted in this frame (0-based).
        case counterexample(frame: Int)
        /// bmc3: no output asserted in this many frames.
        case noCounterexample(frames: Int)
        /// Time or resource limit before an answer.
        case undecided
    }
    var outcome: Outcome
    /// ABC's own result line.
    var summary: String

    static func parse(_ stdout: String) -> ABCRun {
        let lines = stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if let l = lines.first(where: { $0.contains("was asserted in frame") }) {
            let tail = l.components(separatedBy: "was asserted in frame").last ?? ""
            let frame = Int(tail.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) ?? 0
            return ABCRun(outcome: .counterexample(frame: frame), summary: l)
        }
        // pdr: "Property proved."; ind: "Networks are equivalent." (the step holds).
        if let l = lines.first(where: { $0.hasPrefix("Property proved") || $0.hasPrefix("Networks are equivalent") }) {
            return ABCRun(outcome: .proved, summary: l)
        }
        // bmc3: "No output asserted in 21 frames. Resource limit reached (timeout 10 sec)..."
        if let l = lines.first(where: { $0.hasPrefix("No output asserted in") }) {
            let n = Int(l.dropFirst("No output asserted in ".count).prefix { $0.isNumber }) ?? 0
            return ABCRun(outcome: .noCounterexample(frames: n), summary: l)
        }
        let last = lines.last { !$0.isEmpty && !$0.hasPrefix("ABC command line") } ?? "no result"
        return ABCRun(outcome: .undecided, summary: last)
    }
}
