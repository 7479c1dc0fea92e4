/// The VMCS field encodings of SPEC section 6 are RouterSpec's `VMCSField`
/// (plain numbers, shared with the hardware design); which fields a VMCS
/// supports under a configuration is the model's own reading of the SPEC.
extension VMCSField {
    /// Every field a VMCS supports under `config` (6.1 for every VMCS; 6.2 too for VMCS 0).
    public static func supported(inVMCS vmcs: Int, config: RouterConfig) -> [UInt32] {
        guard vmcs == 0 else { return perVMM }
        return perVMM + (0..<ExitReason.routableCount).map(route) + (0..<ExitReason.routableCount).map(eligible)
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
    @inline(__always)
    static func width(of field: UInt32) -> Int { VMCSField.width(ofEncoding: field) }

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
        // Arrays of 6.2: base + 2i. Each block of 0x80 encodings holds one array,
        // or both I/O arrays (IO_BASE at 0x0300, IO_LIMIT at 0x0320, 16 each),
        // so the index is a bit slice of the encoding.
        let i = Int((field & 0xFF) >> 1)
        let ioLimitFirst = Int((VMCSField.ioLimitBase - VMCSField.ioBaseBase) / VMCSField.arrayStride)   // 16
        switch field & ~0x7F {
        case VMCSField.routeBase: return .route(i & 63)             // 0x4200...0x427E
        case VMCSField.eligibleBase: return .eligible(i & 63)       // 0x4280...0x42FE
        case VMCSField.ioCtrlBase where i < ioRanges: return .ioCtrl(i)
        case VMCSField.ownerBase where i - 64 < guests: return .owner(i - 64)   // 0x4680: index bits start at 64
        case VMCSField.ioBaseBase where i < ioLimitFirst && i < ioRanges: return .ioBase(i)
        case VMCSField.ioBaseBase where i >= ioLimitFirst && i - ioLimitFirst < ioRanges: return .ioLimit(i - ioLimitFirst)
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
