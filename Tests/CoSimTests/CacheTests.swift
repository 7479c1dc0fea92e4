import CoSim
import Foundation
import Testing
import TestSupport

/// The model cache: hits do not rebuild, any input change misses, concurrent
/// builders of one model wait for a single build. Counted with the cache's
/// build log, never with time.
@Suite struct CacheTests {
    @Test func secondLoadIsACacheHit() throws {
        let spec = Fixtures.counterSpec(nonce: Fixtures.nonce())
        let first = try VerilatedModel(spec, cache: Fixtures.cache)
        #expect(first.entry.built)
        #expect(buildLines(key: first.entry.key) == 1)
        let library = try FileManager.default.attributesOfItem(atPath: first.entry.library.path)
        let second = try VerilatedModel(spec, cache: Fixtures.cache)
        #expect(!second.entry.built)
        #expect(second.entry.library == first.entry.library)
        // Not rebuilt: no second line in the build log, the same library file untouched.
        #expect(buildLines(key: first.entry.key) == 1)
        let again = try FileManager.default.attributesOfItem(atPath: second.entry.library.path)
        #expect(again[.systemFileNumber] as? Int == library[.systemFileNumber] as? Int)
        #expect(again[.modificationDate] as? Date == library[.modificationDate] as? Date)
    }

    @Test func anyInputChangeMisses() throws {
        let base = Fixtures.counterSpec(nonce: "// cache-miss base\n")
        let key = try Fixtures.cache.key(for: base)
        var text = base; text.verilog += "// changed\n"
        var flags = base; flags.verilatorFlags = ["-Wno-UNUSED"]
        var top = base; top.reset = nil
        var ports = base; ports.ports[2] = .input("en", 1)
        ports.ports.swapAt(3, 4)
        var trace = base; trace.trace = true
        var observed = base; observed.observed = [ObservedSignal(path: "count", width: 8)]
        var clocks = base; clocks.clocks = ["en"]
        let keys = try [text, flags, top, ports, trace, observed, clocks].map { try Fixtures.cache.key(for: $0) }
        #expect(Set(keys + [key]).count == 8)
        #expect(try Fixtures.cache.key(for: base) == key, "the key is deterministic")
        // And a changed text really builds a new model.
        let spec = Fixtures.counterSpec(nonce: Fixtures.nonce())
        let a = try VerilatedModel(spec, cache: Fixtures.cache)
        var changed = spec; changed.verilog += "// one more comment\n"
        let b = try VerilatedModel(changed, cache: Fixtures.cache)
        #expect(a.entry.built && b.entry.built)
        #expect(a.entry.key != b.entry.key)
    }

