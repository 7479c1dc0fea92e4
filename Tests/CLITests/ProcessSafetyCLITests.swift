import Foundation
import Testing
import TestSupport

/// Issue 14, items 2, 3, 4 and 9: an RTL that never settles, a signal sent to
/// a running campaign, RTL text on stdout, temporary folders left behind.
/// Fixtures are the committed router (rtl/trapline_router.v) with one line
/// changed or added, built at run time; `trapline` runs as a child process
/// with its own TMPDIR, so "nothing left behind" is checked on a folder only
/// that child used (other builds share this machine).
@Suite(.serialized) struct ProcessSafetyCLITests {
    /// The committed router with `old` (one line, exactly once) replaced by `new`.
    static func fixture(_ name: String, replacing old: String, with new: String, in dir: URL) throws -> String {
        let router = try String(contentsOf: RepoPaths.root.appendingPathComponent("rtl/trapline_router.v"), encoding: .utf8)
        #expect(router.components(separatedBy: old).count == 2, "rtl/trapline_router.v no longer has the line \(old)")
        let url = dir.appendingPathComponent(name)
        try router.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// cmd_ready feeds back on itself while a RESUME (op 4) is offered: a
    /// combinational loop through an output port that never settles, which
    /// neither simulator can optimise away.
    static func loopRouter(in dir: URL) throws -> String {
        try fixture("loop.v", replacing: "    assign cmd_ready = rsp_slot_free;",
                    with: "    assign cmd_ready = (cmd_valid && cmd_op == 3'd4) ? ~cmd_ready : rsp_slot_free;", in: dir)
    }

    /// A router that never gives a response: every run hangs at the bench's cycle limit.
    static func silentRouter(in dir: URL) throws -> String {
        try fixture("silent.v", replacing: "    assign rsp_valid = rsp_valid_q;", with: "    assign rsp_valid = 1'b0;", in: dir)
    }

    /// A correct router that prints a line at every clock edge with a command offered.
    static func displayRouter(in dir: URL) throws -> String {
        try fixture("display.v", replacing: "endmodule",
                    with: "    always @(posedge clk) if (cmd_valid) $display(\"rtl says op=%0d\", cmd_op);\nendmodule", in: dir)
    }

    /// A scratch folder with `tmp/` to give the child as TMPDIR.
    func scratch(_ label: String) throws -> (dir: URL, tmp: URL) {
        let dir = try RepoPaths.scratchDirectory(label)
        let tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return (dir, tmp)
    }

    func trapline(_ args: [String], tmp: URL) throws -> Tools.Result {
        var env = CosimCommandTests.environment
        env["TMPDIR"] = tmp.path
        return try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: env)
    }

    /// Live (not zombie) processes whose working directory or command line is under `dir`.
    static func processes(under dir: URL) -> [String] {
        let fm = FileManager.default
        var found: [String] = []
        for pid in (try? fm.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(pid) != nil {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")"), !stat[close...].hasPrefix(") Z") else { continue }
            let cwd = (try? fm.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) ?? ""
            let cmd = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
                .map { String(decoding: $0.map { $0 == 0 ? 32 : $0 }, as: UTF8.self) } ?? ""
            if cwd.hasPrefix(dir.path) || cmd.contains(dir.path) { found.append("\(pid): \(cmd) (in \(cwd))") }
        }
        return found
    }

    /// Waits up to `seconds` for `condition`; true when it held.
    static func wait(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end { if condition() { return true }; Thread.sleep(forTimeInterval: 0.05) }
        return condition()
    }

    // MARK: Item 2: a combinational loop that never settles

    /// Before: vvp spun at 100% CPU for ever, after trapline was gone (measured: still running after `timeout 15`).
    @Test func icarusLoopTimesOutAsAVerdict() throws {
        let (dir, tmp) = try scratch("loop-icarus")
        let rtl = try Self.loopRouter(in: dir)
        let t0 = Date()
        let r = try trapline(["cosim", "--random", "200", "--seed", "1", "--rtl", rtl, "--sim", "icarus", "--sim-timeout", "3"], tmp: tmp)
        #expect(r.status == 1, "stdout: \(r.stdout.prefix(300))\nstderr: \(r.stderr)")
        #expect(Date().timeIntervalSince(t0) < 30)
        // Streamed: the responses that came before the loop, each checked; nothing else.
        let written = try #require(r.stderr.firstMatch(of: /with (\d+) of 200 responses written/).map { Int($0.1)! }, "\(r.stderr)")
        #expect(ResponseLines.all(r.stdout, count: written), "\(r.stdout.prefix(300))")
        #expect(r.stderr.contains("trapline: error: the icarus simulation timed out after 3 s (the limit for 200 commands; set it with --sim-timeout)"), "\(r.stderr)")
        #expect(r.stderr.contains("the RTL did not settle"))
        #expect(r.stderr.contains("  replay: trapline cosim ") && r.stderr.contains("--sim-timeout 3"))
        #expect(Self.wait(2) { Self.processes(under: tmp).isEmpty }, "\(Self.processes(under: tmp))")
    }

