import RouterModel
import RouterSpec

/// Scenario-writing helpers on the model's field encodings (SPEC 6).
extension VMCSField {
    /// Fields every VMM's VMCS has (SPEC 6.1), read-write first.
    public static let perVMMWritable: [UInt32] = [pin, proc, excBitmap, pfecMask, pfecMatch, hostRIP, vmmLoad]
    /// Read-only fields of every VMM's VMCS (SPEC 6.1): a VMWRITE fails with VMfailValid 13.
    public static let perVMMReadOnly: [UInt32] = [vmInstrError, exitReason, intrInfo, intrErr, exitQual, returnTo, handled]

    /// A ROUTE[t] value: policy in bits 2:0, VMM in bits 7:4.
    public static func routeValue(policy: UInt8, vmm: Int) -> UInt64 {
        UInt64(policy) | UInt64(UInt32(vmm) & RouteLayout.vmmMask) << UInt64(RouteLayout.vmmShift)
    }
    /// An IO_CTRL[r] value: bit 0 enable, VMM in bits 7:4.
    public static func ioCtrlValue(enabled: Bool, vmm: Int) -> UInt64 {
        (enabled ? UInt64(IOCtrlLayout.enable) : 0) | UInt64(UInt32(vmm) & IOCtrlLayout.vmmMask) << UInt64(IOCtrlLayout.vmmShift)
    }
}

// The bits of the VT-x controls that routing reads (SPEC 5.3) are RouterSpec's `OwnerControls`.

/// Builds an I/O instruction exit qualification (SPEC 5.1): `size` 1, 2 or 4.
public func ioQual(port: Int, size: Int, input: Bool = false, string: Bool = false,
                   rep: Bool = false, immediate: Bool = false) -> UInt64 {
    var q = UInt64(size - 1) & IOQualification.sizeMask
    if input { q |= 1 << UInt64(IOQualification.directionInBit) }
    if string { q |= 1 << UInt64(IOQualification.stringBit) }
    if rep { q |= 1 << UInt64(IOQualification.repBit) }
    if immediate { q |= 1 << UInt64(IOQualification.immediateBit) }
    return q | (UInt64(port) & IOQualification.portMask) << UInt64(IOQualification.portShift)
}
