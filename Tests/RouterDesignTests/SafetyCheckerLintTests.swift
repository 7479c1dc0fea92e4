import Foundation
import HDL
import RouterDesign
import Testing
import TestSupport

/// The safety checker is clean under verilator --lint-only -Wall, iverilog -g2005 and
/// yosys, and every assertion belongs to one of the six properties.
@Suite struct SafetyCheckerLintTests {
    @Test(arguments: [
        RouterParameters(vmms: 3, guests: 2, ioRanges: 1, ioBitmaps: false),
        .defaults,
        RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15),
        RouterParameters(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: []),
    ])
    func checkerPassesAllThreeTools(p: RouterParameters) throws {
        let text = try SafetyChecker.verilog(p)
        let report = try Lint.check(verilog: text, top: SafetyChecker.moduleName)
        try? FileManager.default.removeItem(at: report.file.deletingLastPathComponent())
    }

    @Test func everyAssertionNamesItsProperty() throws {
        let module = try SafetyChecker.module(RouterParameters(vmms: 3, guests: 2, ioRanges: 1, ioBitmaps: false))
        let asserts = module.properties.filter { $0.kind == .assert }
        #expect(asserts.count >= 18)
        #expect(module.properties.allSatisfy { $0.kind == .assert }, "the checker assumes nothing")
        let tagged = asserts.compactMap { SafetyProperty(message: $0.message) }
        #expect(tagged.count == asserts.count)
        #expect(Set(tagged) == Set(SafetyProperty.allCases))
    }
}
