import Foundation

/// Top-level signal values of a VCD, sampled just before every rising edge of the clock
/// (the values a synchronous design registers on that edge). Values are bit strings of
/// the signal's width read as unsigned integers (up to 64 bits; x and z read as 0).
public struct VCDSamples: Sendable {
    /// `cycles[k][name]`: the value of `name` sampled at the k-th rising edge.
    public var cycles: [[String: UInt64]]

    /// Reads `vcd` (as Yosys' `sim` writes it): the variables of the first (top) scope only.
    public static func parse(_ vcd: String, clock: String) -> VCDSamples {
        var ids: [String: String] = [:]        // id code -> name (top scope)
        var depth = 0
        var current: [String: UInt64] = [:]
        var cycles: [[String: UInt64]] = []
        var pending: [(String, UInt64)] = []
        var inDefinitions = true
        func flush() {
            // A timestamp's changes: sample first when the clock rises in it.
            if pending.contains(where: { $0.0 == clock && $0.1 == 1 }) && current[clock] != 1 {
                cycles.append(current)
            }
            for (n, v) in pending { current[n] = v }
            pending.removeAll()
        }
        for raw in vcd.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if inDefinitions {
                let t = line.split(separator: " ")
                if t.first == "$scope" { depth += 1 }
                if t.first == "$upscope" { depth -= 1 }
                if t.first == "$var", t.count >= 5, depth == 1 { ids[String(t[3])] = String(t[4]) }
                if line.hasPrefix("$enddefinitions") { inDefinitions = false }
                continue
            }
            if line.hasPrefix("#") { flush(); continue }
            if line.hasPrefix("$") { continue }
            var bits: Substring, id: Substring
            if line.hasPrefix("b") {
                let t = line.dropFirst().split(separator: " ")
                guard t.count == 2 else { continue }
                bits = t[0]; id = t[1]
            } else if let f = line.first, "01xXzZ".contains(f) {
                bits = line.prefix(1); id = line.dropFirst()
            } else { continue }
            guard let name = ids[String(id)] else { continue }
            var v: UInt64 = 0
            for c in bits.suffix(64) { v = (v << 1) | (c == "1" ? 1 : 0) }
            pending.append((name, v))
        }
        flush()
        return VCDSamples(cycles: cycles)
    }
}
