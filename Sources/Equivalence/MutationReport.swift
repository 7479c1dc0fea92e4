import Foundation

/// The report of a mutation run: the table, the score, the median time to
/// kill and the survivors with their source lines; as text and as JSON.
public struct MutationReport: Sendable, Codable {
    /// One mutant, as the report shows it.
    public struct Row: Sendable, Codable {
        public var id: Int
        public var mode: String
        /// `file:line` of the mutated source, with the file named as the user gave it.
        public var source: String
        /// The text of that line.
        public var sourceText: String
        /// Every `src` attribute Yosys gave the mutation.
        public var sources: [String]
        /// The cell, port and bit changed.
        public var change: String
        public var verdict: MutantVerdict
        public var killedBy: String?
        public var killedIn: String?
        public var timeout: Bool
        public var commandsToKill: Int?
        public var secondsToKill: Double?
        public var commands: Int
        public var seconds: Double
        public var detail: String?
        /// `file:line` with the file's name only (the table's column; the header names the path).
        var shortSource: String { source.split(separator: "/").last.map(String.init) ?? source }
    }

    public var rtl: String
    public var seed: UInt64
    public var count: Int
    public var budgetPerMutant: Double
    public var parameters: [String]
    public var killed: Int
    public var survived: Int
    public var notBuilt: Int
    /// killed / (killed + survived); nil when no mutant ran.
    public var score: Double?
    /// Median seconds to kill over the killed mutants; nil when none was killed.
    public var medianSecondsToKill: Double?
    public var buildSeconds: Double
    public var controlCommands: Int
    public var controlSeconds: Double
    public var seconds: Double
    public var mutants: [Row]
    public var note: String

    public static let survivorNote = "Survivors may be equivalent mutants (the mutation changes no response the SPEC defines); this is not checked (no `trapline prove --against` yet): read each survivor's line."

    /// `rtlName`: how to name the mutated file (the `--rtl` path, or where the generated RTL was written).
    public init(_ result: MutationCampaign.Result, design: MutantDesign, rtlName: String, seed: UInt64,
                count: Int, budgetPerMutant: Double, parameters: [String]) {
        rtl = rtlName; self.seed = seed; self.count = count; self.budgetPerMutant = budgetPerMutant
        self.parameters = parameters
        mutants = result.outcomes.map { o in
            let m = o.mutation
            let src = m.source
            return Row(id: m.id, mode: m.mode, source: src.map { $0.location(as: rtlName) } ?? "?",
                       sourceText: src.map { design.text(ofLine: $0.line) } ?? "",
                       sources: m.sources.map(\.text), change: m.what, verdict: o.verdict,
                       killedBy: o.killedBy, killedIn: o.killedIn, timeout: o.timeout,
                       commandsToKill: o.commandsToKill, secondsToKill: o.secondsToKill,
                       commands: o.commands, seconds: o.seconds, detail: o.detail)
        }
        killed = mutants.filter { $0.verdict == .killed }.count
        survived = mutants.filter { $0.verdict == .survived }.count
        notBuilt = mutants.filter { $0.verdict == .notBuilt }.count
        score = killed + survived == 0 ? nil : Double(killed) / Double(killed + survived)
        medianSecondsToKill = Self.median(mutants.compactMap { $0.verdict == .killed ? $0.secondsToKill : nil })
        buildSeconds = result.buildSeconds
        controlCommands = result.controlCommands
        controlSeconds = result.controlSeconds
        seconds = result.seconds
        note = Self.survivorNote
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
    static func secs(_ v: Double) -> String { String(format: v < 1 ? "%.2f s" : "%.1f s", v) }
    static func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 3)) + "..." }

    /// The report as text (stdout of `trapline mutate`).
    public var text: String {
        var out = ["trapline mutate: \(rtl), seed \(seed), \(mutants.count) mutants (asked \(count)), budget \(Self.secs(budgetPerMutant)) per mutant" +
                   (parameters.isEmpty ? "" : ", \(parameters.joined(separator: " "))")]
        out.append("")
        let header = ["id", "mode", "source line", "verdict", "killed by", "commands", "time to kill", "line text"]
        var rows: [[String]] = [header]
        for r in mutants {
            let by: String
            switch r.verdict {
            case .killed: by = (r.timeout ? "timeout (hung) in " : "") + "\(r.killedIn ?? "") '\(r.killedBy ?? "")'"
            case .survived, .notBuilt: by = "-"
            }
            rows.append(["\(r.id)", r.mode, r.shortSource, r.verdict.rawValue, by,
                         r.commandsToKill.map(String.init) ?? "\(r.commands)",
                         r.secondsToKill.map(Self.secs) ?? "-", Self.cut(r.sourceText, 60)])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            out.append("  " + row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  "))
        }
        out.append("")
        out.append("  killed     \(killed)" + (mutants.contains { $0.timeout } ? " (\(mutants.filter(\.timeout).count) by timeout: the RTL hung)" : ""))
        out.append("  survived   \(survived)")
        if notBuilt > 0 { out.append("  not built  \(notBuilt) (not counted)") }
        out.append("  score      " + (score.map { "\(Self.percent($0)) (killed / (killed + survived) = \(killed)/\(killed + survived))" } ?? "- (no mutant ran)"))
        out.append("  median time to kill  " + (medianSecondsToKill.map(Self.secs) ?? "- (none killed)"))
        out.append(notBuilt == mutants.count && notBuilt > 0 ? "  control    not run (the netlist did not build)"
                   : "  control    no mutation: \(controlCommands) commands, equal to the reference, \(Self.secs(controlSeconds))")
        out.append("  time       \(Self.secs(seconds)) (model build \(Self.secs(buildSeconds)))")
        let survivors = mutants.filter { $0.verdict == .survived }
        if !survivors.isEmpty {
            out.append("")
            out.append("survivors:")
            for r in survivors {
                out.append("  mutant \(r.id) (\(r.change)) at \(r.source)")
                out.append("    \(r.sourceText)")
            }
            out.append("  " + Self.survivorNote)
        }
        let broken = mutants.filter { $0.verdict == .notBuilt }
        if let first = broken.first, let detail = first.detail {
            out.append("")
            out.append("not built: \(detail.split(separator: "\n").prefix(3).joined(separator: " | "))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report as JSON (`--json FILE`).
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }
}
