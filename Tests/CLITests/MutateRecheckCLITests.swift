import Foundation
import Testing
import TestSupport

/// `trapline mutate`'s re-checks of survivors (docs/mutate.md, "What runs" steps 5 and 6):
/// the power-on re-check runs every directed rule scenario on other Verilator init seeds,
/// and the Icarus re-check runs them on the survivor rebuilt alone by Yosys, where an array
/// index past the end is dropped (a write) or `x` (a read) instead of wrapping as under Verilator.
@Suite struct MutateRecheckCLITests {
    func mutate(_ args: [String], environment: [String: String] = CosimCommandTests.environment) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["mutate"] + args, environment: environment)
        return (r.status, r.stdout, r.stderr)
    }

    /// The `replay:` line printed after the progress line of a re-check's kill, as arguments (without `trapline`) and environment.
    func replay(_ stderr: String) throws -> (args: [String], environment: [String: String]) {
        let line = try #require(stderr.split(separator: "\n").first { $0.hasPrefix("  replay: ") }, "\(stderr)")
        var words = line.dropFirst("  replay: ".count).split(separator: " ").map(String.init)
        var env = CosimCommandTests.environment
        if let first = words.first, first.hasPrefix("TRAPLINE_MUTANT=") {
            env["TRAPLINE_MUTANT"] = String(first.dropFirst("TRAPLINE_MUTANT=".count))
            words.removeFirst()
        }
        #expect(words.first == "trapline", "\(line)")
        return (Array(words.dropFirst()), env)
    }

    /// Seed 1's mutant 14 of sixty at `--vmms 3 --guests 2 --io-ranges 1 --no-io-bitmaps` ties
    /// bit 16 of a reset write's address to ROUTE_POLICY high: the write lands past the array's
    /// end. Verilator keeps the index's low bits, so the entry is reset anyway and the mutant
    /// survives every Verilator run (`--no-icarus-recheck`); under Icarus the write is dropped,
    /// the entry powers on `x`, and the reset-values scenario reads it.
    @Test func anOutOfRangeResetWriteSurvivesVerilatorAndIsKilledUnderIcarus() throws {
        let dir = try RepoPaths.scratchDirectory("mutate-icarus")
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = MutateCLITests.small + ["--count", "60", "--seed", "1", "--only", "14", "--budget-per-mutant", "0",
                                            "--sampled-sweeps", "--streams", "1"]
        let verilator = try mutate(common + ["--no-icarus-recheck", "--out", dir.appendingPathComponent("v").path])
        #expect(verilator.status == 0, "\(verilator.stderr.suffix(800))")
        #expect(verilator.stdout.contains("survived   1"), "Verilator alone cannot show it: \(verilator.stdout)")
        #expect(verilator.stdout.contains("route_policy[_i] <= 2'd0;"), "\(verilator.stdout)")

        let json = dir.appendingPathComponent("m.json")
        let r = try mutate(common + ["--out", dir.appendingPathComponent("i").path, "--json", json.path])
        #expect(r.status == 0, "\(r.stderr.suffix(800))")
        #expect(r.stderr.contains("Icarus control: "), "the control runs first under Icarus: \(r.stderr)")
        #expect(r.stderr.contains("mutant 14/1: survived Verilator"), "\(r.stderr)")
        #expect(r.stderr.contains("mutant 14/1: killed by directed '6.1/6.2 every field of every VMCS reads its reset value' under Icarus"), "\(r.stderr)")
        #expect(r.stdout.contains("killed     1") && r.stdout.contains("under Icarus (yosys netlist, no mutation): "), "\(r.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let row = try #require((report["mutants"] as? [[String: Any]])?.first)
        #expect(row["killedUnder"] as? String == "icarus" && row["verdict"] as? String == "killed", "\(row)")
        #expect((report["icarusControlCommands"] as? Int ?? 0) > 0, "\(report.keys)")
        // The printed replay runs the scenario on the mutant's netlist under Icarus: a mismatch (exit 1).
        let (args, env) = try replay(r.stderr)
        #expect(args.contains("icarus") && args.contains(dir.appendingPathComponent("i/survivor_14/mutant.v").path), "\(args)")
        let cosim = try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: env)
        #expect(cosim.status == 1, "\(cosim.stderr)")
    }

    /// Seed 1's mutant 12 of fifty at the defaults: the reset write of one `io_bitmap_top`
    /// entry (group 19 of VMM 1) lands on another, so that group's written-since-reset flag
    /// keeps its power-on value. The campaign's init seed powers it on at 0; the power-on
    /// re-check's init seed 3 at 1, and the scenario that reads every group before writing
    /// any then routes an I/O exit by the group's power-on words. The replay shows it.
    @Test func anUnresetBitmapGroupFlagIsKilledByThePowerOnRecheck() throws {
        let dir = try RepoPaths.scratchDirectory("mutate-power-on")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try mutate(["--count", "50", "--seed", "1", "--only", "12", "--budget-per-mutant", "0", "--sampled-sweeps",
                            "--no-icarus-recheck", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr.suffix(800))")
        #expect(r.stderr.contains("mutant 12/1: killed by directed '7 every group of every VMM's I/O bitmap reads 0 until written (power-on re-check, init seed 3)'"), "\(r.stderr)")
        let (args, env) = try replay(r.stderr)
        #expect(args.contains("--init-seed") && env["TRAPLINE_MUTANT"] == "12", "\(args) \(env)")
        let cosim = try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: env)
        #expect(cosim.status == 1, "\(cosim.stderr)")
        var control = env
        control["TRAPLINE_MUTANT"] = "0"
        let clean = try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: control)
        #expect(clean.status == 0, "the netlist with no mutation passes the same replay: \(clean.stderr)")
    }

    @Test func missingIcarusIsExitThreeNamingTheInstallAndTheOption() throws {
        var env = CosimCommandTests.environment
        env["TRAPLINE_IVERILOG"] = "/nonexistent/iverilog"
        let r = try mutate(["--count", "2", "--out", try RepoPaths.scratchDirectory("mutate-no-iverilog").path], environment: env)
        #expect(r.status == 3)
        #expect(r.stderr.contains("apt-get install -y iverilog") && r.stderr.contains("--no-icarus-recheck"), "\(r.stderr)")
    }
}
