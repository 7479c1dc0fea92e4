import HDL
import Testing
import TestSupport
import VerilogEmitter

/// Asynchronous and active-low resets, registers without reset and a second clock: each
/// kind of register gets its own `always` block, and they behave the same in Icarus and
/// Verilator.
@Suite struct ResetVariantTests {
    /// Four counters on `clk` (sync high, sync low, async high, async low, no reset) and
    /// one on `clk2`.
    static func design() throws -> Module {
        let m = ModuleBuilder("resets")
        let clk = m.input("clk"), clk2 = m.input("clk2"), rst = m.input("rst"), rstN = m.input("rst_n")
        let srst = m.input("srst"), srstN = m.input("srst_n")
        let d = m.input("d", width: 4)
        let syncHigh = m.reg("syncHigh", width: 4, clock: clk, reset: srst, resetValue: 1)
        let syncLow = m.reg("syncLow", width: 4, clock: clk, reset: srstN, resetKind: .syncLow, resetValue: 2)
        let asyncHigh = m.reg("asyncHigh", width: 4, clock: clk, reset: rst, resetKind: .asyncHigh, resetValue: 3)
        let asyncLow = m.reg("asyncLow", width: 4, clock: clk, reset: rstN, resetKind: .asyncLow, resetValue: 4)
        let plain = m.reg("plain", width: 4, clock: clk)
        let other = m.reg("other", width: 4, clock: clk2, reset: srst, resetValue: 5)
        for r in [syncHigh, syncLow, asyncHigh, asyncLow, other] { r <== r + 1 }
        plain <== d
        for (name, r) in [("q_sync_high", syncHigh), ("q_sync_low", syncLow), ("q_async_high", asyncHigh),
                          ("q_async_low", asyncLow), ("q_plain", plain), ("q_other", other)] {
            m.output(name, width: 4) <== r
        }
        return try m.build()
    }

    @Test func eachResetKindHasItsOwnBlock() throws {
        let text = VerilogEmitter.emit(try Self.design())
        try Lint.check(verilog: text, top: "resets")
        let t = withoutLocationComments(text)
        #expect(t.contains("always @(posedge clk) begin\n        if (srst) begin\n            sync_high <= 4'd1;"))
        #expect(t.contains("always @(posedge clk) begin\n        if (!srst_n) begin\n            sync_low <= 4'd2;"))
        #expect(t.contains("always @(posedge clk or posedge rst) begin\n        if (rst) begin\n            async_high <= 4'd3;"))
        #expect(t.contains("always @(posedge clk or negedge rst_n) begin\n        if (!rst_n) begin\n            async_low <= 4'd4;"))
        #expect(t.contains("always @(posedge clk) begin\n        q_plain <= d;"), "a register only an output reads is that output")
        #expect(t.contains("always @(posedge clk2) begin\n        if (srst) begin\n            other <= 4'd5;"))
        #expect(t.components(separatedBy: "always @(").count == 7)
    }

    @Test func resetsActWhenTheyShould() throws {
        // Async resets act when they change (no edge needed); sync ones at the next edge.
        let rows = try DualSimulation.run(try Self.design(), cycles: [
            ["rst": 1, "rst_n": 1, "srst": 1, "srst_n": 1, "d": 9],   // 0
            ["rst": 0, "rst_n": 0, "srst": 0, "srst_n": 0, "d": 7],   // 1
            ["rst_n": 1, "srst_n": 1],                                // 2
            ["rst": 1, "srst": 1],                                    // 3
            ["rst": 0, "srst": 0, "rst_n": 0, "srst_n": 0],           // 4
            ["rst_n": 1, "srst_n": 1, "srst": 1],                     // 5
            ["clk2": 1],                                              // 6: clk2 rises with srst = 1
            ["srst": 0, "clk2": 0],                                   // 7
            ["clk2": 1],                                              // 8: clk2 rises again
        ]).rows
        func col(_ n: String, _ r: ClosedRange<Int>) -> [UInt64] { rows[r].map { $0[n]! } }
        #expect(col("q_async_high", 0...4) == [3, 3, 4, 3, 3])
        #expect(col("q_async_low", 1...4) == [4, 4, 5, 4])
        #expect(col("q_sync_high", 1...4) == [1, 2, 3, 1])
        #expect(col("q_sync_low", 2...5) == [2, 3, 4, 2])
        #expect(col("q_plain", 1...2) == [9, 7])
        #expect(col("q_other", 6...8) == [5, 5, 6])
    }

    @Test func oneResetSignalIsEitherSynchronousOrAsynchronous() throws {
        let m = ModuleBuilder("mixed")
        let clk = m.input("clk"), rst = m.input("rst")
        let a = m.reg("a", clock: clk, reset: rst); let aLine = #line
        let b = m.reg("b", clock: clk, reset: rst, resetKind: .asyncHigh); let bLine = #line
        let c = m.reg("c", clock: clk, reset: ~rst, resetKind: .asyncLow); let cLine = #line
        a <== b; b <== a; c <== a
        m.output("y") <== c
        do { _ = try m.build(); Issue.record("built") } catch let e as ElaborationError {
            #expect(e.problems.map(\.description) == [
                "ResetVariantTests.swift:\(cLine): the asynchronous reset of register `c` is `~rst`; it must be a declared 1-bit signal other than the clock (it goes in the sensitivity list); fix: pass the reset input itself, or compute the reset into a register and use that",
                "ResetVariantTests.swift:\(bLine): `rst` is the asynchronous reset of register `b` but the synchronous reset of register `a` (declared at ResetVariantTests.swift:\(aLine)); fix: use one kind of reset per reset signal (synchronise a copy for the other registers)",
            ])
        }
    }
}
