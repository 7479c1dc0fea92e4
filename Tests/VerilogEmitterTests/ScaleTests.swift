import HDL
import Testing
import TestSupport
import VerilogEmitter

/// The generated benchmark design elaborates, is lint clean at a small size, and its
/// emission is deterministic at full size.
@Suite struct ScaleTests {
    @Test func smallSyntheticDesignIsLintClean() throws {
        let text = VerilogEmitter.emit(try Examples.syntheticDesign(nodes: 300).build())
        try Lint.check(verilog: text, top: "synthetic")
    }

    @Test func tenThousandNodesElaborateAndEmitDeterministically() throws {
        let first = try Examples.syntheticDesign(nodes: 10_000).build()
        #expect(first.exprs.count >= 10_000)
        let second = try Examples.syntheticDesign(nodes: 10_000).build()
        #expect(VerilogEmitter.emit(first) == VerilogEmitter.emit(second))
    }
}
