import Foundation
import HDL
import Testing
import TestSupport
import VerilogEmitter

/// Synchronous-read memories (the block-RAM form), their read-during-write behaviour,
/// and initial contents from a Swift array or a `$readmemh` file.
@Suite struct SyncMemoryTests {
    static func design(file: String? = nil) throws -> Module {
        let m = ModuleBuilder("bram")
        let clk = m.input("clk"), we = m.input("we")
        let waddr = m.input("waddr", width: 3), raddr = m.input("raddr", width: 3), wdata = m.input("wdata", width: 8)
        let ram = file == nil ? m.memory("ram", depth: 8, width: 8, clock: clk, initial: [10, 11, 12, 13])
                              : m.memory("ram", depth: 8, width: 8, clock: clk, initialFile: file)
        m.when(we) { ram.write(waddr, wdata) }
        m.output("old_data", width: 8) <== ram.readSync(raddr)
        m.output("new_data", width: 8) <== ram.readSync(raddr, readDuringWrite: .newData)
        return try m.build()
    }

    @Test func emittedAsBlockRamTemplate() throws {
        let text = VerilogEmitter.emit(try Self.design())
        try Lint.check(verilog: text, top: "bram")
        let t = withoutLocationComments(text)
        #expect(t.contains("""
                always @(posedge clk) begin
                    if (we) begin
                        ram[waddr] <= wdata;
                    end
                    old_data <= ram[raddr];
                    ram_raddr <= raddr;
                end
            """), "\(t)")
        #expect(t.contains("assign new_data = ram[ram_raddr];"))
        #expect(t.contains("initial begin  // contents of ram (simulation and synthesis)\n        ram[0] = 8'd10;"))
        #expect(t.contains("ram[7] = 8'd0;"))
    }

    static let cycles: [[String: UInt64]] = [
        ["raddr": 2],                                        // 0
        ["raddr": 5, "we": 1, "waddr": 5, "wdata": 99],      // 1: write 5 while reading 5
        ["we": 0],                                           // 2
        ["raddr": 0],                                        // 3
        [:],                                                 // 4
    ]

    @Test func readDuringWriteAndInitialContents() throws {
        let rows = try DualSimulation.run(try Self.design(), cycles: Self.cycles).rows
        #expect(rows[1]["old_data"] == 12 && rows[1]["new_data"] == 12)   // word 2, one edge after its address
        #expect(rows[2]["old_data"] == 0, "read-first: the word before the write")
        #expect(rows[2]["new_data"] == 99, "write-first: the word written")
        #expect(rows[3]["old_data"] == 99)
        #expect(rows[4]["old_data"] == 10 && rows[4]["new_data"] == 10)
    }

    @Test func readmemhFile() throws {
        let dir = try RepoPaths.scratchDirectory("readmemh")
        let file = dir.appendingPathComponent("ram.hex").path
        try "a0\na1\na2\na3\na4\na5\na6\na7\n".write(toFile: file, atomically: true, encoding: .utf8)
        let design = try Self.design(file: file)
        #expect(VerilogEmitter.emit(design).contains("initial $readmemh(\"\(file)\", ram);"))
        let rows = try DualSimulation.run(design, cycles: Self.cycles).rows
        #expect(rows[1]["old_data"] == 0xa2 && rows[4]["new_data"] == 0xa0)
    }

    @Test func misuse() throws {
        let m = ModuleBuilder("bad")
        let clk = m.input("clk")
        _ = m.memory("rom", depth: 2, width: 4, clock: clk, initial: [1, 2, 16]); let line = #line
        do { _ = try m.build(); Issue.record("built") } catch let e as ElaborationError {
            #expect(e.problems.map(\.description) == [
                "SyncMemoryTests.swift:\(line): memory `rom` has 2 words but 3 initial values; fix: give at most 2 values",
            ])
        }
    }
}
