import Foundation
import RouterDesign
import Testing
import TestSupport

/// The field table (SPEC 6).
@Suite struct FieldTableTests {
    /// Every instance of every field at the largest parameters.
    static let largest = RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 0)

    @Test func encodingsFollowTheVTxLayout() {
        for f in FieldTable.fields {
            for i in 0..<max(1, f.count.count(Self.largest)) {
                let e = f.encoding(i)
                #expect(e & 1 == 0, "\(f.name)[\(i)]: bit 0 (high-half access) must be 0")
                #expect(e >> 15 == 0 && e & (1 << 12) == 0, "\(f.name)[\(i)]: bits 31:15 and 12 must be 0")
                let width = [0: 16, 2: 32, 3: 64][Int(e >> 13) & 3]
                #expect(width == f.width, "\(f.name)[\(i)]: encoding width bits say \(String(describing: width)), table says \(f.width)")
                let type = (e >> 10) & 3
                #expect((type == 1) == (f.access == .readOnly), "\(f.name): type 1 (exit information) exactly for read-only fields")
            }
        }
    }

    @Test func noTwoFieldInstancesShareAnEncoding() {
        var seen: [UInt32: String] = [:]
        for f in FieldTable.fields {
            for i in 0..<max(1, f.count.count(Self.largest)) {
                let e = f.encoding(i)
                #expect(seen[e] == nil, "\(f.name)[\(i)] and \(seen[e] ?? "") share encoding \(e)")
                seen[e] = "\(f.name)[\(i)]"
            }
        }
        #expect(seen.count == 14 + 64 + 64 + 16 * 3 + 1 + 1 + 64)
    }

    @Test func tableMatchesSpecSection6() {
        let expected: [(String, UInt32, Int, FieldAccess, FieldScope)] = [
            ("PIN", 0x4000, 32, .readWrite, .perVMM), ("PROC", 0x4002, 32, .readWrite, .perVMM),
            ("EXC_BITMAP", 0x4004, 32, .readWrite, .perVMM), ("PFEC_MASK", 0x4006, 32, .readWrite, .perVMM),
            ("PFEC_MATCH", 0x4008, 32, .readWrite, .perVMM), ("HOST_RIP", 0x6C16, 64, .readWrite, .perVMM),
            ("VMM_LOAD", 0x43E2, 32, .readWrite, .perVMM), ("VM_INSTR_ERROR", 0x4400, 32, .readOnly, .perVMM),
            ("EXIT_REASON", 0x4402, 32, .readOnly, .perVMM), ("INTR_INFO", 0x4404, 32, .readOnly, .perVMM),
            ("INTR_ERR", 0x4406, 32, .readOnly, .perVMM), ("EXIT_QUAL", 0x6400, 64, .readOnly, .perVMM),
            ("RETURN_TO", 0x4602, 32, .readOnly, .perVMM), ("HANDLED", 0x4604, 32, .readOnly, .perVMM),
            ("ROUTE", 0x4200, 32, .readWrite, .global), ("ELIGIBLE", 0x4280, 32, .readWrite, .global),
            ("IO_BASE", 0x0300, 16, .readWrite, .global), ("IO_LIMIT", 0x0320, 16, .readWrite, .global),
            ("IO_CTRL", 0x4300, 32, .readWrite, .global), ("ROUTE_LOCK", 0x43E0, 32, .readWrite, .global),
            ("CURRENT", 0x4600, 32, .readOnly, .global), ("OWNER", 0x4680, 32, .readOnly, .global),
        ]
        #expect(FieldTable.fields.count == expected.count)
        for (f, e) in zip(FieldTable.fields, expected) {
            #expect(f.name == e.0 && f.encoding == e.1 && f.width == e.2 && f.access == e.3 && f.scope == e.4, "\(f.name)")
            #expect(f.reset == (f.name == "CURRENT" ? 0x80 : 0), "\(f.name): SPEC 3 and 6.1 reset values")
            #expect(f.lockable == ["ROUTE", "ELIGIBLE", "IO_BASE", "IO_LIMIT", "IO_CTRL", "ROUTE_LOCK"].contains(f.name), "\(f.name)")
        }
    }

    @Test func valueChecksGiveTheReservedBitsOfSpec6() {
        let p4 = RouterParameters()
        #expect(FieldTable.field("VMM_LOAD").check.reservedMask(width: 32, p4) == 0xFFFF_0000)
        #expect(FieldTable.field("ROUTE").check.reservedMask(width: 32, p4) == 0xFFFF_FF0C)
        #expect(FieldTable.field("ROUTE").check.vmmAt == 4)
        #expect(FieldTable.field("IO_CTRL").check.reservedMask(width: 32, p4) == 0xFFFF_FF0E)
        #expect(FieldTable.field("ROUTE_LOCK").check.reservedMask(width: 32, p4) == 0xFFFF_FFFE)
        #expect(FieldTable.field("ELIGIBLE").check.reservedMask(width: 32, p4) == 0xFFFF_FFF0)
        #expect(FieldTable.field("ELIGIBLE").check.reservedMask(width: 32, Self.largest) == 0xFFFF_0000)
        #expect(FieldTable.field("PIN").check.isNone && FieldTable.field("IO_BASE").check.isNone)
    }

    @Test func instanceCountsFollowTheParameters() {
        let p = RouterParameters(vmms: 3, guests: 5, ioRanges: 0, platformVMM: 2)
        #expect(FieldTable.field("ROUTE").count.count(p) == 64)
        #expect(FieldTable.field("IO_CTRL").count.count(p) == 0)
        #expect(FieldTable.field("OWNER").count.count(p) == 5)
    }

    // docs/fields.md and rtl/trapline_fields.h are written from RouterSpec by
    // `trapline generate` now; their golden and C-compile tests are in
    // CLITests/GenerateCommandTests.
}
