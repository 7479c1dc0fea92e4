/// Entities in 8 bits (SPEC 3): bit 7 = 1 for a VMM, bits 5:0 = id, bit 6 = 0.
public enum EntityEncoding {
    /// Bit 7: set when the entity is a VMM, clear for a guest.
    @inlinable public static var vmmFlag: UInt8 { 0x80 }
    /// Bits 5:0: the VMM or guest id.
    @inlinable public static var idMask: UInt8 { 0x3F }
    /// Width of an entity (`current`, `rsp_target`, RETURN_TO bits 7:0) in bits.
    @inlinable public static var width: Int { 8 }
    /// `current` after reset: VMM 0 (also CURRENT's reset value).
    @inlinable public static var resetCurrent: UInt8 { vmmFlag }

    /// The encoding as `ENTITY_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("ENTITY_VMM_FLAG", vmmFlag, width: width, "bit 7: the entity is a VMM"),
        SpecConstant("ENTITY_ID_MASK", idMask, width: width, "bits 5:0: the id"),
    ]
    /// The `ENTITY_*` group of `SpecConstants.groups` (SPEC 3).
    public static let group = SpecConstantGroup(title: "Entity encoding", section: "3", prefix: "ENTITY_", entries: entries)
}

/// RETURN_TO (SPEC 6.1): bit 8 valid, bits 7:0 the entity RESUME returns to.
public enum ReturnToLayout {
    /// Position of RETURN_TO's valid bit.
    @inlinable public static var validBit: Int { 8 }
    /// RETURN_TO's valid bit as a mask (`1 << 8`).
    @inlinable public static var valid: UInt16 { 1 << 8 }
    /// The layout as `RETURN_TO_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("RETURN_TO_VALID_BIT", validBit, width: 5, "RETURN_TO bit 8: valid"),
    ]
    /// The `RETURN_TO_*` group of `SpecConstants.groups` (SPEC 6.1).
    public static let group = SpecConstantGroup(title: "RETURN_TO layout", section: "6.1", prefix: "RETURN_TO_", entries: entries)
}

/// ROUTE[t] (SPEC 6.2): bits 2:0 policy (<= 3), bits 7:4 VMM (< V), other bits 0.
public enum RouteLayout {
    /// Bits 2:0 of ROUTE[t]: the policy (`Policy.owner` ... `Policy.load`).
    @inlinable public static var policyMask: UInt32 { 0x7 }
    /// Shift of ROUTE[t]'s VMM field (bits 7:4).
    @inlinable public static var vmmShift: Int { 4 }
    /// Mask of ROUTE[t]'s VMM field after shifting by `vmmShift` (4 bits, must be < V).
    @inlinable public static var vmmMask: UInt32 { 0xF }
    /// Bits a ROUTE value may have set.
    @inlinable public static var allowedBits: UInt32 { 0xF7 }
    /// The layout as `ROUTE_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("ROUTE_POLICY_MASK", policyMask, width: 32, "ROUTE bits 2:0: policy"),
        SpecConstant("ROUTE_VMM_SHIFT", vmmShift, width: 5, "ROUTE bits 7:4: VMM"),
        SpecConstant("ROUTE_ALLOWED_BITS", allowedBits, width: 32, "bits a ROUTE value may set"),
    ]
    /// The `ROUTE_*` group of `SpecConstants.groups` (SPEC 6.2).
    public static let group = SpecConstantGroup(title: "ROUTE layout", section: "6.2", prefix: "ROUTE_", entries: entries)
}

/// IO_CTRL[r] (SPEC 6.2): bit 0 enable, bits 7:4 VMM (< V), other bits 0.
public enum IOCtrlLayout {
    /// Bit 0 of IO_CTRL[r]: the range is enabled.
    @inlinable public static var enable: UInt32 { 0x1 }
    /// Shift of IO_CTRL[r]'s VMM field (bits 7:4).
    @inlinable public static var vmmShift: Int { 4 }
    /// Mask of IO_CTRL[r]'s VMM field after shifting by `vmmShift` (4 bits, must be < V).
    @inlinable public static var vmmMask: UInt32 { 0xF }
    /// Bits an IO_CTRL value may have set (else VMfailValid 7).
    @inlinable public static var allowedBits: UInt32 { 0xF1 }
    /// The layout as `IO_CTRL_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("IO_CTRL_ENABLE", enable, width: 32, "IO_CTRL bit 0: enable"),
        SpecConstant("IO_CTRL_VMM_SHIFT", vmmShift, width: 5, "IO_CTRL bits 7:4: VMM"),
        SpecConstant("IO_CTRL_ALLOWED_BITS", allowedBits, width: 32, "bits an IO_CTRL value may set"),
    ]
    /// The `IO_CTRL_*` group of `SpecConstants.groups` (SPEC 6.2).
    public static let group = SpecConstantGroup(title: "IO_CTRL layout", section: "6.2", prefix: "IO_CTRL_", entries: entries)
}

