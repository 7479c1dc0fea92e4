import RouterModel

/// Scenario-writing helpers on the model's field encodings (SPEC 6).
extension VMCSField {
    /// Fields every VMM's VMCS has (SPEC 6.1), read-write first.
    public static let perVMMWritable: [UInt32] = [pin, proc, excBitmap, pfecMask, pfecMatch, hostRIP, vmmLoad]
    public static let perVMMReadOnly: [UInt32] = [vmInstrError, exitReason, intrInfo, intrErr, exitQual, returnTo, handled]

    /// A ROUTE[t] value: policy in bits 2:0, VMM in bits 7:4.
    public static func routeValue(policy: UInt8, vmm: Int) -> UInt64 { UInt64(policy) | UInt64(vmm & 0xF) << 4 }
    /// An IO_CTRL[r] value: bit 0 enable, VMM in bits 7:4.
    public static func ioCtrlValue(enabled: Bool, vmm: Int) -> UInt64 { (enabled ? 1 : 0) | UInt64(vmm & 0xF) << 4 }
}

/// Bits of the VT-x controls that routing reads (SPEC 5.3).
public enum ControlBit {
    public static let pinExternalInterrupt = 0
    public static let pinNMI = 3
    public static let procHLT = 7, procINVLPG = 9, procMWAIT = 10, procRDPMC = 11, procRDTSC = 12
    public static let procMovDR = 23, procUncondIO = 24, procUseIOBitmaps = 25, procMONITOR = 29, procPAUSE = 30
}

/// Builds an I/O instruction exit qualification (SPEC 5.1): `size` 1, 2 or 4.
public func ioQual(port: Int, size: Int, input: Bool = false, string: Bool = false,
                   rep: Bool = false, immediate: Bool = false) -> UInt64 {
    var q = UInt64(size - 1) & 7
    if input { q |= 1 << 3 }
    if string { q |= 1 << 4 }
    if rep { q |= 1 << 5 }
    if immediate { q |= 1 << 6 }
    return q | UInt64(port & 0xFFFF) << 16
}
