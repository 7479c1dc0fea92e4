import Foundation

/// Lints a Verilog file with the three real tools and returns what they say as
/// values (`LintReport`, `LintFinding`):
/// - `verilator --lint-only -Wall --top-module TOP FILE LIBS...`
/// - `iverilog -g2005 -Wall -o TMP -s TOP FILE LIBS...` (compile only; the
///   output goes to a temporary folder, never /dev/null, which iverilog would chmod)
/// - `yosys -q -f verilog -p "hierarchy -check -top TOP; proc; check -assert" FILE LIBS...`
///   (with `-w` for the few `yosysWaivers`: warnings about how Yosys builds
///   the design, not about the design)
///
/// Every tool asked for runs, whatever the others said. A tool that exits
/// non-zero without a diagnostic the parser can read still yields one error
/// finding holding its raw output: a failure is never dropped. Verilator
/// wants the file named after its top module (DECLFILENAME); the CLI's
/// default top is the file's base name for that reason.
public enum VerilogLint {
    /// Runs `tools` on `file` (with `libraries`, Verilog files holding the
    /// modules it instantiates) for the top module `top`.
    ///
    /// Throws `LintError.badInput` when `top` is not a Verilog identifier or a
    /// file cannot be read, and `LintError.tool` when a tool is missing
    /// (`ToolError.missing`, with its install hint) or cannot be started.
    /// Findings, however bad, are returned, never thrown.
    public static func run(file: URL, top: String, libraries: [URL] = [],
                           tools: Set<LintTool> = Set(LintTool.allCases)) throws(LintError) -> LintReport {
        if let problem = topNameProblem(top) { throw .badInput(problem) }
        for url in [file] + libraries {
            if let problem = fileProblem(url) { throw .badInput("\(url.path): \(problem)") }
        }
        let chosen = tools.sorted()
        var paths: [LintTool: String] = [:]
        do throws(ToolError) {
            for tool in chosen { paths[tool] = try Toolchain.locate(tool.tool) }
        } catch { throw .tool(error) }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("trapline-lint-\(UUID().uuidString.prefix(8))")
        ProcessGuard.registerTemporary(scratch)
        defer { try? FileManager.default.removeItem(at: scratch); ProcessGuard.release(scratch) }
        var runs: [LintToolRun] = []
        for tool in chosen {
            let command = [paths[tool]!] + arguments(tool, file: file, top: top, libraries: libraries, scratch: scratch)
            if tool == .iverilog {
                do { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) } catch {
                    throw .tool(.failed(tool: .iverilog, command: command.joined(separator: " "), output: "cannot create \(scratch.path): \(error)"))
                }
            }
            let result: ProcessResult
            do { result = try ProcessRunner.run(command[0], Array(command.dropFirst())) } catch {
                throw .tool(.failed(tool: tool.tool, command: command.joined(separator: " "), output: "\(error)"))
            }
            runs.append(toolRun(tool, command: command, result: result))
        }
        return LintReport(file: file, top: top, runs: runs)
    }

    /// The arguments of `tool` (after the executable); `scratch` holds
    /// Icarus's compiled output.
    static func arguments(_ tool: LintTool, file: URL, top: String, libraries: [URL], scratch: URL) -> [String] {
        let files = ([file] + libraries).map(\.path)
        switch tool {
        case .verilator:
            return ["--lint-only", "-Wall", "--top-module", top] + files
        case .iverilog:
            return ["-g2005", "-Wall", "-o", scratch.appendingPathComponent("\(top).vvp").path, "-s", top] + files
        case .yosys:
            // Files as arguments with a forced frontend: no path is quoted into the script.
            return ["-q"] + yosysWaivers.flatMap { ["-w", $0.pattern] }
                + ["-f", "verilog", "-p", "hierarchy -check -top \(top); proc; check -assert"] + files
        }
    }

    /// Yosys warnings that say how Yosys builds the design, not what is wrong
    /// with it: demoted to plain log messages (`yosys -w REGEX`, visible in the
    /// command), so `-q` does not print them. Each with the reason.
    public static let yosysWaivers: [(pattern: String, reason: String)] = [
        ("Replacing memory .* with list of registers",
         "mem2reg: a register array written with a reset loop or several constant indices (Verilog-2005 that Verilator and Icarus accept, and that the emitter writes on purpose) is built from registers"),
    ]

    /// The findings of one finished run; a failure without any becomes one holding the raw output.
    static func toolRun(_ tool: LintTool, command: [String], result: ProcessResult) -> LintToolRun {
        let output = result.stdout + result.stderr
        var findings = LintFinding.parse(output, tool: tool)
        if result.status != 0 && findings.isEmpty {
            let lines = output.split(separator: "\n").map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
            let said = lines.isEmpty ? "printed nothing" : "printed no diagnostic Trapline could read (its output follows)"
            findings.append(LintFinding(tool: tool, severity: .error,
                                        message: "exited with status \(result.status) and \(said)", notes: lines))
        }
        return LintToolRun(tool: tool, command: command, status: result.status, output: output, findings: findings)
    }

    /// Why `name` cannot be a top module name given to the tools (nil: it can).
    /// Only simple Verilog identifiers pass (`[A-Za-z_][A-Za-z0-9_$]*`): the
    /// name goes into a Yosys script, where `;` or a space would start another command.
    public static func topNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the top module name is empty" }
        guard name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_$]*/) != nil else {
            return "'\(name)' is not a Verilog identifier (letters, digits, _ and $, not starting with a digit or $)"
        }
        return nil
    }

    /// Why `url` cannot be linted (nil: it is a readable file).
    public static func fileProblem(_ url: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return "there is no such file" }
        if isDirectory.boolValue { return "it is a folder, not a Verilog file" }
        guard FileManager.default.isReadableFile(atPath: url.path) else { return "it cannot be read (permission denied)" }
        return nil
    }
}

/// Why `VerilogLint.run` gave no report.
public enum LintError: Error, CustomStringConvertible, Sendable {
    /// The top name or a file cannot be used; the message names it (the CLI's exit 2).
    case badInput(String)
    /// A tool is missing or could not be started (the CLI's exit 3).
    case tool(ToolError)

    /// The message.
    public var description: String {
        switch self {
        case .badInput(let message): return message
        case .tool(let error): return error.description
        }
    }
}
