import Foundation
import Formal
import HDL
import Testing
import TestSupport
import VerilogEmitter

/// The generic proof layer on a small design with the real tools (yosys, yosys-abc):
/// the example counter, and a checker with one true and one false group.
@Suite struct ProverTests {
    /// `wrap` is 1 only at the limit (true); the count never exceeds the limit (false:
    /// `limit` may drop below the count).
    static func checker() throws -> Module {
        let m = ModuleBuilder("counter_checker")
        let clk = m.input("clk"), rst = m.input("rst"), en = m.input("en")
        let limit = m.input("limit", width: 8), q = m.input("q", width: 8), wrap = m.input("wrap")
        m.assert(!wrap || (en && (q .== limit)), "wrap: wrap only at the limit", clock: clk, disableIf: rst)
        m.assert(q <= limit, "bound: the count never exceeds the limit", clock: clk, disableIf: rst)
        return try m.build()
    }

    static func prover(_ name: String) throws -> Prover {
        let design = VerilogEmitter.emit(try Examples.counter())
        let checker = VerilogEmitter.emit(try checker())
        let ports = [("clk", 1, true), ("rst", 1, true), ("en", 1, true), ("limit", 8, true), ("q", 8, false), ("wrap", 1, false)]
            .map { HarnessPort(name: $0.0, width: $0.1, isInput: $0.2) }
        let harness = ProofHarness.verilog(top: "proof_top", design: "counter", ports: ports, checker: "counter_checker",
                                           checkerInputs: ports.map(\.name), clock: "clk", reset: "rst")
        let groups = AssertionGroups.parse(checkerVerilog: checker, file: "counter_checker.v")
        return Prover(workDirectory: try RepoPaths.scratchDirectory(name),
                      sources: [("counter.v", design), ("counter_checker.v", checker), ("proof_top.v", harness)],
                      top: "proof_top", clock: "clk", groups: groups)
    }

    /// A design's own assertions beside the checker's: each keeps its file, and a Yosys
    /// message is matched to the right one by the file in its source range.
    @Test func assertionsOfSeveralFilesKeepTheirFile() throws {
        let design = "    assert (q < 8'd9);  // Counter.swift:3: invariant: q < 9\n"
        let checker = "\n\n    assert (x);  // Checker.swift:7: bound: x\n"
        let groups = AssertionGroups.parse(files: [(design, "counter.v"), (checker, "checker.v")])
        #expect(groups.assertions.map(\.group) == ["invariant", "bound"])
        #expect(groups.assertions.map(\.file) == ["counter.v", "checker.v"])
        #expect(groups.assertions(of: ["bound"]).map(\.line) == [3])
        #expect(groups.assertion(inYosysMessage: "Assert top.$assert$checker.v:3$1 (top.v:9.1-9.2|checker.v:2.1-3.20) failed.")?.group == "bound")
        #expect(groups.assertion(inYosysMessage: "Assert top.$assert$counter.v:1$1 (top.v:8.1-8.2|counter.v:1.1-1.20) failed.")?.group == "invariant")
    }

    @Test func groupsComeFromTheMessageTags() throws {
        let groups = try Self.prover("formal-groups").groups
        #expect(groups.groups == ["wrap", "bound"])
        #expect(groups.assertions.map(\.message) == ["wrap only at the limit", "the count never exceeds the limit"])
    }

    @Test func aTrueGroupIsProvedAndAFalseOneFailsWithARunFromReset() throws {
        let p = try Self.prover("formal-counter")
        try p.prepare(timeout: 120)
        let wrap = try p.prove("wrap", depth: 8, timeout: 60)
        guard case .proved(let engine) = wrap.verdict else { Issue.record("wrap: \(wrap.verdict) \(wrap.notes)"); return }
        #expect(engine == "abc pdr")

        let bound = try p.prove("bound", depth: 8, timeout: 60)
        guard case .failed(let cex) = bound.verdict else { Issue.record("bound: \(bound.verdict) \(bound.notes)"); return }
        #expect(cex.assertion?.message == "the count never exceeds the limit")
        #expect(cex.engine == "abc pdr")
        let cycles = cex.samples.cycles
        #expect(cycles.first?["rst"] == 1, "the run starts in reset: \(cycles)")
        // Somewhere after reset the count is above the limit.
        #expect(cycles.dropFirst().contains { ($0["q"] ?? 0) > ($0["limit"] ?? 0) }, "\(cycles)")
        #expect(FileManager.default.fileExists(atPath: cex.vcd))
    }
}

/// The harness is plain Verilog-2005 outside `ifdef FORMAL`: Verilator -Wall, Icarus and
/// Yosys accept it with the design and the checker, each in a file named after its module.
@Suite struct ProofHarnessLintTests {
    @Test func harnessDesignAndCheckerPassAllThreeTools() throws {
        let p = try ProverTests.prover("formal-lint")
        let dir = p.workDirectory
        var files: [String] = []
        for s in p.sources {
            let url = dir.appendingPathComponent(s.name)
            try s.text.write(to: url, atomically: true, encoding: .utf8)
            files.append(url.path)
        }
        let verilator = try Tools.run("verilator", ["--lint-only", "-Wall", "--top-module", "proof_top"] + files)
        #expect(verilator.status == 0, "\(verilator.output)")
        let icarus = try Tools.run("iverilog", ["-g2005", "-Wall", "-o", dir.appendingPathComponent("t.vvp").path, "-s", "proof_top"] + files)
        #expect(icarus.status == 0 && !icarus.output.contains("warning"), "\(icarus.output)")
        let yosys = try Tools.run("yosys", ["-q", "-p", files.map { "read_verilog \($0); " }.joined() + "hierarchy -check -top proof_top; proc; check -assert"])
        #expect(yosys.status == 0, "\(yosys.output)")
    }
}
