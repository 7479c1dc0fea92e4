import CoSim
import Foundation

/// Real external tools for tests (never mocks). A missing tool is a test
/// failure that says how to install it, not a silent skip: `make test`
/// installs verilator, iverilog and yosys first.
public enum Tools {
    public static func path(of tool: String) throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError("\(tool) is not installed: run `make deps` (or `apt-get install -y verilator iverilog yosys`)")
    }

    /// Exit status, stdout and stderr of a finished program.
    public typealias Result = ProcessResult

    /// Runs a program to completion (`CoSim.ProcessRunner`); `stdin` is fed in full.
    /// A bare name is looked up on PATH.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: String? = nil,
                           cwd: URL? = nil, environment: [String: String]? = nil) throws -> Result {
        try ProcessRunner.run(executable.contains("/") ? executable : try path(of: executable), arguments,
                              stdin: stdin, cwd: cwd, environment: environment)
    }
}
