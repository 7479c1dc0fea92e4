import RouterSpec
import Testing

/// Pins RouterSpec's numbers against the text of SPEC.md and checks that its
/// names can be emitted as Verilog localparams and C macros as they are.
@Suite struct RouterSpecTests {
    @Test func exitReasonsFollowSpec4And51() {
        #expect(ExitReason.vmread == 23 && ExitReason.vmwrite == 25 && ExitReason.vmlaunch == 20 && ExitReason.vmresume == 24)
        #expect(ExitReason.hlt == 12 && ExitReason.ioInstruction == 30 && ExitReason.xsetbv == 55)
        let spec: [UInt16] = Array(0...6) + Array(9...27) + Array(29...32) + [36, 39, 40, 55]
        #expect(ExitReason.supported == spec)
        #expect(ExitReason.supportedSummary == "0-6, 9-27, 29-32, 36, 39, 40, 55")
        #expect(ExitReason.name(of: 23) == "VMREAD" && ExitReason.name(of: 0) == "EXCEPTION_NMI" && ExitReason.name(of: 7) == nil)
        #expect(ExitReason.group.entry("IO_INSTRUCTION")?.value == 30)
        #expect(ExitReason.supportedMask == spec.reduce(0) { $0 | 1 << UInt64($1) })
    }

    @Test func fieldEncodingsFollowSpec6() {
        #expect(VMCSField.pin == 0x4000 && VMCSField.proc == 0x4002 && VMCSField.hostRIP == 0x6C16)
        #expect(VMCSField.exitReason == 0x4402 && VMCSField.exitQual == 0x6400 && VMCSField.vmmLoad == 0x43E2)
        #expect(VMCSField.route(0) == 0x4200 && VMCSField.route(30) == 0x423C && VMCSField.eligible(63) == 0x42FE)
        #expect(VMCSField.ioBase(0) == 0x0300 && VMCSField.ioLimit(1) == 0x0322 && VMCSField.ioCtrl(15) == 0x431E)
        #expect(VMCSField.routeLock == 0x43E0 && VMCSField.current == 0x4600 && VMCSField.owner(7) == 0x468E)
        #expect(VMCSField.descriptors.count == 22)
        #expect(VMCSField.descriptor("IO_BASE")?.width == 16 && VMCSField.descriptor("HOST_RIP")?.width == 64)
        #expect(VMCSField.descriptor("CURRENT")?.reset == 0x80)
        let lockable = VMCSField.descriptors.filter(\.lockable).map(\.name)
        #expect(lockable == ["ROUTE", "ELIGIBLE", "IO_BASE", "IO_LIMIT", "IO_CTRL", "ROUTE_LOCK"])
    }

    /// The VT-x layout of SPEC 6: bit 0 = 0, width bits 14:13 agree with the
    /// table, type 1 exactly for read-only fields, no two instances collide.
    @Test func encodingsFollowTheVTxLayout() {
        var seen: [UInt32: String] = [:]
        for f in VMCSField.descriptors {
            for i in 0..<f.instances.capacity {
                let e = f.encoding(i)
                #expect(e & 1 == 0 && e >> 15 == 0 && e & (1 << 12) == 0, "\(f.name)[\(i)]")
                #expect(VMCSField.width(ofEncoding: e) == f.width, "\(f.name)[\(i)]")
                #expect((((e >> 10) & 3) == 1) == (f.access == .readOnly), "\(f.name)")
                #expect(seen[e] == nil, "\(f.name)[\(i)] and \(seen[e] ?? "") share \(e)")
                seen[e] = "\(f.name)[\(i)]"
            }
        }
        #expect(seen.count == 14 + 64 + 64 + 16 * 3 + 1 + 1 + 64)
    }

    @Test func codesFollowSpec6And8() {
        #expect([VMError.resumeWithoutReturn, VMError.badValue, VMError.unsupportedField, VMError.readOnlyField,
                 VMError.routeLocked, VMError.otherVMCS, VMError.badGuest, VMError.launchWouldAbandonVMM]
                == [5, 7, 12, 13, 64, 65, 66, 67])
        #expect([RejectCode.unsupportedReason, RejectCode.malformedEvent, RejectCode.undeliverable, RejectCode.unknownOp] == [1, 2, 3, 4])
        #expect([Policy.owner, Policy.field, Policy.ioRange, Policy.load, Policy.staticMap] == [0, 1, 2, 3, 4])
        #expect(Policy.names == ["owner", "field", "io_range", "load", "static"])
        #expect([ResponseKind.routed, ResponseKind.vmsucceed, ResponseKind.vmfailInvalid, ResponseKind.vmfailValid, ResponseKind.rejected] == [0, 1, 2, 3, 4])
        #expect([Op.event, Op.vmread, Op.vmwrite, Op.launch, Op.resume, Op.bitmapWrite] == [0, 1, 2, 3, 4, 5])
        #expect(Op.names.count == Op.count)
    }

    @Test func ownerControlsFollowSpec53() {
        #expect(OwnerControls.pinNMIExiting == 3 && OwnerControls.pinExternalInterruptExiting == 0)
        #expect(OwnerControls.procHLTExiting == 7 && OwnerControls.procUseIOBitmaps == 25 && OwnerControls.procUnconditionalIOExiting == 24)
        let rows = OwnerControls.singleBitRows.map { "\($0.reason):\($0.register.rawValue):\($0.bit)" }
        #expect(rows == ["1:PIN:0", "12:PROC:7", "14:PROC:9", "36:PROC:10", "15:PROC:11", "16:PROC:12",
                         "29:PROC:23", "39:PROC:29", "40:PROC:30"])
    }

    @Test func parametersFollowSpec2() {
        #expect(SpecParameters.vmms == 2...16 && SpecParameters.defaultVMMs == 4)
        #expect(SpecParameters.guests == 1...64 && SpecParameters.defaultGuests == 8)
        #expect(SpecParameters.ioRanges == 0...16 && SpecParameters.defaultIORanges == 8)
        #expect(SpecParameters.defaultPlatformVMM == 1 && SpecParameters.defaultStaticMap == [5, 6] && SpecParameters.defaultIOBitmaps)
    }

    /// Names are unique across every group, valid Verilog-2005 and C identifiers
    /// (upper case, so never a Verilog keyword), carry their group's prefix, and
    /// every value fits its width.
    @Test func namesAreUniqueIdentifiersAndValuesFitTheirWidths() {
        var seen: Set<String> = []
        for g in SpecConstants.groups {
            #expect(!g.entries.isEmpty, "\(g.title)")
            for c in g.entries {
                #expect(seen.insert(c.name).inserted, "\(c.name) appears twice")
                let first = c.name.unicodeScalars.first!
                #expect(("A"..."Z").contains(first) && c.name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" },
                        "\(c.name) is not an upper-case identifier")
                #expect(c.name.hasPrefix(g.prefix), "\(c.name) lacks prefix \(g.prefix)")
                #expect(c.width > 0 && c.width <= 64 && (c.width == 64 || c.value >> UInt64(c.width) == 0), "\(c)")
            }
        }
        #expect(seen.contains("EXIT_REASON_VMREAD") && seen.contains("ERR_ROUTE_LOCKED") && seen.contains("FIELD_ROUTE_BASE"))
        #expect(SpecConstants.all.first { $0.name == "FIELD_ROUTE_BASE" }?.value == 0x4200)
        #expect(SpecConstants.all.first { $0.name == "ERR_ROUTE_LOCKED" }?.value == 64)
    }
}
