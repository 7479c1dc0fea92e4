import Foundation

/// Discovery of the external tools (one place for all of them).
///
/// Each tool can be overridden by an environment variable naming the
/// executable (`TRAPLINE_VERILATOR=/opt/verilator/bin/verilator`); otherwise it
/// is looked up on `PATH`. A missing tool is a `ToolError` whose message names
/// the tool and the command that installs it; the CLI maps it to exit code 3.
public enum Tool: String, CaseIterable, Sendable {
    /// The Verilog tools (Verilator, Icarus' compiler `iverilog` and runtime `vvp`, Yosys and its ABC), the C++ compiler `c++` and `make`.
    case verilator, iverilog, vvp, yosys, yosysABC = "yosys-abc", cxx = "c++", make

    /// Environment variable that overrides the lookup.
    public var environmentVariable: String {
        switch self {
        case .cxx: return "TRAPLINE_CXX"
        case .yosysABC: return "TRAPLINE_YOSYS_ABC"
        default: return "TRAPLINE_\(rawValue.uppercased())"
        }
    }

    /// The Debian package that provides the tool.
    public var debianPackage: String {
        switch self {
        case .verilator: return "verilator"
        case .iverilog, .vvp: return "iverilog"
        case .yosys, .yosysABC: return "yosys"
        case .cxx: return "g++"
        case .make: return "make"
        }
    }

    /// How to get the tool: the `apt-get` line, `make deps`, or the override variable.
    public var installHint: String {
        "install it with `apt-get install -y \(debianPackage)` (or run `make deps`), or point \(environmentVariable) at the executable"
    }
}

/// Finds the external tools and reads their versions.
public enum Toolchain {
    /// The absolute path of `tool`, or a `ToolError.missing`.
    public static func locate(_ tool: Tool) throws(ToolError) -> String {
        let env = ProcessInfo.processInfo.environment
        if let override = env[tool.environmentVariable], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw .missing(tool: tool, detail: "\(tool.environmentVariable)=\(override) is not an executable file")
            }
            return override
        }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(tool.rawValue)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw .missing(tool: tool, detail: "\(tool.rawValue) was not found on PATH")
    }

    /// The first line `tool --version` prints (`-V` for iverilog, which has no --version).
    public static func version(of tool: Tool) throws(ToolError) -> String {
        let path = try locate(tool)
        let flag = tool == .iverilog || tool == .vvp ? "-V" : "--version"
        let result: ProcessResult
        do { result = try ProcessRunner.run(path, [flag]) } catch { throw .failed(tool: tool, command: "\(path) \(flag)", output: "\(error)") }
        let text = result.stdout.isEmpty ? result.stderr : result.stdout
        return text.split(separator: "\n").first.map(String.init) ?? ""
    }
}

/// A missing or failing external tool.
public enum ToolError: Error, CustomStringConvertible, Sendable {
    /// The tool is not installed (or its override names no executable); `detail` says which lookup failed.
    case missing(tool: Tool, detail: String)
    /// The tool ran and failed: the command line and its output.
    case failed(tool: Tool, command: String, output: String)

    /// For `missing`, the tool, the detail and the install hint; for `failed`, the command and the last 40 lines of its output.
    public var description: String {
        switch self {
        case let .missing(tool, detail):
            return "\(tool.rawValue) is required but missing: \(detail); \(tool.installHint)"
        case let .failed(tool, command, output):
            let tail = output.split(separator: "\n", omittingEmptySubsequences: false).suffix(40).joined(separator: "\n")
            return "\(tool.rawValue) failed running `\(command)`:\n\(tail)"
        }
    }
}