/// INTR_INFO of a routed reason 0 or 1 (SPEC 5.5):
/// `1<<31 | errValid<<11 | intType<<8 | vector`.
public enum InterruptionInfo {
    /// Bit 31 of INTR_INFO: valid, always set for a routed reason 0 or 1.
    @inlinable public static var validBit: Int { 31 }
    /// Bit 11 of INTR_INFO: the error code in INTR_ERR is valid.
    @inlinable public static var errorCodeValidBit: Int { 11 }
    /// Shift of the interruption type (bits 10:8).
    @inlinable public static var typeShift: Int { 8 }
    /// The layout as `INTR_INFO_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("INTR_INFO_VALID_BIT", validBit, width: 5, "INTR_INFO bit 31: valid"),
        SpecConstant("INTR_INFO_ERR_VALID_BIT", errorCodeValidBit, width: 5, "INTR_INFO bit 11: error code valid"),
        SpecConstant("INTR_INFO_TYPE_SHIFT", typeShift, width: 5, "INTR_INFO bits 10:8: interruption type"),
    ]
    /// The `INTR_INFO_*` group of `SpecConstants.groups` (SPEC 5.5).
    public static let group = SpecConstantGroup(title: "INTR_INFO layout", section: "5.5", prefix: "INTR_INFO_", entries: entries)
}

/// The I/O bitmaps (SPEC 7): per VMM, 2048 words of 32 bits; word w bit b covers port 32*w + b.
public enum IOBitmap {
    /// 32-bit words of bitmap per VMM: bitmap A (ports 0-0x7FFF) then bitmap B, 65536 bits in all.
    @inlinable public static var wordsPerVMM: Int { 2048 }
    /// Width of a bitmap word (`cmd_data` bits 31:0 of a BITMAP_WRITE).
    @inlinable public static var wordWidth: Int { 32 }
    /// The bitmap size as an `IO_BITMAP_*` constant.
    public static let entries: [SpecConstant] = [
        SpecConstant("IO_BITMAP_WORDS", wordsPerVMM, width: 12, "32-bit words per VMM (bitmaps A and B)"),
    ]
    /// The `IO_BITMAP_*` group of `SpecConstants.groups` (SPEC 7).
    public static let group = SpecConstantGroup(title: "I/O bitmaps", section: "7", prefix: "IO_BITMAP_", entries: entries)
}

/// The generator parameters of SPEC 2: ranges and defaults.
public enum SpecParameters {
    /// V, the number of VMMs: 2 to 16.
    public static let vmms: ClosedRange<Int> = 2...16
    /// Default V.
    @inlinable public static var defaultVMMs: Int { 4 }
    /// G, the number of guests: 1 to 64.
    public static let guests: ClosedRange<Int> = 1...64
    /// Default G.
    @inlinable public static var defaultGuests: Int { 8 }
    /// R, the number of I/O range registers: 0 to 16.
    public static let ioRanges: ClosedRange<Int> = 0...16
    /// Default R.
    @inlinable public static var defaultIORanges: Int { 8 }
    /// `platformVMM` ranges over 0..V-1.
    @inlinable public static var defaultPlatformVMM: Int { 1 }
    /// The default static map {5, 6}: both SMIs go to the Platform VMM.
    public static let defaultStaticMap: [UInt16] = [ExitReason.ioSMI, ExitReason.otherSMI]
    /// Default of the I/O bitmaps option: generated (`--no-io-bitmaps` leaves them out).
    @inlinable public static var defaultIOBitmaps: Bool { true }

    /// The parameters' upper bounds as `MAX_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("MAX_VMMS", vmms.upperBound, width: 5, "largest V"),
        SpecConstant("MAX_GUESTS", guests.upperBound, width: 7, "largest G"),
        SpecConstant("MAX_IO_RANGES", ioRanges.upperBound, width: 5, "largest R"),
    ]
    /// The `MAX_*` group of `SpecConstants.groups` (SPEC 2).
    public static let group = SpecConstantGroup(title: "Parameter limits", section: "2", prefix: "MAX_", entries: entries)
}