    @Test func concurrentBuildersBuildOnce() async throws {
        let spec = Fixtures.counterSpec(nonce: Fixtures.nonce())
        let results = await withTaskGroup(of: Result<Bool, Error>.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    Result { try Fixtures.cache.entry(for: spec).built }
                }
            }
            var all: [Result<Bool, Error>] = []
            for await r in group { all.append(r) }
            return all
        }
        let built = try results.map { try $0.get() }
        #expect(built.filter { $0 }.count == 1, "exactly one builder builds: \(built)")
        let key = try Fixtures.cache.key(for: spec)
        #expect(buildLines(key: key) == 1)
        // Every one of them can load it.
        for _ in 0..<4 {
            let m = try VerilatedModel(spec, cache: Fixtures.cache)
            #expect(!m.entry.built)
        }
    }

    /// Verilator's errors in the input are the input's fault (VerilogRejected), shown with the line,
    /// never with the path of the build folder's copy (removed by the time anyone reads it).
    @Test func brokenVerilogIsRejectedWithTheLine() throws {
        let spec = ModelSpec(verilog: "module broken(input clk, output q);\n  assign q = ;\nendmodule\n" + Fixtures.nonce(),
                             top: "broken", ports: [.input("clk"), .output("q")])
        do {
            _ = try VerilatedModel(spec, cache: Fixtures.cache)
            Issue.record("a syntax error must fail the build")
        } catch var error as VerilogRejected {
            #expect(error.tool == "verilator")
            #expect("\(error)".contains("the Verilog text:2:"), "\(error)")
            #expect("\(error)".contains("syntax error"))
            #expect(!"\(error)".contains("/tmp/"), "\(error)")
            error.source = "broken.v"
            #expect("\(error)".hasPrefix("broken.v: verilator cannot compile it as module broken:\n  %Error: broken.v:2:"), "\(error)")
        }
    }

    @Test func badSpecIsRefusedBeforeBuilding() throws {
        let spec = ModelSpec(verilog: "module m(input clk); endmodule", top: "m",
                             ports: [.input("clk"), .output("x", 0)])
        #expect(throws: ModelError.badSpec("port x has width 0; widths must be 1...4096")) {
            _ = try Fixtures.cache.entry(for: spec)
        }
        let noClock = ModelSpec(verilog: "", top: "m", ports: [.input("c")])
        #expect(throws: ModelError.badSpec("clock 'clk' must be a 1-bit input in the port list")) {
            _ = try Fixtures.cache.entry(for: noClock)
        }
    }

    @Test func defaultDirectoryFollowsTheEnvironment() {
        // Without TRAPLINE_CACHE_DIR the tests run from the repository root or elsewhere;
        // either way the rule picks one of the documented places.
        let dir = ModelCache.defaultDirectory().path
        let env = ProcessInfo.processInfo.environment["TRAPLINE_CACHE_DIR"]
        if let env, !env.isEmpty { #expect(dir == env) } else {
            #expect(dir.hasSuffix("sim/build/cache") || dir.hasSuffix(".cache/trapline"))
        }
    }

    /// A driver that makes an instance per run looks the model up once and
    /// passes its entry; an entry of another port layout is refused.
    @Test func instancesFromAnEntryRunTheModel() throws {
        let spec = Fixtures.counterSpec()
        let entry = try Fixtures.cache.entry(for: spec)
        let m = try VerilatedModel(spec, entry: entry)
        try m.reset()
        m.poke(try m.input("en"), 1)
        m.step(3)
        #expect(m.peek(try m.output("count")) == 3)
        var other = entry
        other.layoutSlots = (entry.layoutSlots.inputs + 1, entry.layoutSlots.outputs)
        #expect(throws: ModelError.self) { try VerilatedModel(spec, entry: other) }
    }

    private func buildLines(key: String) -> Int {
        let log = (try? String(contentsOf: Fixtures.cache.directory.appendingPathComponent("builds.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains(" \(key.prefix(16)) ") }.count
    }
}

@Suite struct InterfaceCheckTests {
    @Test func aSpecThatDoesNotMatchTheVerilogIsRefused() throws {
        var spec = Fixtures.counterSpec(nonce: "// interface check\n")
        spec.ports[3] = .output("count", 9)
        spec.ports.append(.input("load", 8))
        do {
            _ = try VerilatedModel(spec, cache: Fixtures.cache)
            Issue.record("a port list that does not match must be refused")
        } catch let e as ModelError {
            #expect(e == .interfaceMismatch(top: "counter", problems: [
                "count is 8 bits wide in the Verilog, 9 in the port list",
                "missing input [7:0] load",
            ]))
        }
    }
}

@Suite struct ToolchainMemoTests {
    @Test func probedVersionsAreKeptInTheCache() throws {
        _ = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.cache.directory.path)
            .filter { $0.hasPrefix("toolchain-") && $0.hasSuffix(".txt") }
        #expect(!names.isEmpty)
        for name in names {
            let lines = try String(contentsOf: Fixtures.cache.directory.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("Verilator ") == true)
        }
    }
}

/// The shim calls Verilator's root evaluation function directly when it recognises the
/// generated code (`ShimGenerator.directEval`, matched on text Verilator writes). Pinned for
/// the installed Verilator: an upgrade that changes that text fails here instead of making
/// every co-simulation slower without a word (the build log then carries a note naming the
/// version).
@Suite struct EvaluationPathTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    @Test func theInstalledVerilatorGetsTheDirectEvaluation() throws {
        let lines = Lines()
        let cache = ModelCache(directory: Fixtures.cache.directory, log: { lines.add($0) })
        _ = try VerilatedModel(Fixtures.counterSpec(nonce: Fixtures.nonce()), cache: cache)
        let built = try #require(lines.all.first { $0.hasPrefix("built Verilator model") }, "\(lines.all)")
        #expect(built.hasSuffix("(direct evaluation)"), "\(lines.all)")
        #expect(!lines.all.contains { $0.hasPrefix("note: the model Verilator") }, "\(lines.all)")
    }
}
