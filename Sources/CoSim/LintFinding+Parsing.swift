/// Reading the three tools' diagnostics into `LintFinding` values.
///
/// The formats (Verilator 5, Icarus Verilog 11/12, Yosys 0.2x):
/// - Verilator: `%Warning-WIDTH: f.v:3:5: msg`, `%Error: f.v:3:1: msg`,
///   `%Error-PINNOTFOUND: ...`, `%Error: msg` (no place). Every line that does
///   not start with `%` (source excerpt, caret, "... In instance", hints)
///   belongs to the finding above it. `%Error: Exiting due to N warning(s)` and
///   `%Error: Cannot continue` only count what came before: not findings.
/// - Icarus: `f.v:3: error: msg`, `f.v:3: warning: msg`, `f.v:3: sorry: msg`,
///   `f.v:3: syntax error`, `error: msg` (no place), `f.v: No such file or
///   directory`. `f.v:3:      : msg` and indented lines are notes of the
///   finding above. `N error(s) during elaboration.` and `I give up.` are not findings.
/// - Yosys: `ERROR: msg`, `Warning: msg`, either after a `f.v:3: ` place or
///   with `See f.v:3` at the end of the message; indented lines (driver
///   lists, loop members) are notes. Its
///   `ERROR: Found N problems in 'check -assert'.` is kept: it is why Yosys failed.
extension LintFinding {
    /// The findings in `output`, the text `tool` printed (stdout and stderr), in order.
    public static func parse(_ output: String, tool: LintTool) -> [LintFinding] {
        var findings: [LintFinding] = []
        for raw in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingTrailingSpaces()
            guard !line.isEmpty else { continue }
            switch classify(line, tool: tool) {
            case .finding(let f): findings.append(f)
            case .note: if !findings.isEmpty { findings[findings.count - 1].notes.append(String(line)) }
            case .summary: break
            }
        }
        return findings
    }

    private enum LineKind {
        case finding(LintFinding)
        case note
        case summary
    }

    private static func classify(_ line: Substring, tool: LintTool) -> LineKind {
        switch tool {
        case .verilator: return verilatorLine(line)
        case .iverilog: return icarusLine(line)
        case .yosys: return yosysLine(line)
        }
    }

    private static func verilatorLine(_ line: Substring) -> LineKind {
        guard let m = line.wholeMatch(of: /%(Warning|Error)(?:-([A-Za-z0-9_]+))?: (.*)/) else { return .note }
        let severity: LintSeverity = m.1 == "Error" ? .error : .warning
        let rest = m.3
        if m.2 == nil, rest.contains(/^(Exiting due to \d+ .*\(s\)|Cannot continue)/) { return .summary }
        let code = m.2.map(String.init)
        guard let place = Place(rest) else {
            return .finding(LintFinding(tool: .verilator, severity: severity, code: code, message: String(rest)))
        }
        return .finding(LintFinding(tool: .verilator, severity: severity, code: code, file: place.file, line: place.line,
                                    column: place.column, message: place.rest))
    }

    private static func icarusLine(_ line: Substring) -> LineKind {
        if line.first?.isWhitespace == true { return .note }
        if line.contains(/^(\d+ error\(s\) during elaboration\.|I give up\.)$/) { return .summary }
        if let place = Place(line) {
            if place.rest.hasPrefix(":") { return .note }
            let (severity, message) = icarusSeverity(place.rest)
            return .finding(LintFinding(tool: .iverilog, severity: severity, file: place.file, line: place.line, message: message))
        }
        if line.hasPrefix("error: ") || line.hasPrefix("warning: ") || line.hasPrefix("sorry: ") {
            let (severity, message) = icarusSeverity(String(line))
            return .finding(LintFinding(tool: .iverilog, severity: severity, message: message))
        }
        if let m = line.wholeMatch(of: /(\S+): (.+)/) {   // f.v: No such file or directory
            return .finding(LintFinding(tool: .iverilog, severity: .error, file: String(m.1), message: String(m.2)))
        }
        return .note
    }

    /// `warning: msg` is a warning; `error: msg` an error; anything else
    /// (`syntax error`, `sorry: ...`) an error with the text kept whole.
    private static func icarusSeverity(_ text: String) -> (LintSeverity, String) {
        if text.hasPrefix("warning: ") { return (.warning, String(text.dropFirst("warning: ".count))) }
        if text.hasPrefix("error: ") { return (.error, String(text.dropFirst("error: ".count))) }
        return (.error, text)
    }

    private static func yosysLine(_ line: Substring) -> LineKind {
        if line.first?.isWhitespace == true { return .note }
        let place = Place(line)
        let text = place.map { Substring($0.rest) } ?? line
        guard let m = text.wholeMatch(of: /(ERROR|Warning): (.*)/) else { return .note }
        var finding = LintFinding(tool: .yosys, severity: m.1 == "ERROR" ? .error : .warning,
                                  file: place?.file, line: place?.line, message: String(m.2))
        // "Replacing memory \slot with list of registers. See f.v:20": the place at the end.
        if place == nil, let see = m.2.firstMatch(of: /See ([^:\s][^:]*):(\d+)\.?$/) {
            finding.file = String(see.1)
            finding.line = Int(see.2)
        }
        return .finding(finding)
    }
}

/// `file:line:` or `file:line:column:` at the start of a diagnostic, and what follows it.
private struct Place {
    var file: String
    var line: Int
    var column: Int?
    /// The text after the place, leading spaces removed.
    var rest: String

    init?(_ text: Substring) {
        guard let m = text.wholeMatch(of: /([^:\s][^:]*):(\d+):(?:(\d+):)?(.*)/), let line = Int(m.2) else { return nil }
        file = String(m.1)
        self.line = line
        column = m.3.flatMap { Int($0) }
        rest = String(m.4.drop(while: \.isWhitespace))
    }
}

extension Substring {
    /// The text without trailing spaces, tabs and carriage returns.
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
