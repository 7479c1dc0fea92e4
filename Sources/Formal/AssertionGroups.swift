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
        /// The Verilog file it is in, as Yosys saw it.
        public var file: String = ""
    }
    /// The (first) checker file's name as Yosys saw it (the `src` attribute's file part).
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
                                 message: parts[3].trimmingCharacters(in: .whitespaces), file: file))
        }
        return AssertionGroups(file: file, assertions: out)
    }

    /// The assertions of several files (`text` read by Yosys as `file`), in the order given.
    public static func parse(files: [(text: String, file: String)]) -> AssertionGroups {
        let parts = files.map { parse(checkerVerilog: $0.text, file: $0.file) }
        return AssertionGroups(file: files.first?.file ?? "", assertions: parts.flatMap(\.assertions))
    }

    /// The assertion at `line` of `file` (default: any file), if any.
    public func assertion(atLine line: Int, in file: String? = nil) -> Assertion? {
        assertions.first { $0.line == line && (file == nil || $0.file == file) }
    }

    /// The assertion a Yosys message names by its source range ("...|checker.v:253.24-254.86)").
    public func assertion(inYosysMessage text: Substring) -> Assertion? {
        // The last mention of a file with assertions: the cell's name ("$assert$checker.v:253$12")
        // comes before its range.
        var best: (at: Substring.Index, file: String)?
        for f in Set(assertions.map(\.file)) {
            if let r = text.range(of: f + ":", options: .backwards), best == nil || r.upperBound > best!.at { best = (r.upperBound, f) }
        }
        guard let best else { return nil }
        let range = text[best.at...].prefix { $0 != ")" && $0 != "|" && $0 != " " }
        let end = range.split(separator: "-").last ?? range
        return Int(end.prefix { $0.isNumber }).flatMap { assertion(atLine: $0, in: best.file) }
    }

    /// The assertions of the groups `tags`.
    public func assertions(of tags: [String]) -> [Assertion] { assertions.filter { tags.contains($0.group) } }

    /// A Yosys selection of every `$assert` cell outside `group` (for `chformal -remove`).
    func otherAssertionsSelection(keeping group: String) -> String { otherAssertionsSelection(keeping: [group]) }

    /// A Yosys selection of every `$assert` cell outside the groups `tags`.
    func otherAssertionsSelection(keeping tags: [String]) -> String {
        let keep = assertions(of: tags)
        guard !keep.isEmpty else { return "t:$assert" }
        var sel = "t:$assert"
        for (i, a) in keep.enumerated() { sel += " a:src=*\(a.file):*-\(a.line).*" + (i == 0 ? "" : " %u") }
        return sel + " %d"
    }
}
