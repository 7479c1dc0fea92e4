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
    public var reason: UInt16
    public var vector: UInt8
    public var intType: UInt8
    public var errValid: Bool
    public var errCode: UInt32
    public var qual: UInt64
    public var vmcs: UInt8
    public var field: UInt32
    public var data: UInt64
    public var guest: UInt8

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
    public static func event(reason: UInt16, vector: UInt8 = 0, intType: UInt8 = 0,
                             errValid: Bool = false, errCode: UInt32 = 0, qual: UInt64 = 0) -> Command {
        Command(op: Op.event, reason: reason, vector: vector, intType: intType,
                errValid: errValid, errCode: errCode, qual: qual)
    }
    public static func vmread(vmcs: UInt8, field: UInt32) -> Command {
        Command(op: Op.vmread, vmcs: vmcs, field: field)
    }
    public static func vmwrite(vmcs: UInt8, field: UInt32, data: UInt64) -> Command {
        Command(op: Op.vmwrite, vmcs: vmcs, field: field, data: data)
    }
    public static func launch(guest: UInt8) -> Command { Command(op: Op.launch, guest: guest) }
    public static let resume = Command(op: Op.resume)
    public static func bitmapWrite(vmcs: UInt8, word: UInt32, data: UInt32) -> Command {
        Command(op: Op.bitmapWrite, vmcs: vmcs, field: word, data: UInt64(data))
    }
}
