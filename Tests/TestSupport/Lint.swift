import Foundation

/// Runs the three real Verilog tools on a file, as the project requires of every
/// emitted design:
/// - `verilator --lint-only -Wall` (no warnings allowed),
/// - `iverilog -g2005` (compile only),
/// - `yosys`: `read_verilog FILE; hierarchy -check -top TOP; proc; check -assert`.
///
/// `Lint.check(verilog:top:)` writes the text to `<scratch>/<top>.v` (Verilator's
/// DECLFILENAME wants the file named after the top module) and throws a
/// `TestSupportError` holding the failing tool's command line and output.
public enum Lint {
    public struct Report: Sendable {
        public var file: URL
        /// Combined output of each tool, in the order verilator, iverilog, yosys.
        public var outputs: [String]
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

    /// Lints a Verilog file with all three tools; throws on the first failure.
    @discardableResult
    public static func check(file: URL, top: String, libraries: [URL] = []) throws -> Report {
        var outputs: [String] = []
        let extra = libraries.map(\.path)
        let verilator = ["--lint-only", "-Wall", "--top-module", top, file.path] + extra
        outputs.append(try run("verilator", verilator))
        // Never `-o /dev/null`: iverilog marks its output executable, and as root that
        // chmods /dev/null to 0755 for the whole machine (apt's sandbox user then fails).
        let vvpDir = try RepoPaths.scratchDirectory("lint-vvp")
        defer { try? FileManager.default.removeItem(at: vvpDir) }
        let vvp = vvpDir.appendingPathComponent("\(top).vvp").path
        outputs.append(try run("iverilog", ["-g2005", "-Wall", "-o", vvp, "-s", top, file.path] + extra))
        let reads = ([file.path] + extra).map { "read_verilog \($0); " }.joined()
        let script = "\(reads)hierarchy -check -top \(top); proc; check -assert"
        outputs.append(try run("yosys", ["-q", "-p", script]))
        return Report(file: file, outputs: outputs)
    }

    /// Runs one tool; a non-zero exit (or, for iverilog, any warning) is a failure.
    static func run(_ tool: String, _ args: [String]) throws -> String {
        let result = try Tools.run(try Tools.path(of: tool), args)
        let output = result.stdout + result.stderr
        let warned = tool == "iverilog" && output.contains("warning")
        if result.status != 0 || warned {
            throw TestSupportError("\(tool) \(args.joined(separator: " ")) failed (exit \(result.status)):\n\(output)")
        }
        return output
    }
}
