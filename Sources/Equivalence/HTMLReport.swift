import Foundation
import RouterModel

/// The campaign as one self-contained HTML file (`--html FILE` of `equiv` and
/// `merge`): verdict, parameters, simulators, shards, coverage by group with
/// the holes (bins never hit) highlighted, and for a mismatch the divergences,
/// the shrunk trace, its replay command and the waveform around the failure
/// (an inline SVG drawn by the caller from the VCD). Inline CSS only: no
/// script, no network. Every text is escaped (`HTMLText`).
public enum HTMLReport {
    /// The report of `r` as one HTML document; `waveform` is an inline SVG of the failure's signals, shown when given.
    public static func html(_ r: CampaignResult, waveform: String? = nil) -> String {
        let o = r.options
        let e = HTMLText.escape
        let title = "trapline \(r.merge == nil ? "equiv" : "merge"): \(r.verdict)"
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(e(title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<h1>trapline \(r.merge == nil ? "equiv" : "merge")</h1>\n"
        let incomplete = r.merge.map { !$0.missing.isEmpty } ?? false
        h += "<p id=\"verdict\" class=\"verdict \(r.equivalent ? "equivalent" : "mismatch")\">verdict: \(r.verdict)\(incomplete ? " (INCOMPLETE)" : "")</p>\n"

        h += "<h2>Parameters</h2>\n<table id=\"parameters\">\n"
        var params: [(String, String)] = [("seed", "\(o.seed)"),
            ("shard", r.merge == nil ? "\(o.shard)" : "\(r.shards.count) of \(o.shard.count) merged"),
            ("budget", "\(Int(o.budget)) s"), ("stream commands", "\(o.commandsPerSeed)"),
            ("random streams", "\(r.randomSeeds)" + (o.streams.map { " (fixed at \($0))" } ?? "")),
            ("rtl", o.rtlPath ?? "generated"),
            ("vmms", "\(o.config.vmms)"), ("guests", "\(o.config.guests)"), ("io ranges", "\(o.config.ioRanges)"),
            ("platform vmm", "\(o.config.platformVMM)"), ("static map", o.config.staticMap.map(String.init).joined(separator: ",")),
            ("io bitmaps", o.config.ioBitmaps ? "yes" : "no")]
        params.append(("time", "\(Summary.format(r.seconds)) s"))
        for (k, v) in params { h += "<tr><th>\(e(k))</th><td>\(e(v))</td></tr>\n" }
        h += "</table>\n"

        h += "<h2>Simulators</h2>\n<table id=\"simulators\">\n<tr><th>simulator</th><th>commands</th><th>cycles</th><th>runs</th><th>seconds</th></tr>\n"
        for s in [r.reference] + r.simulators {
            h += "<tr><td>\(e(s.name))</td><td>\(s.commands)</td><td>\(s.cycles)</td><td>\(s.runs)</td><td>\(Summary.format(s.seconds))</td></tr>\n"
        }
        h += "</table>\n"

        h += "<h2>Shards</h2>\n<table id=\"shards\">\n<tr><th>shard</th><th>verdict</th><th>testcases</th><th>streams</th><th>divergences</th><th>coverage</th><th>seconds</th><th>file</th></tr>\n"
        for s in r.shards.isEmpty ? [ShardRow(r, file: nil)] : r.shards {
            h += "<tr class=\"\(s.verdict == "EQUIVALENT" ? "ok" : "fail")\"><td>\(s.index)/\(s.count)</td><td>\(e(s.verdict))</td><td>\(s.testcases)</td><td>\(s.randomStreams)</td><td>\(s.divergences)</td><td>\(s.coverageHit)/\(s.coverageTotal)</td><td>\(Summary.format(s.seconds))</td><td>\(e(s.file ?? ""))</td></tr>\n"
        }
        for m in r.merge?.missing ?? [] {
            h += "<tr class=\"missing\"><td>\(m)/\(o.shard.count)</td><td>MISSING</td><td colspan=\"6\">no results file given</td></tr>\n"
        }
        h += "</table>\n"

        h += divergences(r, waveform: waveform)
        h += coverage(r)
        h += "</body>\n</html>\n"
        return h
    }

    static func coverage(_ r: CampaignResult) -> String {
        let e = HTMLText.escape
        let cov = r.coverage, m = cov.model
        var h = "<h2>Coverage</h2>\n<p id=\"coverage-total\">\(CoverageReport.percent(cov.percent)) (\(cov.hits)/\(cov.total) bins; random streams alone \(CoverageReport.percent(r.randomCoverage.percent)))</p>\n"
        if r.merge == nil { h += "<p id=\"coverage-closed\">closed: \(e(r.closingText))</p>\n" }
        h += "<div id=\"coverage\">\n"
        for row in m.rows {
            let bins = row.bins.filter { !m.excluded.contains($0) }
            if bins.isEmpty { continue }
            let holes = bins.filter { cov.counts[$0] == 0 }.count
            h += "<details class=\"group\(holes > 0 ? " open-holes" : "")\"\(holes > 0 ? " open" : "")><summary>\(e(row.name)) <span class=\"count\">\(bins.count - holes)/\(bins.count)</span>\(holes > 0 ? " <span class=\"holes\">\(holes) hole\(holes == 1 ? "" : "s")</span>" : "")</summary>\n<table>\n"
            for b in row.bins {
                if m.excluded.contains(b) {
                    h += "<tr class=\"excluded\"><td>\(e(m.binNames[b]))</td><td>n/a</td></tr>\n"
                } else {
                    h += "<tr class=\"\(cov.counts[b] == 0 ? "hole" : "hit")\"><td>\(e(m.binNames[b]))</td><td>\(cov.counts[b])</td></tr>\n"
                }
            }
            h += "</table></details>\n"
        }
        return h + "</div>\n"
    }

    static func divergences(_ r: CampaignResult, waveform: String?) -> String {
        let e = HTMLText.escape
        guard !r.divergences.isEmpty else { return "<h2>Divergences</h2>\n<p id=\"divergences\">none</p>\n" }
        var h = "<h2>Divergences</h2>\n<div id=\"divergences\">\n"
        for d in r.divergences { h += "<pre class=\"divergence\">\(e(d.description))</pre>\n" }
        h += "</div>\n"
        if let s = r.shrink {
            h += "<h2>Shrunk trace</h2>\n<p>\(s.originalCommands) &#8594; \(s.commands.count) commands in \(s.attempts) simulator runs, \(Summary.format(s.seconds)) s\(s.timedOut ? " (time limit reached)" : "")</p>\n"
            h += "<pre id=\"shrunk-divergence\">\(e(s.divergence.description))</pre>\n"
            h += "<ol id=\"trace\" start=\"0\">\n"
            for (i, c) in s.commands.enumerated() {
                h += "<li\(i == s.divergence.index ? " class=\"failing\"" : "")><code>\(e(TraceWriter.line(for: c)))</code></li>\n"
            }
            h += "</ol>\n<table id=\"files\">\n"
            if let t = s.trace { h += "<tr><th>trace</th><td>\(e(t.path))</td></tr>\n" }
            if let w = s.wave { h += "<tr><th>waveform</th><td>\(e(w.path))</td></tr>\n" }
            if let n = s.notWritten { h += "<tr><th>not written</th><td>\(e(n))</td></tr>\n" }
            h += "</table>\n<h3>Replay</h3>\n<pre id=\"replay\"><code>\(e(s.replay))</code></pre>\n"
            h += "<h3>Waveform</h3>\n"
            h += waveform.map { "<div id=\"waveform\">\n\($0)\n</div>\n" } ?? "<p id=\"waveform\">no waveform (none was written, or it could not be read)</p>\n"
        }
        return h
    }

    static let css = """
    body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}
    table{border-collapse:collapse;margin:.5em 0}
    th,td{border:1px solid #d0d7de;padding:2px 8px;text-align:left;font-size:13px}
    .verdict{font-size:1.4em;font-weight:bold;padding:.3em .6em;display:inline-block}
    .equivalent{background:#dafbe1;color:#1a7f37}
    .mismatch{background:#ffebe9;color:#cf222e}
    tr.hole td{background:#ffebe9;color:#cf222e;font-weight:bold}
    tr.excluded td{color:#8c959f}
    tr.fail td,tr.missing td{background:#ffebe9}
    .holes{color:#cf222e;font-weight:bold}
    details.group{margin:2px 0}
    pre{background:#f6f8fa;padding:.5em;white-space:pre-wrap;overflow-wrap:anywhere}
    li.failing code{background:#ffebe9;font-weight:bold}

    """
}
