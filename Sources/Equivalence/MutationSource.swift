/// A source location Yosys attaches to a cell or wire (`src` attribute,
/// `file:line.col-line.col`): where in the RTL a mutation takes effect.
public struct MutationSource: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The file as Yosys named it (the path it read the RTL from, e.g. `trapline_router.v`).
    public var file: String
    /// The first line of the span, 1-based.
    public var line: Int
    /// The last line of the span, 1-based (equal to `line` for a one-line source or `file:12`).
    public var endLine: Int
    /// The attribute as Yosys wrote it.
    public var text: String

    /// A source spanning lines `line` to `endLine` (1-based) of `file`; `text` is the attribute as written.
    public init(file: String, line: Int, endLine: Int, text: String) {
        self.file = file; self.line = line; self.endLine = endLine; self.text = text
    }

    /// Parses `file:12.3-14.8` (or `file:12`); nil when it is not of that shape.
    public init?(_ attribute: String) {
        guard let colon = attribute.lastIndex(of: ":") else { return nil }
        let file = String(attribute[..<colon])
        let span = attribute[attribute.index(after: colon)...]
        let ends = span.split(separator: "-", maxSplits: 1)
        func lineOf(_ s: Substring) -> Int? { s.split(separator: ".").first.flatMap { Int($0) } }
        guard !file.isEmpty, let first = ends.first, let line = lineOf(first) else { return nil }
        self.init(file: file, line: line, endLine: ends.count > 1 ? (lineOf(ends[1]) ?? line) : line, text: attribute)
    }

    /// One line of source (the mutated expression is on it), not a whole block.
    public var isSingleLine: Bool { line == endLine }

    /// `file:line`, with `file` shown as `name` (the path the user gave).
    public func location(as name: String? = nil) -> String { "\(name ?? file):\(line)" }

    /// `file:line`, the file as Yosys named it.
    public var description: String { location() }

    /// The most telling of a mutation's sources: Yosys lists the wire's
    /// declaration first when the mutated bit is a named wire, then the
    /// expression, then the enclosing block. The first one-line source after
    /// the declaration wins; a declaration alone, or a block alone, stands.
    public static func primary(_ sources: [MutationSource], hasWire: Bool) -> MutationSource? {
        let single = sources.filter(\.isSingleLine)
        if hasWire && single.count > 1 { return single[1] }
        return single.first ?? sources.first
    }
}
