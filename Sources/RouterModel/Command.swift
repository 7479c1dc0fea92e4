/// One command of the router's command stream (SPEC section 4).
///
/// Every operand has the width the RTL port has (SPEC section 9); the stored
/// integer types are at least that wide and the trace reader refuses values
/// that do not fit (`intType` 3 bits, `vmcs` 4 bits, `guest` 6 bits, `op` 3 bits).
/// Omitted operands are 0. The layout is plain integers so a command can be
/// copied into the simulator's ports without any conversion or allocation.
public struct Command: Hashable, Sendable {
    /// 0 EVENT, 1 VMREAD, 2 VMWRITE, 3 LAUNCH, 4 RESUME, 5 BITMAP_WRITE; 6 and 7 are
    /// kept raw so that the rejected ops can be represented too.
    public var op: UInt8
    /// Basic exit reason of an EVENT (`cmd_reason`, 16 bits; SPEC 5.1).
    public var reason: UInt16
    /// Vector of an EVENT of reason 0 or 1 (`cmd_vector`, 8 bits).
    public var vector: UInt8
    /// Interruption type of an EVENT (`cmd_int_type`, 3 bits; `InterruptionType`).
    public var intType: UInt8
    /// Whether `errCode` is valid (`cmd_err_valid`); INTR_ERR takes `errCode` only for a routed reason 0 with this set (SPEC 5.5).
    public var errValid: Bool
    /// Exception error code of an EVENT (`cmd_err_code`, 32 bits), written to INTR_ERR when routed.
    public var errCode: UInt32
    /// Exit qualification of an EVENT (`cmd_qual`, 64 bits); for reason 30 the I/O qualification of SPEC 5.1.
    public var qual: UInt64
    /// The VMCS a VMREAD, VMWRITE or BITMAP_WRITE names (`cmd_vmcs`, 4 bits; a VMM id).
    public var vmcs: UInt8
    /// Field encoding of a VMREAD or VMWRITE (`cmd_field`, 32 bits), or the bitmap word of a BITMAP_WRITE.
    public var field: UInt32
    /// Value of a VMWRITE or BITMAP_WRITE (`cmd_data`, 64 bits).
    public var data: UInt64
    /// Guest id of a LAUNCH (`cmd_guest`, 6 bits).
    public var guest: UInt8

    /// A command with every operand given (omitted ones are 0); `op` may be 6 or 7 to make a rejected command.
    public init(op: UInt8, reason: UInt16 = 0, vector: UInt8 = 0, intType: UInt8 = 0,
                errValid: Bool = false, errCode: UInt32 = 0, qual: UInt64 = 0,
                vmcs: UInt8 = 0, field: UInt32 = 0, data: UInt64 = 0, guest: UInt8 = 0) {
        self.op = op; self.reason = reason; self.vector = vector; self.intType = intType
        self.errValid = errValid; self.errCode = errCode; self.qual = qual
        self.vmcs = vmcs; self.field = field; self.data = data; self.guest = guest
    }
}

// The op numbers of SPEC 4 and their trace names: `Op` of RouterSpec.

extension Command {
    /// An EVENT of exit `reason` with its interruption operands and qualification (SPEC 4, 5).
    public static func event(reason: UInt16, vector: UInt8 = 0, intType: UInt8 = 0,
                             errValid: Bool = false, errCode: UInt32 = 0, qual: UInt64 = 0) -> Command {
        Command(op: Op.event, reason: reason, vector: vector, intType: intType,
                errValid: errValid, errCode: errCode, qual: qual)
    }
    /// A VMREAD of `field` in VMM `vmcs`'s VMCS (SPEC 6.3).
    public static func vmread(vmcs: UInt8, field: UInt32) -> Command {
        Command(op: Op.vmread, vmcs: vmcs, field: field)
    }
    /// A VMWRITE of `data` to `field` in VMM `vmcs`'s VMCS (SPEC 6.3).
    public static func vmwrite(vmcs: UInt8, field: UInt32, data: UInt64) -> Command {
        Command(op: Op.vmwrite, vmcs: vmcs, field: field, data: data)
    }
    /// A LAUNCH of guest `guest` by the current VMM (SPEC 6.4).
    public static func launch(guest: UInt8) -> Command { Command(op: Op.launch, guest: guest) }
    /// A RESUME: the current VMM returns to the entity its RETURN_TO holds (SPEC 6.4).
    public static let resume = Command(op: Op.resume)
    /// A BITMAP_WRITE of the 32-bit `data` to I/O bitmap word `word` (0-2047) of VMM `vmcs` (SPEC 6.3, 7).
    public static func bitmapWrite(vmcs: UInt8, word: UInt32, data: UInt32) -> Command {
        Command(op: Op.bitmapWrite, vmcs: vmcs, field: word, data: UInt64(data))
    }
}
