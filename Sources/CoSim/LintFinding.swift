/// One of the three Verilog tools `VerilogLint` runs.
public enum LintTool: String, CaseIterable, Sendable, Codable, Comparable {
    /// Verilator (`--lint-only -Wall`), Icarus Verilog (`iverilog`), Yosys.
    case verilator, iverilog, yosys

    /// The executable behind it (discovery, overrides and install hints: `Toolchain`).
    public var tool: Tool {
        switch self {
        case .verilator: return .verilator
        case .iverilog: return .iverilog
        case .yosys: return .yosys
        }
    }

    /// The running order: Verilator, Icarus, Yosys.
    public static func < (a: LintTool, b: LintTool) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How bad a finding is, in the tool's own words (`%Warning` / `%Error`,
/// `warning:` / `error:`, `Warning:` / `ERROR:`).
public enum LintSeverity: String, Sendable, Codable {
    /// An error (the file is refused) or a warning.
    case error, warning
}

/// One diagnostic a lint tool printed, as a value.
///
/// `file` and `line` are absent when the tool named no place (a missing top
/// module, Yosys's `check -assert` problems, a tool that failed without a
/// diagnostic it could parse: then `message` says so and `notes` hold its raw
/// output). `column` comes from Verilator only. `notes` are the lines the tool
/// printed under the diagnostic (source excerpt, hints, driver lists), verbatim
/// except for trailing spaces. In JSON, absent values are left out.
public struct LintFinding: Sendable, Equatable, Codable {
    /// The tool that reported it.
    public var tool: LintTool
    /// Error or warning, as the tool said.
    public var severity: LintSeverity
    /// Verilator's warning code (`WIDTH`, `UNUSEDSIGNAL`, `PINNOTFOUND`); nil for the other tools.
    public var code: String?
    /// The file as the tool named it.
    public var file: String?
    /// 1-based line.
    public var line: Int?
    /// 1-based column (Verilator only).
    public var column: Int?
    /// The diagnostic's first line, without its location and severity.
    public var message: String
    /// The lines printed under it.
    public var notes: [String]

    /// A finding; `notes` default to none.
    public init(tool: LintTool, severity: LintSeverity, code: String? = nil, file: String? = nil, line: Int? = nil,
                column: Int? = nil, message: String, notes: [String] = []) {
        self.tool = tool; self.severity = severity; self.code = code
        self.file = file; self.line = line; self.column = column
        self.message = message; self.notes = notes
    }
}

extension LintFinding: CustomStringConvertible {
    /// One line as compilers print diagnostics:
    /// `file:line:col: warning: [verilator WIDTH] message` (the place is left
    /// out when unknown). `notes` are not included; `rendered` adds them.
    public var description: String {
        var place = ""
        if let file {
            place = file
            if let line { place += ":\(line)" }
            if let column, line != nil { place += ":\(column)" }
            place += ": "
        }
        let tag = code.map { "\(tool.rawValue) \($0)" } ?? tool.rawValue
        return "\(place)\(severity.rawValue): [\(tag)] \(message)"
    }

    /// `description` followed by the notes, one per line.
    public var rendered: String {
        ([description] + notes).joined(separator: "\n")
    }
}

extension LintFinding {
    /// Counts by severity and by tool: "2 warnings, 1 error (verilator 2, yosys 1)"; "no findings" for none.
    public static func tally(_ findings: [LintFinding]) -> String {
        guard !findings.isEmpty else { return "no findings" }
        let errors = findings.filter { $0.severity == .error }.count, warnings = findings.count - errors
        var parts: [String] = []
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        let perTool = LintTool.allCases.compactMap { tool -> String? in
            let n = findings.filter { $0.tool == tool }.count
            return n == 0 ? nil : "\(tool.rawValue) \(n)"
        }
        return parts.joined(separator: ", ") + " (" + perTool.joined(separator: ", ") + ")"
    }
}
