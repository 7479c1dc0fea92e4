import CoSim
import Foundation

/// Runs the three real Verilog tools on a file, as the project requires of every
/// emitted design, through `CoSim.VerilogLint`:
/// - `verilator --lint-only -Wall` (no warnings allowed),
/// - `iverilog -g2005 -Wall` (compile only; warnings fail too),
/// - `yosys`: `hierarchy -check -top TOP; proc; check -assert` (warnings fail too).
///
/// `Lint.check(verilog:top:)` writes the text to `<scratch>/<top>.v` (Verilator's
/// DECLFILENAME wants the file named after the top module) and throws a
/// `TestSupportError` listing every tool's findings and the commands that found them.
public enum Lint {
    /// A clean lint: the file and what each tool printed.
    public struct Report: Sendable {
        public var file: URL
        /// Combined output of each tool, in the order verilator, iverilog, yosys.
        public var outputs: [String]
        /// The full report.
        public var lint: LintReport
    }

    /// Lints Verilog text (written to a fresh scratch directory); `libraries` are Verilog
    /// files read with it (the external modules it instantiates).
    @discardableResult
    public static func check(verilog: String, top: String, libraries: [URL] = []) throws -> Report {
        let dir = try RepoPaths.scratchDirectory("lint-\(top)")
        let file = dir.appendingPathComponent("\(top).v")
        try verilog.write(to: file, atomically: true, encoding: .utf8)
        let report = try check(file: file, top: top, libraries: libraries)
        try? FileManager.default.removeItem(at: dir)   // kept on failure: the message names the file
        return report
    }

    /// Lints a Verilog file with all three tools; throws when any of them reports anything.
    @discardableResult
    public static func check(file: URL, top: String, libraries: [URL] = []) throws -> Report {
        let report: LintReport
        do { report = try VerilogLint.run(file: file, top: top, libraries: libraries) } catch {
            throw TestSupportError("lint of \(file.path) could not run: \(error)")
        }
        guard report.isClean else {
            let commands = report.runs.filter { !$0.findings.isEmpty }
                .map { "  \($0.tool.rawValue) (exit \($0.status)): \($0.command.joined(separator: " "))" }
            throw TestSupportError("lint of \(file.path) (top \(top)) failed: \(report.summary)\n\(report)\ncommands:\n"
                                   + commands.joined(separator: "\n"))
        }
        return Report(file: file, outputs: report.runs.map(\.output), lint: report)
    }
}
