import Foundation

/// The report of a mutation run: the table, the score, the median time to
/// kill and the survivors with their source lines; as text and as JSON.
public struct MutationReport: Sendable, Codable {
    /// One mutant, as the report shows it.
    public struct Row: Sendable, Codable {
        /// The mutant's number: 1-based position in Yosys' list, the `TRAPLINE_MUTANT` value that selects it.
        public var id: Int
        /// Yosys' mutation mode: inv, const0, const1, cnot0 or cnot1.
        public var mode: String
        /// `file:line` of the mutated source, with the file named as the user gave it.
        public var source: String
        /// The text of that line.
        public var sourceText: String
        /// Every `src` attribute Yosys gave the mutation.
        public var sources: [String]
        /// The cell, port and bit changed.
        public var change: String
        /// Killed, survived or not built.
        public var verdict: MutantVerdict
        /// The testcase that killed it: a directed scenario's name or "seed 0x... (stream k)"; nil unless killed.
        public var killedBy: String?
        /// "directed" or "random": the part of the campaign the killer belongs to; nil unless killed.
        public var killedIn: String?
        /// "icarus" when the Icarus re-check of the survivor killed it; nil: Verilator.
        public var killedUnder: String?
        /// Killed because the RTL hung or its simulation timed out, not by a different response.
        public var timeout: Bool
        /// Commands run until the first divergence (every unit before the killer, plus its
        /// commands up to the divergence); nil unless killed.
        public var commandsToKill: Int?
        /// Campaign seconds until the killing unit ended (model build not included); nil unless killed.
        public var secondsToKill: Double?
        /// Commands run in the mutant's whole campaign (0 when not built).
        public var commands: Int
        /// Seconds of the mutant's whole campaign, model build not included (0 when not built).
        public var seconds: Double
        /// The divergence that killed it (with a re-check's `replay:` line), Verilator's error
        /// when not built; for a survivor, the Icarus re-check's note when its netlist alone is
        /// the control's (an equivalent mutant), else nil.
        public var detail: String?
        /// `file:line` with the file's name only (the table's column; the header names the path).
        var shortSource: String { source.split(separator: "/").last.map(String.init) ?? source }
    }

    /// The mutated RTL as the report names it: the `--rtl` path, or where the generated RTL was written.
    public var rtl: String
    /// The seed of the mutant choice (`mutate -seed`) and of every campaign (0 to 2^31-1).
    public var seed: UInt64
    /// The number of mutants asked for (`--count`); Yosys may list fewer (`mutants.count`).
    public var count: Int
    /// Seconds of each mutant's campaign (`--budget-per-mutant`).
    public var budgetPerMutant: Double
    /// The command-line flags of the run that differ from the defaults (router parameters,
    /// `--sampled-sweeps`, `--streams N`), shown in the header; empty at the defaults.
    public var parameters: [String]
    /// Mutants killed (timeouts included).
    public var killed: Int
    /// Mutants whose whole campaign matched the reference.
    public var survived: Int
    /// Mutants whose netlist Verilator could not build (counted neither killed nor survived).
    public var notBuilt: Int
    /// killed / (killed + survived); nil when no mutant ran.
    public var score: Double?
    /// Median seconds to kill over the killed mutants; nil when none was killed.
    public var medianSecondsToKill: Double?
    /// Seconds to build (or load from the cache) the one Verilator model of every mutant.
    public var buildSeconds: Double
    /// Commands of the control run (no mutation selected), all answered as the reference did; 0 when the netlist did not build.
    public var controlCommands: Int
    /// Seconds of the control's campaign (0 when the netlist did not build).
    public var controlSeconds: Double
    /// Commands of the Icarus control (the RTL through Yosys with no mutation, under Icarus),
    /// run before the first Icarus re-check of a survivor; nil when none ran.
    public var icarusControlCommands: Int?
    /// Seconds of the Icarus control; nil when it did not run.
    public var icarusControlSeconds: Double?
    /// Wall-clock seconds of the whole run (model build, control, mutants).
    public var seconds: Double
    /// One row per mutant, in Yosys' list order (by id).
    public var mutants: [Row]
    /// The caveat on survivors printed under them (`survivorNote`).
    public var note: String
    /// With `--prove-survivors K`: each survivor checked against the RTL (nil without it).
    public var survivorChecks: [SurvivorCheck]?

    /// A survivor checked against the RTL it was made from (`trapline mutate --prove-survivors K`:
    /// the `prove --against` miter, ABC bmc3 to depth K).
    public struct SurvivorCheck: Sendable, Codable, Equatable {
        /// The mutant's id.
        public var id: Int
        /// `different` (a hole in the campaign), `equalToDepth` (no response differs within
        /// `depth` cycles of reset), `equal` (proved equivalent) or `undecided` (no depth reached).
        public var verdict: String
        /// The depth asked for.
        public var depth: Int
        /// `equalToDepth`: the depth reached; `different`: the cycle of the first difference.
        public var cycle: Int?
        /// `different`: what differs (the miter assertion that failed).
        public var message: String?
        /// `different`: the trace file of the commands that show it.
        public var trace: String?
        /// `different`: the counterexample's VCD.
        public var vcd: String?
        /// `different`: the `trapline cosim` command that replays the trace on the mutant (a mismatch).
        public var replay: String?

        /// A check of mutant `id` to `depth` with `verdict`.
        public init(id: Int, verdict: String, depth: Int, cycle: Int? = nil, message: String? = nil,
                    trace: String? = nil, vcd: String? = nil, replay: String? = nil) {
            self.id = id; self.verdict = verdict; self.depth = depth; self.cycle = cycle
            self.message = message; self.trace = trace; self.vcd = vcd; self.replay = replay
        }
    }

    /// Why a survivor is not necessarily a gap in the campaign: it may be an equivalent
    /// mutant, which this run checks only with `--prove-survivors`.
    public static let survivorNote = "Survivors may be equivalent mutants (the mutation changes no response the SPEC defines); check each against the RTL with --prove-survivors K (needs --no-io-bitmaps), or read its line."

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
                       killedBy: o.killedBy, killedIn: o.killedIn, killedUnder: o.killedUnder, timeout: o.timeout,
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
        icarusControlCommands = result.icarusControl?.commands
        icarusControlSeconds = result.icarusControl?.seconds
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
            case .killed: by = (r.timeout ? "timeout (hung) in " : "") + "\(r.killedIn ?? "") '\(r.killedBy ?? "")'" + (r.killedUnder == "icarus" ? " under Icarus" : "")
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
        if let c = icarusControlCommands, let s = icarusControlSeconds {
            out.append("             under Icarus (yosys netlist, no mutation): \(c) commands, equal to the reference, \(Self.secs(s))")
        }
        out.append("  time       \(Self.secs(seconds)) (model build \(Self.secs(buildSeconds)))")
        let survivors = mutants.filter { $0.verdict == .survived }
        if !survivors.isEmpty {
            out.append("")
            out.append("survivors:")
            for r in survivors {
                out.append("  mutant \(r.id) (\(r.change)) at \(r.source)")
                out.append("    \(r.sourceText)")
                if let note = r.detail { out.append("    (\(note))") }
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
