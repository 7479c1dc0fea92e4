import CoSim
import Foundation
import Testing
import TestSupport

/// Every Swift block of docs/cosim.md, compiled and run here (each in a function whose
/// parameters are the block's free names: the Verilog `text`, a file `path`), and a
/// check that the page still shows each block verbatim, so the page cannot drift from
/// the API. `import` lines of a block are at the top of this file.
@Suite struct DocExamplesTests {
    // MARK: The blocks, in page order

    func aTestBenchInTenLines() throws {
        let text = """
        module counter(input wire clk, input wire rst, input wire en, output reg [7:0] count);
            always @(posedge clk) if (rst) count <= 8'd0; else if (en) count <= count + 8'd1;
        endmodule
        """
        let spec = ModelSpec(verilog: text, top: "counter",
                             ports: [.input("clk"), .input("rst"), .input("en"), .output("count", 8)],
                             clock: "clk", reset: "rst")
        let m = try VerilatedModel(spec, seed: 1)       // builds on a cache miss, else loads
        let en = try m.input("en"), count = try m.output("count")   // resolve names ONCE
        m.poke(en, 1)
        try m.reset(cycles: 2)
        m.step(5)
        assert(m.peek(count) == 5)
        #expect(m.peek(count) == 5)
    }

    func portsFromVerilator(path: String) throws -> ModelSpec {
        let counterFile = URL(fileURLWithPath: path)   // path: where counter.v is
        let spec = try ModelSpec.discover(verilogFiles: [counterFile], top: "counter")
        // spec.ports == [.input("clk"), .input("rst"), .input("en"), .output("count", 8), .output("next_count", 8)]
        // spec.clock == "clk", spec.reset == "rst", spec.resetActiveHigh == true
        return spec
    }

    func internalSignals(text: String) throws -> (UInt64, UInt64) {
        let spec = try ModelSpec.discover(verilog: text, top: "obs_top",
                                          observe: ["u_leaf.count", "gen[1].acc"])   // widths from Verilator
        // or by hand, on any spec: spec.observed = [ObservedSignal(path: "u_leaf.count", width: 4)]
        let m = try VerilatedModel(spec)
        let count = try m.observed("u_leaf.count")     // an OutputPort
        m.step()
        print(m.sampled(count), m.peek(count))         // before / after the edge, as for an output
        return (m.sampled(count), m.peek(count))
    }

    func severalClocks(text: String) throws -> VerilatedModel {
        let spec = try ModelSpec.discover(verilog: text, top: "two_clocks", clock: "clk_a", clocks: ["clk_b"])
        let m = try VerilatedModel(spec)
        let b = try m.clock("clk_b")          // a ClockPort, resolved once
        let syncB = try m.output("sync_b")
        m.step()                              // one clk_a cycle; clk_b keeps its level
        m.tick(b, 2)                          // two clk_b cycles; clk_a stays high
        print(m.sampled(syncB))               // before clk_b's last rising edge
        return m
    }

    // MARK: Running them

    @Test func theBlocksRunAndSayWhatThePageSays() throws {
        try aTestBenchInTenLines()
        let dir = try RepoPaths.scratchDirectory("doc-counter")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("counter.v")
        try Fixtures.counterSpec().verilog.write(to: file, atomically: true, encoding: .utf8)
        let spec = try portsFromVerilator(path: file.path)
        #expect(spec.ports == [.input("clk"), .input("rst"), .input("en"), .output("count", 8), .output("next_count", 8)])
        #expect(spec.clock == "clk" && spec.reset == "rst" && spec.resetActiveHigh)
        _ = try internalSignals(text: ObservedSignalTests.verilog)
        let m = try severalClocks(text: ClockTests.verilog)
        #expect(m.cycles == 1)
    }

    @Test func thePageShowsEachBlockVerbatim() throws {
        let page = try String(contentsOf: RepoPaths.root.appendingPathComponent("docs/cosim.md"), encoding: .utf8)
        let source = try String(contentsOf: RepoPaths.root.appendingPathComponent("Tests/CoSimTests/DocExamplesTests.swift"), encoding: .utf8)
        let here = Self.normalized(source)
        let blocks = Self.swiftBlocks(page)
        #expect(blocks.count == 4, "docs/cosim.md has \(blocks.count) Swift blocks; compile each new one here")
        for block in blocks {
            let lines = Self.normalized(block).filter { !$0.hasPrefix("import ") }
            let found = here.indices.contains { i in i + lines.count <= here.count && Array(here[i..<(i + lines.count)]) == lines }
            #expect(found, "this block of docs/cosim.md is not compiled by DocExamplesTests.swift:\n\(block)")
        }
    }

    /// The ```swift blocks of a Markdown page.
    static func swiftBlocks(_ page: String) -> [String] {
        var blocks: [String] = [], current: [Substring]? = nil
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" { current = []; continue }
            if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(line)
        }
        return blocks
    }

    /// Lines trimmed, empty ones dropped (indentation differs between page and function).
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
