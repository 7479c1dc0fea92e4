import HDL
import Testing
import TestSupport
import VerilogEmitter

/// Signed arithmetic: the emitted `$signed` forms give the two's-complement results in
/// Icarus and Verilator (and lint clean in Yosys), checked against Swift's Int8 maths.
@Suite struct SignedTests {
    static func design() throws -> Module {
        let m = ModuleBuilder("signed_ops")
        _ = m.input("clk")
        let a = m.input("a", width: 8).asSigned, b = m.input("b", width: 8).asSigned
        m.output("product", width: 16) <== a * b
        m.output("uproduct", width: 16) <== a.bits * b.bits
        m.output("asr", width: 8) <== a >> 3
        m.output("asr_plus", width: 8) <== (a >> 1).bits + b.bits      // arithmetic inside an unsigned sum
        m.output("wide", width: 12) <== a.signExtended(to: 12)
        m.output("wide_sum", width: 12) <== (a + b).signExtended(to: 12)
        m.output("lt", width: 1) <== a < b
        m.output("ge_neg", width: 1) <== a >= -3
        m.output("ult", width: 1) <== a.bits < b.bits
        return try m.build()
    }

    @Test func emittedForms() throws {
        let text = VerilogEmitter.emit(try Self.design())
        try Lint.check(verilog: text, top: "signed_ops")
        let t = withoutLocationComments(text)
        #expect(t.contains("assign product = {{8{a[7]}}, a} * {{8{b[7]}}, b};"))
        #expect(t.contains("assign uproduct = {8'd0, a} * {8'd0, b};"))
        #expect(t.contains("assign asr = $unsigned($signed(a) >>> 3);"))
        #expect(t.contains("assign wide = {{4{a[7]}}, a};"))
        #expect(t.contains("assign lt = $signed(a) < $signed(b);"))
        #expect(t.contains("assign ge_neg = $signed(a) >= $signed(8'd253);"))
    }

    @Test func resultsMatchTwosComplement() throws {
        var values: [Int8] = [0, 1, -1, 127, -128, 5, -3, 64, -64, 100]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 { values.append(Int8.random(in: .min ... .max, using: &rng)) }
        var cycles: [[String: UInt64]] = [], pairs: [(Int8, Int8)] = []
        for x in values { for y in values.prefix(12) {
            pairs.append((x, y))
            cycles.append(["a": UInt64(UInt8(bitPattern: x)), "b": UInt64(UInt8(bitPattern: y))])
        } }
        let rows = try DualSimulation.run(try Self.design(), cycles: cycles).rows
        #expect(rows.count == pairs.count)
        for (row, (x, y)) in zip(rows, pairs) {
            let (ix, iy) = (Int(x), Int(y))
            #expect(row["product"] == UInt64(UInt16(bitPattern: Int16(ix * iy))), "\(x) * \(y)")
            #expect(row["uproduct"] == UInt64(Int(UInt8(bitPattern: x)) * Int(UInt8(bitPattern: y))), "\(x) * \(y) unsigned")
            #expect(row["asr"] == UInt64(UInt8(bitPattern: x >> 3)), "\(x) >> 3")
            #expect(row["asr_plus"] == UInt64(UInt8(bitPattern: (x >> 1) &+ y)), "(\(x) >> 1) + \(y)")
            #expect(row["wide"] == UInt64(ix & 0xfff), "\(x) extended")
            #expect(row["wide_sum"] == UInt64(Int(x &+ y) & 0xfff), "\(x) + \(y) extended")
            #expect(row["lt"] == (x < y ? 1 : 0), "\(x) < \(y)")
            #expect(row["ge_neg"] == (x >= -3 ? 1 : 0), "\(x) >= -3")
            #expect(row["ult"] == (UInt8(bitPattern: x) < UInt8(bitPattern: y) ? 1 : 0))
        }
    }

    @Test func misuseIsReported() throws {
        let m = ModuleBuilder("s")
        let a = m.input("a", width: 4).asSigned, b = m.input("b", width: 6).asSigned
        m.output("y") <== a < b
        m.output("z") <== a < 8
        _ = b.signExtended(to: 3); let line = #line
        do { _ = try m.build(); Issue.record("built") } catch let e as ElaborationError {
            #expect(e.problems.map(\.description) == [
                "operands of signed `<` have different widths: `a` is 4 bits, `b` is 6 bits; fix: make the widths equal with .signExtended(to:)",
                "the literal 8 does not fit in a signed 4-bit value (the other operand of `<` (`a`); range -8...7); fix: sign-extend the operand (.signExtended(to:)) or use a smaller literal",
                "SignedTests.swift:\(line): cannot sign-extend the 6-bit `b` to 3 bits; fix: use .truncated(to: 3) on .bits to narrow it",
            ])
        }
    }
}
