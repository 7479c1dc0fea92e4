import Foundation

/// What one lint tool did: the command, its exit status, its raw output and
/// the findings read from it.
public struct LintToolRun: Sendable {
    /// The tool.
    public var tool: LintTool
    /// The command line, executable first (to re-run it by hand).
    public var command: [String]
    /// Its exit status.
    public var status: Int32
    /// stdout followed by stderr, as printed.
    public var output: String
    /// What it reported; never empty when `status` is not 0.
    public var findings: [LintFinding]
}

/// The result of `VerilogLint.run`: every tool's findings, as values.
public struct LintReport: Sendable {
    /// The file linted.
    public var file: URL
    /// Its top module.
    public var top: String
    /// The runs, in the order Verilator, Icarus, Yosys (those asked for).
    public var runs: [LintToolRun]

    /// Every finding, tool by tool in the order of `runs`.
    public var findings: [LintFinding] { runs.flatMap(\.findings) }

    /// True when no tool reported anything (a warning counts as a finding).
    public var isClean: Bool { runs.allSatisfy(\.findings.isEmpty) }

    /// The raw output (stdout then stderr) of `tool`, nil when it was not run.
    public func output(of tool: LintTool) -> String? {
        runs.first { $0.tool == tool }?.output
    }

    /// "2 warnings, 1 error (verilator 2, yosys 1)" or "clean (verilator, iverilog, yosys)".
    public var summary: String {
        isClean ? "clean (\(runs.map(\.tool.rawValue).joined(separator: ", ")))" : LintFinding.tally(findings)
    }
}

extension LintReport: CustomStringConvertible {
    /// The findings as compilers print diagnostics, each followed by its notes;
    /// empty when clean.
    public var description: String {
        findings.map(\.rendered).joined(separator: "\n")
    }
}
