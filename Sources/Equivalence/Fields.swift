import RouterModel

/// VMCS field encodings of SPEC section 6 (plain numbers, as the SPEC lists
/// them), used to write directed scenarios and to shadow state for coverage.
public enum VMCSField {
    public static let pin: UInt32 = 0x4000
    public static let proc: UInt32 = 0x4002
    public static let excBitmap: UInt32 = 0x4004
    public static let pfecMask: UInt32 = 0x4006
    public static let pfecMatch: UInt32 = 0x4008
    public static let hostRIP: UInt32 = 0x6C16
    public static let vmmLoad: UInt32 = 0x43E2
    public static let vmInstrError: UInt32 = 0x4400
    public static let exitReason: UInt32 = 0x4402
    public static let intrInfo: UInt32 = 0x4404
    public static let intrErr: UInt32 = 0x4406
    public static let exitQual: UInt32 = 0x6400
    public static let returnTo: UInt32 = 0x4602
    public static let handled: UInt32 = 0x4604
    public static let routeLock: UInt32 = 0x43E0
    public static let current: UInt32 = 0x4600

    public static func route(_ t: Int) -> UInt32 { 0x4200 + 2 * UInt32(t) }
    public static func eligible(_ t: Int) -> UInt32 { 0x4280 + 2 * UInt32(t) }
    public static func ioBase(_ r: Int) -> UInt32 { 0x0300 + 2 * UInt32(r) }
    public static func ioLimit(_ r: Int) -> UInt32 { 0x0320 + 2 * UInt32(r) }
    public static func ioCtrl(_ r: Int) -> UInt32 { 0x4300 + 2 * UInt32(r) }
    public static func owner(_ g: Int) -> UInt32 { 0x4680 + 2 * UInt32(g) }

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
