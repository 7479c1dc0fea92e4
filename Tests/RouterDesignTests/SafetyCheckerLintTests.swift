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

    /// The read-back bridge of 4b, at the same parameters: lint-clean, its assertions tagged
    /// 4b, and one binding for each routing-field register and each checker register it reads.
    @Test(arguments: [
        RouterParameters(vmms: 3, guests: 2, ioRanges: 1, ioBitmaps: false),
        .defaults,
        RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15),
        RouterParameters(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: []),
    ])
    func readBackBridgePassesAllThreeTools(p: RouterParameters) throws {
        let report = try Lint.check(verilog: try ReadBackBridge.verilog(p), top: ReadBackBridge.moduleName)
        try? FileManager.default.removeItem(at: report.file.deletingLastPathComponent())
        let module = try ReadBackBridge.module(p)
        #expect(module.properties.count == 3)
        #expect(module.properties.allSatisfy { SafetyProperty(message: $0.message) == .routeLockReadBack })
        let b = ReadBackBridge.bindings(p)
        #expect(b.count == 6 + 3 * 64 + 4 * p.ioRanges + 1)
        #expect(b.contains { $0.input == "route_vmm_63" && $0.inRouter && $0.signal == "route_vmm[63]" })
        #expect(b.contains { $0.input == "chk_watch_value" && !$0.inRouter && $0.signal == "chk_watch_value" })
    }

    /// The generated router's invariants: all tagged `invariant`, none outside that group.
    @Test func theRouterAssertsItsInvariants() throws {
        let module = try RouterGenerator.module(RouterParameters(vmms: 3, guests: 2, ioRanges: 1, ioBitmaps: false))
        #expect(module.properties.count == 9)
        #expect(module.properties.allSatisfy { $0.kind == .assert && $0.message.hasPrefix(RouterInvariants.group + ": ") })
        // At V = 16 a 4-bit VMM id is always legal: those checks are left out.
        #expect(try RouterGenerator.module(RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15)).properties.count == 5)
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
