import Foundation
import RouterDesign
import Testing
import TestSupport

/// The generated router is clean under verilator --lint-only -Wall (no
/// waivers in the text), iverilog -g2005 and yosys check -assert at the
/// corners of the parameter space.
@Suite struct RouterLintTests {
    static let corners: [RouterParameters] = [
        RouterParameters(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: []),
        .defaults,
        RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15, staticMap: [0, 1, 5, 6, 30, 55]),
        RouterParameters(ioBitmaps: false),
        RouterParameters(vmms: 3, guests: 63, ioRanges: 1, platformVMM: 2, staticMap: [5], ioBitmaps: false),
        // A VMM count that is not a power of two, with bitmaps: the bitmap's valid-group
        // index is then not a plain bit field of the address.
        RouterParameters(vmms: 3, guests: 5, ioRanges: 3, platformVMM: 2, staticMap: [5, 6]),
    ]

    @Test(arguments: corners)
    func generatedRouterPassesAllThreeTools(p: RouterParameters) throws {
        let text = try RouterGenerator.verilog(p)
        #expect(!text.contains("lint_off"), "the router needs no Verilator waivers")
        let report = try Lint.check(verilog: text, top: "trapline_router")
        try? FileManager.default.removeItem(at: report.file.deletingLastPathComponent())
    }
}

extension RouterParameters: CustomTestStringConvertible {
    public var testDescription: String {
        "vmms \(vmms) guests \(guests) ioRanges \(ioRanges) platform \(platformVMM) static \(staticMap) bitmaps \(ioBitmaps)"
    }
}