    /// Verilator's convergence limit ends the model; the shim turns it into exit 1 (it held before; pinned here).
    @Test func verilatorLoopDidNotSettle() throws {
        let (dir, tmp) = try scratch("loop-verilator")
        let rtl = try Self.loopRouter(in: dir)
        let r = try trapline(["cosim", "--random", "200", "--seed", "1", "--rtl", rtl], tmp: tmp)
        #expect(r.status == 1, "stdout: \(r.stdout.prefix(300))\nstderr: \(r.stderr)")
        // The responses before the fatal error, each checked as it came; nothing else.
        #expect(ResponseLines.all(r.stdout, count: try #require(ResponseLines.reported(r.stderr))), "\(r.stdout.prefix(300))")
        #expect(r.stderr.contains("trapline: error: verilator stopped the RTL with a fatal error (Input combinational region did not converge) at cycle "), "\(r.stderr)")
        #expect(r.stderr.contains("the RTL did not settle (a combinational loop?)"))
    }

    /// The in-process Verilator run has a watchdog: a run past --sim-timeout ends trapline with exit 1
    /// (here a long, healthy run with a tiny limit; before, the option did not exist: exit 2).
    @Test func verilatorRunPastItsLimitIsExitOne() throws {
        let (_, tmp) = try scratch("watchdog")
        let r = try trapline(["cosim", "--random", "1000000", "--sim-timeout", "0.2"], tmp: tmp)
        #expect(r.status == 1, "\(r.stderr.suffix(500))")
        // The run streams its checked responses; the watchdog may cut the last chunk short.
        #expect(r.stdout.split(separator: "\n").dropLast().allSatisfy { $0.hasPrefix("{\"kind\":") && $0.hasSuffix("}") })
        #expect(r.stderr.contains("trapline: error: the verilator simulation of 1000000 commands timed out after 0.2 s (set the limit with --sim-timeout) before it finished"), "\(r.stderr)")
    }

    @Test(arguments: ["0", "-1", "nan"])
    func simTimeoutIsRangeChecked(value: String) throws {
        let (_, tmp) = try scratch("sim-timeout")
        let r = try trapline(["cosim", "--random", "5", "--sim-timeout", value], tmp: tmp)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--sim-timeout"))
    }

    // MARK: Item 3: signals

