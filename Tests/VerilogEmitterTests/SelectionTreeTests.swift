import HDL
import Testing
import TestSupport
import VerilogEmitter

/// `mux(index, values)` with more than 4 values is a balanced tree on the index bits: every
/// index reads its value, an index past the values reads 0, in Verilator and Icarus alike.
@Suite struct SelectionTreeTests {
    static let values: [Int] = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66]   // 6: not a power of two

    static func design() throws -> Module {
        let m = ModuleBuilder("select6")
        _ = m.input("clk")
        let narrow = m.input("narrow", width: 3), wide = m.input("wide", width: 5)
        let a = m.output("a", width: 8), b = m.output("b", width: 8)
        a <== mux(narrow, values.map { m.const($0, width: 8) })
        b <== mux(wide, values.map { m.const($0, width: 8) })
        return try m.build()
    }

    @Test func everyIndexReadsItsValueAndOthersReadZero() throws {
        let cycles: [[String: UInt64]] = (0..<32).map { ["narrow": UInt64($0 & 7), "wide": UInt64($0)] }
        let rows = try DualSimulation.run(try Self.design(), cycles: cycles).rows
        #expect(rows.count == 32)
        for (i, row) in rows.enumerated() {
            let n = i & 7
            #expect(row["a"] == UInt64(n < 6 ? Self.values[n] : 0), "narrow \(n)")
            #expect(row["b"] == UInt64(i < 6 ? Self.values[i] : 0), "wide \(i)")
        }
    }

    @Test func theTreeIsLog2Deep() throws {
        let text = VerilogEmitter.emit(try Self.design())
        try Lint.check(verilog: text, top: "select6")
        #expect(!text.contains("== 3'd5"), "no compare chain on the index")
        #expect(text.contains("narrow[2] ?"))
    }
}
