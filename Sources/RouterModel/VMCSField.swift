/// The VMCS field encodings of SPEC section 6 (plain numbers; the hardware
/// design may share them as constants, never the decisions that use them).
public enum VMCSField {
    // 6.1: fields in every VMM's VMCS.
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

    // 6.2: global routing fields, VMCS 0 only.
    public static func route(_ t: Int) -> UInt32 { 0x4200 + 2 * UInt32(t) }
    public static func eligible(_ t: Int) -> UInt32 { 0x4280 + 2 * UInt32(t) }
    public static func ioBase(_ r: Int) -> UInt32 { 0x0300 + 2 * UInt32(r) }
    public static func ioLimit(_ r: Int) -> UInt32 { 0x0320 + 2 * UInt32(r) }
    public static func ioCtrl(_ r: Int) -> UInt32 { 0x4300 + 2 * UInt32(r) }
    public static let routeLock: UInt32 = 0x43E0
    public static let current: UInt32 = 0x4600
    public static func owner(_ g: Int) -> UInt32 { 0x4680 + 2 * UInt32(g) }

    /// Every per-VMM field of 6.1, in table order.
    public static let perVMM: [UInt32] = [pin, proc, excBitmap, pfecMask, pfecMatch, hostRIP, vmmLoad,
                                          vmInstrError, exitReason, intrInfo, intrErr, exitQual, returnTo, handled]

    /// Every field a VMCS supports under `config` (6.1 for every VMCS; 6.2 too for VMCS 0).
    public static func supported(inVMCS vmcs: Int, config: RouterConfig) -> [UInt32] {
        guard vmcs == 0 else { return perVMM }
        return perVMM + (0..<64).map(route) + (0..<64).map(eligible)
            + (0..<config.ioRanges).flatMap { [ioBase($0), ioLimit($0), ioCtrl($0)] }
            + [routeLock, current] + (0..<config.guests).map(owner)
    }
}

/// What a field encoding names, after decoding (internal to the model).
enum FieldKind: Equatable {
    /// A per-VMM register stored in the VMCS slot array.
    case slot(VMCSSlot)
    case vmmLoad, returnTo, handled
    case route(Int), eligible(Int), ioBase(Int), ioLimit(Int), ioCtrl(Int), routeLock, current, owner(Int)

    /// 6.2: routing fields exist only in VMCS 0.
    var isGlobal: Bool {
        switch self {
        case .slot, .vmmLoad, .returnTo, .handled: return false
        default: return true
        }
    }

    /// Fields a VMWRITE may not change (6.1/6.2 "RO").
    var isReadOnly: Bool {
        switch self {
        case .slot(let s): return s.rawValue >= VMCSSlot.vmInstrError.rawValue
        case .returnTo, .handled, .current, .owner: return true
        default: return false
        }
    }

    /// Fields frozen by ROUTE_LOCK (6.2).
    var isLockable: Bool {
        switch self {
        case .route, .eligible, .ioBase, .ioLimit, .ioCtrl, .routeLock: return true
        default: return false
        }
    }

    /// Width in bits: the encoding's bits 14:13 (0 16-bit, 2 32-bit, 3 64-bit).
    static func width(of field: UInt32) -> Int {
        switch (field >> 13) & 3 {
        case 0: return 16
        case 3: return 64
        default: return 32
        }
    }

    /// Decodes `field` (SPEC 6.1/6.2); nil when no VMCS supports it under `vmms`,
    /// `ioRanges` and `guests`. A switch on the encoding, no tables.
    @inline(__always)
    static func decode(_ field: UInt32, ioRanges: Int, guests: Int) -> FieldKind? {
        switch field {
        case VMCSField.pin: return .slot(.pin)
        case VMCSField.proc: return .slot(.proc)
        case VMCSField.excBitmap: return .slot(.excBitmap)
        case VMCSField.pfecMask: return .slot(.pfecMask)
        case VMCSField.pfecMatch: return .slot(.pfecMatch)
        case VMCSField.hostRIP: return .slot(.hostRIP)
        case VMCSField.vmInstrError: return .slot(.vmInstrError)
        case VMCSField.exitReason: return .slot(.exitReason)
        case VMCSField.intrInfo: return .slot(.intrInfo)
        case VMCSField.intrErr: return .slot(.intrErr)
        case VMCSField.exitQual: return .slot(.exitQual)
        case VMCSField.vmmLoad: return .vmmLoad
        case VMCSField.returnTo: return .returnTo
        case VMCSField.handled: return .handled
        case VMCSField.routeLock: return .routeLock
        case VMCSField.current: return .current
        default: break
        }
        guard field & 1 == 0 else { return nil }   // bit 0: high-half access is not supported
        let i = Int((field & 0xFF) >> 1)
        switch field & ~0x7F {
        case 0x4200: return .route(i & 63)             // 0x4200...0x427E
        case 0x4280: return .eligible(i & 63)          // 0x4280...0x42FE
        case 0x4300 where i < ioRanges: return .ioCtrl(i)
        case 0x4680 where i - 64 < guests: return .owner(i - 64)
        case 0x0300 where i < 16 && i < ioRanges: return .ioBase(i)
        case 0x0300 where i >= 16 && i - 16 < ioRanges: return .ioLimit(i - 16)
        default: return nil
        }
    }
}

/// Index of a per-VMM register in the model's flat VMCS array. RW fields
/// first, then the read-only exit-information fields.
enum VMCSSlot: Int {
    case pin, proc, excBitmap, pfecMask, pfecMatch, hostRIP
    case vmInstrError, exitReason, intrInfo, intrErr, exitQual
    /// Slots per VMM in the flat array (a power of two so the index is a shift).
    static let stride = 16
}