    /// Before: exit by the signal itself with vvp left running (own process group) and trapline-icarus-* left in TMPDIR.
    @Test func sigintDuringEquivStopsEverythingWithinTwoSeconds() throws {
        let (dir, tmp) = try scratch("sigint-equiv")
        // The loop router keeps vvp in one time step until --sim-timeout: the vvp seen below is still
        // running when the signal lands (with the committed router each vvp run lasts tens of
        // milliseconds, and on a loaded machine it could end between the look and the signal).
        let rtl = try Self.loopRouter(in: dir)
        let p = Process()
        p.executableURL = try RepoPaths.traplineExecutable()
        p.arguments = ["equiv", "--rtl", rtl, "--budget", "60", "--sim-timeout", "300", "--out", dir.appendingPathComponent("out").path]
        p.environment = ProcessInfo.processInfo.environment.merging(CosimCommandTests.environment) { $1 }
            .merging(["TMPDIR": tmp.path]) { $1 }
        let errURL = dir.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        // Wait for the campaign to have a vvp (its own process group) running in its temporary folder.
        let started = Self.wait(120) { Self.processes(under: tmp).contains { $0.contains("vvp -n sim.vvp") } }
        #expect(started, "no vvp seen under \(tmp.path)")
        let t0 = Date()
        kill(p.processIdentifier, SIGINT)
        let ended = Self.wait(2) { !p.isRunning }
        #expect(ended, "trapline still running 2 s after SIGINT")
        #expect(Date().timeIntervalSince(t0) <= 2.5)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 130, "\(p.terminationReason) \(p.terminationStatus)")
        #expect(Self.wait(2) { Self.processes(under: tmp).isEmpty }, "left running: \(Self.processes(under: tmp))")
        let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path)
        #expect(left.isEmpty, "left in TMPDIR: \(left)")
        let err = try String(contentsOf: errURL, encoding: .utf8)
        #expect(err.contains("trapline: interrupted by SIGINT: equiv had not finished; last progress: "), "\(err)")
        #expect(err.contains("  stopped: ") && err.contains("vvp -n sim.vvp"), "\(err)")
    }

    /// SIGINT while the C++ compiler builds the Verilator runtime (a cold cache):
    /// the compilers go, the build folder goes, nothing is left in TMPDIR.
    @Test func sigintDuringAModelBuildLeavesNoCompilerAndNoBuildFolder() throws {
        let (dir, tmp) = try scratch("sigint-build")
        let cache = dir.appendingPathComponent("cache")
        let p = Process()
        p.executableURL = try RepoPaths.traplineExecutable()
        p.arguments = ["cosim", "--random", "10"]
        p.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": tmp.path, "TRAPLINE_CACHE_DIR": cache.path]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        #expect(Self.wait(60) { Self.processes(under: cache).contains { $0.contains("-c ") } }, "no compiler seen")
        kill(p.processIdentifier, SIGINT)
        #expect(Self.wait(2) { !p.isRunning })
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(Self.wait(2) { Self.processes(under: dir).isEmpty }, "\(Self.processes(under: dir))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
        let building = (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("tmp").path)) ?? []
        #expect(building.isEmpty, "build folders left: \(building)")
    }

    /// SIGTERM while vvp hangs on a loop: exit 143, vvp gone, its folder removed.
    @Test func sigtermDuringIcarusCosimExits143() throws {
        let (dir, tmp) = try scratch("sigterm-cosim")
        let rtl = try Self.loopRouter(in: dir)
        let p = Process()
        p.executableURL = try RepoPaths.traplineExecutable()
        p.arguments = ["cosim", "--random", "200", "--rtl", rtl, "--sim", "icarus"]
        p.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": tmp.path]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        #expect(Self.wait(60) { Self.processes(under: tmp).contains { $0.contains("vvp -n sim.vvp") } })
        Thread.sleep(forTimeInterval: 0.5)   // vvp is in its loop
        kill(p.processIdentifier, SIGTERM)
        #expect(Self.wait(2) { !p.isRunning })
        p.waitUntilExit()
        #expect(p.terminationStatus == 143)
        #expect(Self.wait(2) { Self.processes(under: tmp).isEmpty }, "\(Self.processes(under: tmp))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
    }

    // MARK: Item 4: RTL output

    /// Before: under Verilator every $display line was on stdout between the JSON lines; under Icarus it was dropped.
    @Test(arguments: ["verilator", "icarus"])
    func rtlDisplayGoesToStderrNeverStdout(sim: String) throws {
        let (dir, tmp) = try scratch("display-\(sim)")
        let rtl = try Self.displayRouter(in: dir)
        let r = try trapline(["cosim", "--random", "200", "--seed", "1", "--rtl", rtl, "--sim", sim], tmp: tmp)
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 200)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any], "not a JSON object on stdout: \(line)")
        }
        #expect(!r.stdout.contains("rtl says"))
        #expect(r.stderr.contains("rtl says op="), "\(r.stderr.prefix(500))")
    }

    // MARK: Item 9: temporary folders

    /// Before: 10 trapline-icarus-* folders (2.5 MB) stayed in TMPDIR on this fixture.
    @Test func failingEquivLeavesOnlyTheOutFolder() throws {
        let (dir, tmp) = try scratch("equiv-tmp")
        let rtl = try Self.silentRouter(in: dir)
        let out = tmp.appendingPathComponent("out")
        let r = try trapline(["equiv", "--rtl", rtl, "--budget", "5", "--out", out.path, "--shrink-seconds", "20"], tmp: tmp)
        #expect(r.status == 1, "\(r.stderr.suffix(500))")
        #expect(r.stdout.contains("verdict: MISMATCH"))
        #expect(r.stdout.contains("icarus:    the router hung under Icarus"), "the fixture must fail under Icarus too")
        #expect(!r.stdout.contains("files are kept in"))
        let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path)
        #expect(left == ["out"], "left in TMPDIR: \(left)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(kept.contains { $0.hasSuffix(".jsonl") }, "the shrunk trace for replay: \(kept)")
    }
}
