import Foundation

/// The assertions of a checker's Verilog text (as `VerilogEmitter` writes them under
/// the directive `ifdef FORMAL`: `assert (c);  // File.swift:L: tag: message`), by group. Yosys
/// keeps each `$assert` cell's source range (`src` attribute; after flattening prefixed
/// with the instance's: "top.v:68.29-94.6|checker.v:253.24-254.86"). Yosys 0.23 starts an
/// immediate assertion's range at the end of the statement before it, so a group's cells
/// are selected by the range's *end* line, which is the assertion's own line.
public struct AssertionGroups: Sendable {
    /// One `assert` line of the checker.
    public struct Assertion: Sendable, Hashable {
        /// 1-based line in the checker's file.
        public var line: Int
        /// The tag before the message's colon (a `SafetyProperty` tag for the router's checker).
        public var group: String
        /// The message after the tag.
        public var message: String
    }
    /// The checker's file name as Yosys saw it (the `src` attribute's file part).
    public var file: String
    /// Every assertion of the checker, in line order.
    public var assertions: [Assertion]
    /// Group tags in first-appearance order.
    public var groups: [String] {
        var seen: [String] = []
        for a in assertions where !seen.contains(a.group) { seen.append(a.group) }
        return seen
    }

    /// The assertions of the checker text `text`, which Yosys will read as the file `file`; lines without a tagged `assert` are skipped.
    public static func parse(checkerVerilog text: String, file: String) -> AssertionGroups {
        var out: [Assertion] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " }
            guard line.hasPrefix("assert ("), let comment = line.range(of: "//") else { continue }
            // "File.swift:L: tag: message"
            let parts = line[comment.upperBound...].split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4 else { continue }
            out.append(Assertion(line: i + 1, group: parts[2].trimmingCharacters(in: .whitespaces),
                                 message: parts[3].trimmingCharacters(in: .whitespaces)))
        }
        return AssertionGroups(file: file, assertions: out)
    }

    /// The assertion at `line`, if any.
    public func assertion(atLine line: Int) -> Assertion? { assertions.first { $0.line == line } }

    /// The assertion a Yosys message names by its source range ("...|checker.v:253.24-254.86)").
    public func assertion(inYosysMessage text: Substring) -> Assertion? {
        // The last mention: the cell's name ("$assert$checker.v:253$12") comes before its range.
        guard let r = text.range(of: file + ":", options: .backwards) else { return nil }
        let range = text[r.upperBound...].prefix { $0 != ")" && $0 != "|" && $0 != " " }
        let end = range.split(separator: "-").last ?? range
        return Int(end.prefix { $0.isNumber }).flatMap { assertion(atLine: $0) }
    }

    /// A Yosys selection of every `$assert` cell outside `group` (for `chformal -remove`).
    func otherAssertionsSelection(keeping group: String) -> String {
        let keep = assertions.filter { $0.group == group }.map(\.line)
        guard !keep.isEmpty else { return "t:$assert" }
        var sel = "t:$assert"
        for (i, l) in keep.enumerated() { sel += " a:src=*\(file):*-\(l).*" + (i == 0 ? "" : " %u") }
        return sel + " %d"
    }
}
