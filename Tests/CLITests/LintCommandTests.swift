import Foundation
import Testing
import TestSupport

/// `trapline lint` end to end with the real tools: exit codes 0/1/2/3, the
/// findings on stdout (diagnostics or JSON), the summary on stderr.
@Suite struct LintCommandTests {
    static let clean = "module clean (input wire a, output wire y);\n    assign y = ~a;\nendmodule\n"
    static let width = "module width (input wire [3:0] a, output wire [1:0] y);\n    assign y = a;\nendmodule\n"

    /// A fresh folder holding clean.v and width.v; `trapline lint ARGS` runs in it.
    func lint(_ args: [String], environment: [String: String]? = nil) throws -> Tools.Result {
        let dir = try RepoPaths.scratchDirectory("lint-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.clean.write(to: dir.appendingPathComponent("clean.v"), atomically: true, encoding: .utf8)
        try Self.width.write(to: dir.appendingPathComponent("width.v"), atomically: true, encoding: .utf8)
        try Self.clean.write(to: dir.appendingPathComponent("my-design.v"), atomically: true, encoding: .utf8)
        return try Tools.run(try RepoPaths.traplineExecutable().path, ["lint"] + args, cwd: dir, environment: environment)
    }

    @Test func cleanFileExitsZeroAndPrintsNothing() throws {
        let r = try lint(["clean.v"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "trapline lint: clean.v: clean (verilator, iverilog, yosys)\n")
    }

    @Test func findingsExitOneAsDiagnostics() throws {
        let r = try lint(["width.v"])
        #expect(r.status == 1, "\(r.stderr)")
        // The file as it was typed, line and column from Verilator (WIDTH, or WIDTHTRUNC from 5.008 on).
        #expect(r.stdout.contains("width.v:2:14: warning: [verilator WIDTH"), "\(r.stdout)")
        #expect(!r.stdout.contains("/width.v"), "named as typed, not as an absolute path")
        #expect(r.stderr.hasPrefix("trapline lint: width.v: ") && r.stderr.contains("warning"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one summary line: \(r.stderr)")
    }

    @Test func jsonShape() throws {
        let r = try lint(["--json", "width.v", "clean.v"])
        #expect(r.status == 1, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["version"] as? Int == 1)
        #expect(doc["clean"] as? Bool == false)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let width = try #require(findings.first { ($0["code"] as? String)?.hasPrefix("WIDTH") == true }, "\(findings)")
        #expect(width["tool"] as? String == "verilator" && width["severity"] as? String == "warning")
        #expect(width["file"] as? String == "width.v" && width["line"] as? Int == 2 && width["column"] as? Int == 14)
        #expect(width["message"] is String && width["notes"] is [String])
        #expect(findings.allSatisfy { $0["file"] as? String != "clean.v" }, "clean.v has no finding")
        #expect(r.stderr.hasPrefix("trapline lint: 2 files: "))

        let clean = try lint(["--json", "clean.v"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "{\"clean\":true,\"findings\":[],\"version\":1}\n")
    }

    @Test(arguments: [
        (["missing.v"], "missing.v: there is no such file"),
        (["my-design.v"], "'my-design' is not a Verilog identifier"),
        (["clean.v", "--top", "a;b"], "--top: 'a;b' is not a Verilog identifier"),
        (["clean.v", "width.v", "--top", "clean"], "--top clean names the top module of one file"),
        (["clean.v", "--lib", "cells.v"], "--lib cells.v: there is no such file"),
        ([], "give the Verilog files to lint"),
    ])
    func badInputExitsTwoNamingIt(args: [String], message: String) throws {
        let r = try lint(args)
        #expect(r.status == 2, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func missingToolExitsThreeWithTheInstallHint() throws {
        let r = try lint(["clean.v"], environment: ["TRAPLINE_YOSYS": "/nonexistent/yosys"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("yosys is required but missing") && r.stderr.contains("apt-get install -y yosys"), "\(r.stderr)")
    }
}
