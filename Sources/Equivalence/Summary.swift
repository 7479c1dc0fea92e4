import Lockstep
import Foundation
import RouterModel

/// The closing summary of a campaign, as printed by `trapline equiv`.
public enum Summary {
    /// The summary printed at the end of `trapline equiv` (and `merge`): verdict, parameters, simulators, shards, divergences, the shrunk trace and replay line, and coverage (by row when `coverageRows`).
    public static func text(_ r: CampaignResult, coverageRows: Bool = true) -> String {
        let o = r.options
        var lines: [String] = []
        let which = r.merge.map { "\(o.shard.count - $0.missing.count) of \(o.shard.count) shards merged" } ?? "shard \(o.shard)"
        lines.append("trapline \(r.merge == nil ? "equiv" : "merge"): seed \(o.seed), \(which), budget \(Int(o.budget)) s, rtl \(o.rtlPath ?? "generated")"
                     + (o.parameterFlags.isEmpty ? "" : ", " + o.parameterFlags.joined(separator: " ")))
        let directed = r.testcases.filter { $0.classname != "equiv.random" }
        let random = r.testcases.filter { $0.classname == "equiv.random" }
        lines.append("  directed   \(directed.count) scenarios and sweeps, \(directed.filter { $0.failure != nil }.count) failing")
        let cut = o.runRandom && r.randomSeeds == 0 && (r.simulators.first?.skipped ?? 0) > 0
            ? " (the budget was spent in the directed suite)" : ""
        lines.append("  random     \(r.randomSeeds) streams\(o.streams.map { " (fixed at \($0))" } ?? "") of \(o.commandsPerSeed) commands, \(random.filter { $0.failure != nil }.count) failing\(cut)")
        if let p = r.parallel {
            // One worker has nothing to compare with: its first stream is only a short, cold sample.
            lines.append(p.workers == 1
                ? "  workers    1: \(Int(p.parallelRate)) random commands/s after the first stream"
                : "  workers    \(p.workers): \(Int(p.parallelRate)) random commands/s after the first stream, which ran alone at \(Int(p.singleRate)) (speed-up over one worker \(String(format: "%.2f", p.speedUp))x)")
        }
        lines.append("  reference  \(r.reference.commands) commands, \(format(r.reference.seconds)) s (with coverage)")
        for s in r.simulators {
            let rate = s.seconds > 0 ? " (\(cycleRate(Double(s.cycles) / s.seconds)))" : ""
            let spent = s.skipped > 0 ? "; budget spent: \(s.planned - s.skipped) of \(s.planned) scenarios and samples run, \(s.skipped) not run" : ""
            lines.append("  \(s.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(s.commands) commands, \(s.cycles) cycles in \(s.runs) runs, \(format(s.seconds)) s\(rate)\(spent)")
        }
        lines.append("  coverage   \(CoverageReport.percent(r.coverage.percent)) (\(r.coverage.hits)/\(r.coverage.total) bins; random streams alone \(CoverageReport.percent(r.randomCoverage.percent)))")
        if coverageRows {
            lines.append(CoverageReport.table(r.coverage, maxHoles: 4, onlyOpenRows: true)
                .split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        }
        if r.merge == nil { lines.append("  closed     \(r.closingText)") }
        lines.append("  time       \(format(r.seconds)) s" + (r.merge == nil ? "" : " (the longest shard)"))
        if let m = r.merge {
            for row in r.shards {
                lines.append("  shard \(row.index)/\(row.count)  \(row.verdict), \(row.testcases) testcases, \(row.randomStreams) streams, coverage \(row.coverageHit)/\(row.coverageTotal), \(format(row.seconds)) s  \(row.file ?? "")")
            }
            if !m.missing.isEmpty {
                lines.append("  MISSING    shard\(m.missing.count == 1 ? "" : "s") \(m.missing.map(String.init).joined(separator: ", ")) of \(o.shard.count): the verdict covers only the shards given")
            }
        }
        if !r.divergences.isEmpty {
            lines.append("  divergences: \(r.divergences.count) (first shown)")
            lines.append(r.divergences[0].description.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        }
        if let s = r.shrink {
            lines.append("  shrunk     \(s.originalCommands) -> \(s.commands.count) commands in \(s.attempts) simulator runs, \(format(s.seconds)) s"
                         + (s.timedOut ? " (time limit reached)" : ""))
            lines.append(s.divergence.description.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            if let t = s.trace { lines.append("  trace      \(t.path)") }
            if let w = s.wave { lines.append("  waveform   \(w.path)") }
            if let n = s.notWritten { lines.append("  NOT WRITTEN \(n)") }
            lines.append("  replay     \(s.replay)")
        }
        let incomplete = r.merge.map { $0.missing.isEmpty ? "" : " (INCOMPLETE: \($0.missing.count) of \(o.shard.count) shards missing)" } ?? ""
        lines.append("verdict: \(r.verdict)\(incomplete)")
        return lines.joined(separator: "\n")
    }

    /// Cycles per second in the unit that shows it (Icarus runs at kcycles/s, Verilator at Mcycles/s).
    static func cycleRate(_ perSecond: Double) -> String {
        perSecond >= 1e5 ? "\(format(perSecond / 1e6)) Mcycles/s" : "\(format(perSecond / 1e3)) kcycles/s"
    }

    static func format(_ x: Double) -> String {
        let v = Int((x * 10).rounded())
        return "\(v / 10).\(v % 10)"
    }
}

/// JUnit XML: one `testsuite` per class (directed, sweep, random), one
/// `testcase` per scenario, sweep or random stream; a failure carries the
/// divergence text (and the shrunk replay for the first one).
public enum JUnitReport {
    /// The campaign as a `JUnitDocument` (the writer every lockstep campaign uses).
    public static func document(_ r: CampaignResult) -> JUnitDocument {
        var classes: [String] = []
        for tc in r.testcases where !classes.contains(tc.classname) { classes.append(tc.classname) }
        let suites = classes.map { cls in
            JUnitDocument.Suite(name: cls, cases: r.testcases.filter { $0.classname == cls }.map { tc in
                var c = JUnitDocument.Case(classname: tc.classname, name: tc.name, seconds: tc.seconds)
                if var failure = tc.failure {
                    // The shrunk trace belongs to the testcase it came from: match its quoted name
                    // whole, so "stream k" does not also claim "stream k sample (icarus)".
                    if let s = r.shrink,
                       failure.contains("divergence in \"\(s.divergence.testcase.replacingOccurrences(of: " (shrunk)", with: ""))\"") {
                        failure += "\n\nshrunk to \(s.commands.count) commands:\n\(s.divergence)\nreplay: \(s.replay)"
                    }
                    let first = failure.split(separator: "\n").first.map(String.init) ?? "mismatch"
                    c.failure = JUnitDocument.Failure(message: first, type: "mismatch", text: failure)
                }
                return c
            })
        }
        return JUnitDocument(name: "trapline equiv", suites: suites, seconds: r.seconds)
    }

    /// The JUnit XML of `r`: one suite per testcase class, one testcase per scenario or random seed.
    public static func xml(_ r: CampaignResult) -> String { document(r).xml }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

    /// XML text/attribute escaping (`JUnitDocument.escape`).
    public static func escape(_ s: String) -> String { JUnitDocument.escape(s) }
}
