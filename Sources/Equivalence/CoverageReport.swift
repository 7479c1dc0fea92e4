/// The coverage table: one line per row (name, hit/total, percentage, the
/// holes listed by bin name), then the total.
public enum CoverageReport {
    /// `maxHoles`: how many hole names to list per row before "+N more".
    public static func table(_ cov: Coverage, maxHoles: Int = 6, onlyOpenRows: Bool = false) -> String {
        let m = cov.model
        var lines: [String] = []
        let width = min(52, m.rows.map(\.name.count).max() ?? 10)
        var closedRows = 0
        for row in m.rows {
            let bins = row.bins.filter { !m.excluded.contains($0) }
            if bins.isEmpty { continue }
            let holes = bins.filter { cov.counts[$0] == 0 }
            if holes.isEmpty { closedRows += 1; if onlyOpenRows { continue } }
            let hit = bins.count - holes.count
            var line = pad(row.name, width) + "  " + pad("\(hit)/\(bins.count)", 7, left: true)
                + "  " + pad(percent(Double(hit) * 100 / Double(bins.count)), 6, left: true)
            if !holes.isEmpty {
                // "; " between names: cross bin names have commas of their own.
                let names = holes.prefix(maxHoles).map { m.binNames[$0] }.joined(separator: "; ")
                line += "  holes: " + names + (holes.count > maxHoles ? "; +\(holes.count - maxHoles) more" : "")
            }
            lines.append(line)
        }
        if onlyOpenRows && closedRows > 0 { lines.append("(\(closedRows) rows fully covered)") }
        lines.append(pad("total", width) + "  " + pad("\(cov.hits)/\(cov.total)", 7, left: true) + "  "
                     + pad(percent(cov.percent), 6, left: true))
        return lines.joined(separator: "\n")
    }

    /// `p` rounded down to tenths, as `97.3%` (never shows 100.0% for an open bin).
    public static func percent(_ p: Double) -> String {
        let tenths = Int((p * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
        let s = s.count > n ? String(s.prefix(n)) : s
        let fill = String(repeating: " ", count: n - s.count)
        return left ? fill + s : s + fill
    }
}
