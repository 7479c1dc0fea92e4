import ArgumentParser
import CoSim
import Foundation

/// `trapline lint FILE.v... [--top NAME] [--lib FILE.v ...] [--json]`: runs
/// Verilator (`--lint-only -Wall`), Icarus (`-g2005 -Wall`) and Yosys
/// (`hierarchy -check; proc; check -assert`) on each file (`CoSim.VerilogLint`)
/// and prints every finding on stdout, as compiler diagnostics or as one JSON
/// object; a one-line summary goes to stderr. Every input is checked before
/// any tool runs. Exit 0 clean, 1 findings, 2 bad input, 3 a tool missing or failing.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Verilog files with Verilator, Icarus Verilog and Yosys; print every finding.",
        discussion: """
        Each FILE is linted on its own with the --lib files; its top module is the file's base name \
        (design.v: design; Verilator's DECLFILENAME wants them to agree) unless --top names it. \
        Any finding, a warning too, makes the file unclean. With --json, stdout is \
        {"version":1,"clean":BOOL,"findings":[...]}, each finding with tool, severity, message, notes and, \
        when known, code (Verilator's), file, line and column. \
        Exit codes: 0 clean, 1 findings, 2 bad input (a file missing or unreadable, a bad top name), \
        3 a tool is missing or failed.
        """)

    @Argument(help: "Verilog files to lint, each on its own.")
    var files: [String] = []
    @Option(help: "The top module (with one FILE only; default: the file's base name).")
    var top: String?
    @Option(name: .customLong("lib"), help: "A Verilog file read with each FILE (modules it instantiates); repeat for more.")
    var libraries: [String] = []
    @Flag(help: "Print the findings as one JSON object instead of diagnostics.")
    var json = false

    func run() throws {
        let jobs = try checkedJobs()
        let libs = try libraries.map { path in
            let url = URL(fileURLWithPath: path)
            if let problem = VerilogLint.fileProblem(url) {
                throw CLIError.badInput("--lib \(path): \(problem); give the path of a Verilog file")
            }
            return url
        }
        ProcessGuard.setActivity { "trapline lint had not finished; nothing was printed" }
        var reports: [LintReport] = []
        for job in jobs {
            do { reports.append(try VerilogLint.run(file: job.url, top: job.top, libraries: libs)) } catch {
                switch error {
                case .badInput(let message): throw CLIError.badInput(message)
                case .tool(let toolError): throw toolError
                }
            }
        }
        var typed: [String: String] = [:]
        for (job, path) in zip(jobs, files) { typed[job.url.path] = path }
        for (url, path) in zip(libs, libraries) { typed[url.path] = path }
        let findings = reports.flatMap(\.findings).map { $0.naming(typed) }
        if json {
            try StandardOutput.print(try LintDocument(clean: findings.isEmpty, findings: findings).text())
        } else if !findings.isEmpty {
            try StandardOutput.print(findings.map(\.rendered).joined(separator: "\n"))
        }
        let what = files.count == 1 ? files[0] : "\(files.count) files"
        let verdict = findings.isEmpty ? "clean (\(LintTool.allCases.map(\.rawValue).joined(separator: ", ")))" : LintFinding.tally(findings)
        FileHandle.standardError.write(Data("trapline lint: \(what): \(verdict)\n".utf8))
        if !findings.isEmpty { throw ExitCode(ExitStatus.mismatch.rawValue) }
    }

    /// Each file with its top module, every one checked before any tool runs.
    private func checkedJobs() throws -> [(url: URL, top: String)] {
        guard !files.isEmpty else {
            throw CLIError.badInput("give the Verilog files to lint: trapline lint design.v [--top NAME] [--lib cells.v]")
        }
        if let top, files.count > 1 {
            throw CLIError.badInput("--top \(top) names the top module of one file, and \(files.count) were given; lint them one at a time, or name each file after its top module")
        }
        return try files.map { path in
            let url = URL(fileURLWithPath: path)
            if let problem = VerilogLint.fileProblem(url) {
                throw CLIError.badInput("\(path): \(problem); give the path of a Verilog file")
            }
            let name = top ?? url.deletingPathExtension().lastPathComponent
            if let problem = VerilogLint.topNameProblem(name) {
                throw CLIError.badInput(top == nil
                    ? "\(path): the top module name is taken from the file name, and \(problem); name the top module with --top NAME"
                    : "--top: \(problem); give the name of the file's top module")
            }
            return (url, name)
        }
    }
}

extension LintFinding {
    /// The finding with the files named as they were typed (`typed`: absolute
    /// path -> as given), in its place and its notes, not as the absolute paths
    /// the tools were given.
    func naming(_ typed: [String: String]) -> LintFinding {
        var f = self
        if let file, let path = typed[file] { f.file = path }
        for (absolute, path) in typed.sorted(by: { $0.key.count > $1.key.count }) where absolute != path {
            f.notes = f.notes.map { $0.replacingOccurrences(of: absolute + ":", with: path + ":") }
        }
        return f
    }
}

/// What `trapline lint --json` prints (format version 1).
struct LintDocument: Encodable {
    var version = 1
    var clean: Bool
    var findings: [LintFinding]

    /// The document as one line of JSON with sorted keys.
    func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
