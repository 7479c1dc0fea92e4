import Foundation
import Testing
import TestSupport

/// `trapline equiv` on real simulators: the generated router (exit 0,
/// EQUIVALENT) and a mutant of it (exit 1, shrunk trace + replay command that
/// reproduces + waveform + JUnit).
@Suite struct EquivRunCLITests {
    static func trapline(_ args: [String], environment: [String: String]? = nil) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: environment)
    }

    /// The generated router, or `TRAPLINE_MUTATION_BASE`.
    static func generated(_ dir: URL) throws -> URL {
        if let path = ProcessInfo.processInfo.environment["TRAPLINE_MUTATION_BASE"] { return URL(fileURLWithPath: path) }
        let r = try trapline(["generate", "--out", dir.path])
        guard r.status == 0 else { throw TestSupportError("trapline generate failed: \(r.stderr)") }
        return dir.appendingPathComponent("trapline_router.v")
    }

    @Test func theGeneratedRouterIsEquivalent() throws {
        let dir = try RepoPaths.scratchDirectory("equiv-ok")
        let rtl = try EquivRunCLITests.generated(dir)
        let junit = dir.appendingPathComponent("junit.xml")
        let r = try EquivRunCLITests.trapline(["equiv", "--rtl", rtl.path, "--budget", "2", "--streams", "1", "--stream-commands", "5000",
                                            "--icarus-sample", "300", "--out", dir.path, "--junit", junit.path])
        #expect(r.status == 0, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stdout.contains("verdict: EQUIVALENT"))
        #expect(r.stdout.contains("  verilator  ") && r.stdout.contains("  icarus     ") && r.stdout.contains("  coverage   "))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("failures=\"0\"") && xml.contains("classname=\"equiv.random\""))
    }

    @Test func aMutantIsAMismatchWithAReplayThatReproduces() throws {
        let dir = try RepoPaths.scratchDirectory("equiv-mutant")
        let base = try String(contentsOf: try EquivRunCLITests.generated(dir), encoding: .utf8)
        let anchor = "static_hit ="
        var lines = base.components(separatedBy: "\n")
        let i = try #require(lines.firstIndex { $0.contains(anchor) && $0.contains("EXIT_REASON_IO_SMI") }, "'\(anchor)' not found in the generated RTL")
        let r0 = try #require(lines[i].range(of: "EXIT_REASON_IO_SMI"), "'EXIT_REASON_IO_SMI' (reason 5) not found on the static_hit line")
        lines[i].replaceSubrange(r0, with: "16'd7")
        let mutant = dir.appendingPathComponent("mutant.v")
        try lines.joined(separator: "\n").write(to: mutant, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("junit.xml")
        let out = dir.appendingPathComponent("out")
        let r = try EquivRunCLITests.trapline(["equiv", "--rtl", mutant.path, "--budget", "1", "--out", out.path,
                                            "--junit", junit.path, "--shrink-seconds", "60"])
        #expect(r.status == 1, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stdout.contains("verdict: MISMATCH"))
        #expect(r.stdout.contains("  verilator  ") && r.stdout.contains("  icarus  "))
        let replayLine = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("  replay     ") })
        let replay = replayLine.dropFirst("  replay     ".count).split(separator: " ").map(String.init)
        #expect(Array(replay.prefix(2)) == ["trapline", "cosim"])
        #expect(replay.contains(mutant.path))
        // A Verilator replay starts from the campaign model's random initial values (campaign seed 1).
        if replay.contains("verilator") {
            #expect(zip(replay, replay.dropFirst()).contains { $0 == "--init-seed" && $1 == "1" })
        }
        // The shrunk trace is short and the replay reproduces the mismatch (exit 1).
        let trace = try String(contentsOfFile: replay[2], encoding: .utf8)
        #expect(trace.split(separator: "\n").count <= 5)
        let again = try EquivRunCLITests.trapline(Array(replay.dropFirst()))
        #expect(again.status == 1, "replay: \(replay.joined(separator: " "))\n\(again.stderr)")
        // The waveform beside the trace, the JUnit failure.
        #expect(FileManager.default.fileExists(atPath: replay[2].replacingOccurrences(of: ".jsonl", with: ".vcd")))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("<failure message=\"divergence in &quot;5.2 static map -&gt; platform VMM&quot;"))
        #expect(r.stderr.contains("trapline: error: the RTL and the reference differ"))
    }
}
