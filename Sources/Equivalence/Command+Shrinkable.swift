import Lockstep
import RouterModel

/// A command's operands (never `op`) as the shrinker's values: each is set to 0
/// or has bits cleared while the trace still fails.
extension Command: ShrinkableValues {
    /// Number of operand slots the shrinker may lower (every operand but `op`).
    public var shrinkableCount: Int { Operand.allCases.count }
    /// Operand `slot` as a 64-bit value, in the order of `Operand.allCases`; setting it truncates to the operand's stored type (`errValid`: any non-zero value is true).
    public subscript(shrinkable slot: Int) -> UInt64 {
        get { Operand.allCases[slot].get(self) }
        set { Operand.allCases[slot].set(&self, newValue) }
    }

    /// The operands of a command (never `op`).
    enum Operand: CaseIterable {
        case qual, errCode, data, field, reason, vector, intType, errValid, vmcs, guest
        func get(_ c: Command) -> UInt64 {
            switch self {
            case .qual: return c.qual
            case .errCode: return UInt64(c.errCode)
            case .data: return c.data
            case .field: return UInt64(c.field)
            case .reason: return UInt64(c.reason)
            case .vector: return UInt64(c.vector)
            case .intType: return UInt64(c.intType)
            case .errValid: return c.errValid ? 1 : 0
            case .vmcs: return UInt64(c.vmcs)
            case .guest: return UInt64(c.guest)
            }
        }
        func set(_ c: inout Command, _ v: UInt64) {
            switch self {
            case .qual: c.qual = v
            case .errCode: c.errCode = UInt32(truncatingIfNeeded: v)
            case .data: c.data = v
            case .field: c.field = UInt32(truncatingIfNeeded: v)
            case .reason: c.reason = UInt16(truncatingIfNeeded: v)
            case .vector: c.vector = UInt8(truncatingIfNeeded: v)
            case .intType: c.intType = UInt8(truncatingIfNeeded: v)
            case .errValid: c.errValid = v != 0
            case .vmcs: c.vmcs = UInt8(truncatingIfNeeded: v)
            case .guest: c.guest = UInt8(truncatingIfNeeded: v)
            }
        }
    }
}
