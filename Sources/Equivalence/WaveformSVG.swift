import CoSim

/// The router's ports around a divergence, drawn from a VCD as an inline SVG:
/// one row per signal (clock, handshake, command and response fields), the
/// window from a number of clock cycles before the failing response to a few
/// after, a red line at the failing response. No script, no external resource.
public enum WaveformSVG {
    /// Ports drawn, in this order, when the VCD has them.
    public static let signals = ["clk", "rst", "cmd_valid", "cmd_ready", "cmd_op", "cmd_vmcs", "cmd_guest", "cmd_reason", "cmd_field",
                                 "cmd_qual", "cmd_data", "rsp_valid", "rsp_ready", "rsp_kind", "rsp_target", "rsp_self", "rsp_fallback",
                                 "rsp_policy", "rsp_error", "rsp_data", "rsp_current"]

    /// The time of the handshake (rsp_valid and rsp_ready high at a rising clock
    /// edge) of response `index` (0-based) counted from the start of the dump; nil if absent.
    public static func responseTime(_ vcd: VCD, index: Int) -> UInt64? {
        guard let clk = vcd.variable(named: "clk"), let valid = vcd.variable(named: "rsp_valid"),
              let ready = vcd.variable(named: "rsp_ready"), let edges = vcd.changes[clk.code] else { return nil }
        var seen = 0
        for (t, v) in edges where v == "1" && t > 0 {
            if vcd.value(valid.code, at: t - 1) == "1" && vcd.value(ready.code, at: t - 1) == "1" {
                if seen == index { return t }
                seen += 1
            }
        }
        return nil
    }

    /// The SVG, or nil when the dump has none of the ports. `index`: the failing response.
    public static func svg(_ vcd: VCD, index: Int, cyclesBefore: Int = 16, cyclesAfter: Int = 4) -> String? {
        let rows = signals.compactMap { vcd.variable(named: $0) }
        guard !rows.isEmpty else { return nil }
        // The clock period from its rising edges (else 10 time units).
        var period: UInt64 = 10
        if let clk = vcd.variable(named: "clk"), let e = vcd.changes[clk.code] {
            let rising = e.filter { $0.value == "1" }.map(\.time)
            if rising.count >= 2, rising[1] > rising[0] { period = rising[1] - rising[0] }
        }
        let marker = responseTime(vcd, index: index)
        let first = vcd.changes.values.compactMap { $0.first?.time }.min() ?? 0
        let focus = marker ?? vcd.endTime
        let start = max(first, focus > UInt64(cyclesBefore) * period ? focus - UInt64(cyclesBefore) * period : 0)
        let end = max(start + period, min(vcd.endTime, focus + UInt64(cyclesAfter) * period))
        let label = 110.0, width = 900.0, rowH = 22.0
        let scale = (width - label - 10) / Double(end - start)
        func x(_ t: UInt64) -> Double { label + Double(min(max(t, start), end) - start) * scale }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wave\" width=\"\(Int(width))\" height=\"\(Int(Double(rows.count) * rowH + 24))\" role=\"img\" aria-label=\"waveform\">\n"
        out += "<style>text{font:11px monospace}.v{fill:#222}.lo{stroke:#1a7f37;fill:none}.bus{stroke:#0550ae;fill:#ddf4ff}.bad{stroke:#cf222e;fill:#ffebe9}</style>\n"
        for (r, v) in rows.enumerated() {
            let y0 = Double(r) * rowH + 4, y1 = y0 + rowH - 6
            out += "<g class=\"signal\" data-name=\"\(HTMLText.escape(v.name))\"><text x=\"4\" y=\"\(fmt(y1 - 3))\">\(HTMLText.escape(v.name))</text>\n"
            var segments: [(UInt64, UInt64, String)] = []
            var t = start, value = vcd.value(v.code, at: start) ?? "x"
            for (ct, cv) in vcd.changes[v.code] ?? [] where ct > start && ct <= end {
                segments.append((t, ct, value)); t = ct; value = cv
            }
            segments.append((t, end, value))
            if v.width == 1 {
                var points: [String] = []
                for (a, b, val) in segments {
                    let y = val == "1" ? y0 : val == "0" ? y1 : (y0 + y1) / 2
                    points.append("\(fmt(x(a))),\(fmt(y))"); points.append("\(fmt(x(b))),\(fmt(y))")
                }
                out += "<polyline class=\"lo\" points=\"\(points.joined(separator: " "))\"/>\n"
            } else {
                for (a, b, val) in segments {
                    let bad = val.contains("x") || val.contains("z")
                    let xa = x(a), xb = x(b), m = min(3, (xb - xa) / 2)
                    out += "<polygon class=\"\(bad ? "bad" : "bus")\" points=\"\(fmt(xa)),\(fmt((y0 + y1) / 2)) \(fmt(xa + m)),\(fmt(y0)) \(fmt(xb - m)),\(fmt(y0)) \(fmt(xb)),\(fmt((y0 + y1) / 2)) \(fmt(xb - m)),\(fmt(y1)) \(fmt(xa + m)),\(fmt(y1))\"/>\n"
                    let text = hex(val)
                    if xb - xa > Double(text.count) * 7 + 6 {
                        out += "<text class=\"v\" x=\"\(fmt(xa + 5))\" y=\"\(fmt(y1 - 4))\">\(HTMLText.escape(text))</text>\n"
                    }
                }
            }
            out += "</g>\n"
        }
        if let marker, marker >= start, marker <= end {
            let h = Double(rows.count) * rowH + 4
            out += "<line class=\"divergence\" x1=\"\(fmt(x(marker)))\" y1=\"0\" x2=\"\(fmt(x(marker)))\" y2=\"\(fmt(h))\" stroke=\"#cf222e\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(fmt(x(marker) + 3))\" y=\"\(fmt(h + 14))\" fill=\"#cf222e\">response \(index) (t=\(marker))</text>\n"
        }
        out += "<text x=\"\(fmt(label))\" y=\"\(fmt(Double(rows.count) * rowH + 18))\">t=\(start)</text></svg>"
        return out
    }

    /// A binary value as hex ("0x1f"); x/z digits shown as x.
    static func hex(_ bits: String) -> String {
        if bits.contains("x") || bits.contains("z") { return "x" }
        var digits = ""
        var chunk = bits
        while chunk.count % 4 != 0 { chunk = "0" + chunk }
        var i = chunk.startIndex
        while i < chunk.endIndex {
            let j = chunk.index(i, offsetBy: 4)
            digits.append(String(Int(chunk[i..<j], radix: 2) ?? 0, radix: 16))
            i = j
        }
        while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
        return "0x" + digits
    }

    /// A coordinate to a tenth of a pixel.
    private static func fmt(_ v: Double) -> String { "\(Double(Int((v * 10).rounded())) / 10)" }
}
