import Foundation
import HDL
import RouterDesign
import Testing
import TestSupport

/// The generator: the committed rtl/trapline_router.v, determinism, the SPEC 9
/// port list, parameter refusal.
@Suite struct RouterGeneratorTests {
    @Test func committedRTLIsUpToDate() throws {
        if let diff = try Golden.compare(try RouterGenerator.verilog(.defaults), to: "rtl/trapline_router.v") {
            Issue.record("\(diff)")
        }
    }

    @Test func sameParametersGiveByteIdenticalVerilogAndDifferentOnesDiffer() throws {
        let p = RouterParameters(vmms: 5, guests: 9, ioRanges: 2, platformVMM: 4, staticMap: [6, 5, 30])
        let a = try RouterGenerator.verilog(p)
        let b = try RouterGenerator.verilog(RouterParameters(vmms: 5, guests: 9, ioRanges: 2, platformVMM: 4, staticMap: [30, 5, 6]))
        #expect(a == b)
        #expect(a != (try RouterGenerator.verilog(.defaults)))
        #expect(a.contains("--vmms 5 --guests 9 --io-ranges 2 --platform-vmm 4 --static-map 5,6,30"))
    }

    /// SPEC 9, names, widths and order (RouterSim.RouterInterface holds the same list;
    /// the Icarus tests bind every port by name).
    static let ports: [(String, Int, Bool)] = [
        ("clk", 1, true), ("rst", 1, true), ("cmd_valid", 1, true), ("cmd_op", 3, true), ("cmd_reason", 16, true),
        ("cmd_vector", 8, true), ("cmd_int_type", 3, true), ("cmd_err_valid", 1, true), ("cmd_err_code", 32, true),
        ("cmd_qual", 64, true), ("cmd_vmcs", 4, true), ("cmd_field", 32, true), ("cmd_data", 64, true),
        ("cmd_guest", 6, true), ("rsp_ready", 1, true),
        ("cmd_ready", 1, false), ("rsp_valid", 1, false), ("rsp_kind", 3, false), ("rsp_target", 4, false),
        ("rsp_self", 1, false), ("rsp_fallback", 1, false), ("rsp_policy", 3, false), ("rsp_from", 8, false),
        ("rsp_reason", 16, false), ("rsp_qual", 64, false), ("rsp_info", 32, false), ("rsp_err_code", 32, false),
        ("rsp_entry", 64, false), ("rsp_data", 64, false), ("rsp_current", 8, false), ("rsp_error", 8, false),
    ]

    @Test(arguments: [RouterParameters(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: [], ioBitmaps: false),
                      .defaults, RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 9)])
    func portsAreExactlySpecSection9(p: RouterParameters) throws {
        let text = try RouterGenerator.verilog(p)
        // The ANSI port list: one "input  wire [W-1:0] name," line per port, in order.
        let header = text.components(separatedBy: "module trapline_router (")[1].components(separatedBy: ");")[0]
        let lines = header.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("//") }
        #expect(lines.count == Self.ports.count)
        for (line, port) in zip(lines, Self.ports) {
            let range = port.1 == 1 ? "" : "[\(port.1 - 1):0] "
            // An output is a wire, or the register that holds it (`output reg`).
            let expected = (port.2 ? ["input  wire "] : ["output wire ", "output reg  "]).map { $0 + range + port.0 }
            #expect(expected.contains { line.hasPrefix($0) }, "expected '\(expected[0])', found '\(line)'")
        }
    }

    @Test func outOfRangeParametersAreRefusedBeforeElaboration() {
        #expect { try RouterGenerator.verilog(RouterParameters(vmms: 17)) } throws: {
            "\($0)" == "--vmms 17 is out of range: it must be 2...16"
        }
    }
}
