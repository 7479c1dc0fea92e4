/// How Verilator (5.006, found by experiment) names a design's internal
/// variables in the generated C++: members of the root class
/// (`V<top>___024root`, reached through the model's public `rootp`),
/// named by the full hierarchical path from the top module with `.` as
/// `__DOT__`, `[` `]` of generate iterations as `__BRA__` `__KET__`, `__` in
/// a name as `___05F`, and any other character that cannot be in a C++
/// identifier as `__0XX` (its hex code):
///
///     counter.u_fifo.count     ->  counter__DOT__u_fifo__DOT__count
///     top3.gen[0].u.r          ->  top3__DOT__gen__BRA__0__KET____DOT__u__DOT__r
///
/// A variable is a member only if Verilator kept it (`public_flat_rd` in a
/// configuration file keeps a signal; a variable local to an `always` block
/// is still not stored), so the build checks the generated header
/// (`members(rootHeader:)`) rather than trusting the rule.
enum VerilatorNames {
    /// The root member holding `path` (components below the top module).
    static func member(top: String, path: [String]) -> String {
        ([top] + path).map(encode).joined(separator: "__DOT__")
    }

    /// One path component as Verilator encodes it.
    static func encode(_ component: String) -> String {
        var out = ""
        let chars = Array(component.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) {
                out.unicodeScalars.append(c)
            } else if c == "[" {
                out += "__BRA__"
            } else if c == "]" {
                out += "__KET__"
            } else if c == "_" {
                if i + 1 < chars.count && chars[i + 1] == "_" { out += "___05F"; i += 1 } else { out += "_" }
            } else {
                out += "__0" + String(c.value, radix: 16, uppercase: true).leftPadded(to: 2)
            }
            i += 1
        }
        return out
    }

    /// A member name back as a dotted path below the top (nil: not below `top`).
    static func path(member: String, top: String) -> String? {
        let prefix = encode(top) + "__DOT__"
        guard member.hasPrefix(prefix) else { return nil }
        return String(member.dropFirst(prefix.count))
            .replacingOccurrences(of: "__DOT__", with: ".")
            .replacingOccurrences(of: "__BRA__", with: "[")
            .replacingOccurrences(of: "__KET__", with: "]")
            .replacingOccurrences(of: "___05F", with: "__")
    }

    /// The data members the generated root header declares
    /// (`CData/*3:0*/ counter__DOT__u_fifo__DOT__count;`, `VlWide<3>/*69:0*/ x;`).
    static func members(rootHeader: String) -> Set<String> {
        var names = Set<String>()
        for line in rootHeader.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasSuffix(";"), !t.contains("("), let last = t.dropLast().split(separator: " ").last else { continue }
            let name = last.split(separator: "/").last.map(String.init) ?? ""
            if name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }) {
                names.insert(name)
            }
        }
        return names
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
