/// The op numbers of SPEC 4 (`cmd_op`, 3 bits) and their trace names (SPEC 10).
/// Ops 6 and 7 have no name: they are REJECTED with code 4.
public enum Op {
    /// Op 0, EVENT: route a privileged event to a VMM (SPEC 5).
    @inlinable public static var event: UInt8 { 0 }
    /// Op 1, VMREAD: read a field of a VMCS (SPEC 6.3).
    @inlinable public static var vmread: UInt8 { 1 }
    /// Op 2, VMWRITE: write a field of a VMCS (SPEC 6.3).
    @inlinable public static var vmwrite: UInt8 { 2 }
    /// Op 3, LAUNCH: the current VMM launches a guest (SPEC 6.4).
    @inlinable public static var launch: UInt8 { 3 }
    /// Op 4, RESUME: the current VMM returns to the entity its `returnTo` holds (SPEC 6.4).
    @inlinable public static var resume: UInt8 { 4 }
    /// Op 5, BITMAP_WRITE: write one 32-bit word of a VMM's I/O bitmaps (SPEC 6.3, 7).
    @inlinable public static var bitmapWrite: UInt8 { 5 }
    /// Number of named ops (6 and 7 are rejected).
    @inlinable public static var count: Int { 6 }
    /// Width of `cmd_op` in bits (SPEC 9).
    @inlinable public static var width: Int { 3 }
    /// Trace-file names, indexed by op number (SPEC 10).
    public static let names: [String] = ["event", "vmread", "vmwrite", "launch", "resume", "bitmap_write"]

    /// The ops as `OP_*` constants, in op order.
    public static let entries: [SpecConstant] = [
        SpecConstant("OP_EVENT", event, width: width, "privileged event to route"),
        SpecConstant("OP_VMREAD", vmread, width: width, "VMREAD vmcs, field"),
        SpecConstant("OP_VMWRITE", vmwrite, width: width, "VMWRITE vmcs, field, data"),
        SpecConstant("OP_LAUNCH", launch, width: width, "LAUNCH guest"),
        SpecConstant("OP_RESUME", resume, width: width, "RESUME"),
        SpecConstant("OP_BITMAP_WRITE", bitmapWrite, width: width, "BITMAP_WRITE vmcs, word, data"),
    ]
    /// The `OP_*` group of `SpecConstants.groups` (SPEC 4).
    public static let group = SpecConstantGroup(title: "Commands", section: "4", prefix: "OP_", entries: entries)
}

/// Response kinds of SPEC 8 (`rsp_kind`, 3 bits) and their trace names (SPEC 10).
public enum ResponseKind {
    /// Kind 0, ROUTED: an EVENT was delivered (SPEC 5.5).
    @inlinable public static var routed: UInt8 { 0 }
    /// Kind 1, VMSUCCEED: a VMREAD, VMWRITE, LAUNCH, RESUME or BITMAP_WRITE succeeded.
    @inlinable public static var vmsucceed: UInt8 { 1 }
    /// Kind 2, VMFAIL_INVALID: the `vmcs` selector is >= V (SPEC 6.3 rule 1; VT-x VMfailInvalid).
    @inlinable public static var vmfailInvalid: UInt8 { 2 }
    /// Kind 3, VMFAIL_VALID: the instruction failed with a `VMError` number in `rsp_error`.
    @inlinable public static var vmfailValid: UInt8 { 3 }
    /// Kind 4, REJECTED: the command was refused with a `RejectCode` in `rsp_error`, no state changed.
    @inlinable public static var rejected: UInt8 { 4 }
    /// Width of `rsp_kind` in bits (SPEC 9).
    @inlinable public static var width: Int { 3 }
    /// Trace-file names, indexed by kind (SPEC 10).
    public static let names: [String] = ["routed", "vmsucceed", "vmfail_invalid", "vmfail_valid", "rejected"]

    /// The kinds as `RSP_*` constants, in kind order.
    public static let entries: [SpecConstant] = [
        SpecConstant("RSP_ROUTED", routed, width: width, "ROUTED"),
        SpecConstant("RSP_VMSUCCEED", vmsucceed, width: width, "VMSUCCEED"),
        SpecConstant("RSP_VMFAIL_INVALID", vmfailInvalid, width: width, "VMFAIL_INVALID"),
        SpecConstant("RSP_VMFAIL_VALID", vmfailValid, width: width, "VMFAIL_VALID"),
        SpecConstant("RSP_REJECTED", rejected, width: width, "REJECTED"),
    ]
    /// The `RSP_*` group of `SpecConstants.groups` (SPEC 8).
    public static let group = SpecConstantGroup(title: "Response kinds", section: "8", prefix: "RSP_", entries: entries)
}

/// Routing policies: ROUTE[t] bits 2:0 (0-3, SPEC 5.2/6.2) and `rsp_policy`
/// (3 bits, SPEC 8), where STATIC (4) reports the static map.
public enum Policy {
    /// Policy 0, OWNER: the owner controls of the guest's launcher decide (SPEC 5.3).
    @inlinable public static var owner: UInt8 { 0 }
    /// Policy 1, FIELD: the VMM named by ROUTE[t].vmm takes the event.
    @inlinable public static var field: UInt8 { 1 }
    /// Policy 2, IO_RANGE: the I/O range registers choose the VMM by port (reason 30).
    @inlinable public static var ioRange: UInt8 { 2 }
    /// Policy 3, LOAD: the least-loaded eligible VMM takes the event.
    @inlinable public static var load: UInt8 { 3 }
    /// Policy 4, STATIC: the static map chose the target; reported in `rsp_policy` only, never stored in ROUTE.
    @inlinable public static var staticMap: UInt8 { 4 }
    /// The largest policy a ROUTE value may hold (else VMfailValid 7).
    @inlinable public static var maxRoutable: UInt8 { load }
    /// Width of `rsp_policy` in bits (SPEC 9); ROUTE uses bits 2:0.
    @inlinable public static var width: Int { 3 }
    /// Trace-file names, indexed by policy (SPEC 10).
    public static let names: [String] = ["owner", "field", "io_range", "load", "static"]

    /// The policies as `POLICY_*` constants, in policy order.
    public static let entries: [SpecConstant] = [
        SpecConstant("POLICY_OWNER", owner, width: width, "owner controls of the guest's launcher"),
        SpecConstant("POLICY_FIELD", field, width: width, "ROUTE[t].vmm"),
        SpecConstant("POLICY_IO_RANGE", ioRange, width: width, "I/O range registers"),
        SpecConstant("POLICY_LOAD", load, width: width, "least-loaded eligible VMM"),
        SpecConstant("POLICY_STATIC", staticMap, width: width, "static map (responses only)"),
    ]
    /// The `POLICY_*` group of `SpecConstants.groups` (SPEC 5.2, 8).
    public static let group = SpecConstantGroup(title: "Routing policies", section: "5.2, 8", prefix: "POLICY_", entries: entries)
}

/// REJECTED codes of SPEC 8 (`rsp_error`, 8 bits).
public enum RejectCode {
    /// Code 1: the event's exit reason is not one SPEC 5.1 supports.
    @inlinable public static var unsupportedReason: UInt8 { 1 }
    /// Code 2: the event fails a SPEC 5.1 validation check (type, vector, qualification, guest).
    @inlinable public static var malformedEvent: UInt8 { 2 }
    /// Code 3: neither the chosen target nor VMM 0 can take the event (SPEC 5.4).
    @inlinable public static var undeliverable: UInt8 { 3 }
    /// Code 4: `cmd_op` is 6 or 7.
    @inlinable public static var unknownOp: UInt8 { 4 }
    /// Width of `rsp_error` in bits (SPEC 9).
    @inlinable public static var width: Int { 8 }

    /// The codes as `REJECT_*` constants, in code order.
    public static let entries: [SpecConstant] = [
        SpecConstant("REJECT_UNSUPPORTED_REASON", unsupportedReason, width: width, "REJECTED: exit reason not supported"),
        SpecConstant("REJECT_MALFORMED_EVENT", malformedEvent, width: width, "REJECTED: malformed event"),
        SpecConstant("REJECT_UNDELIVERABLE", undeliverable, width: width, "REJECTED: target and VMM 0 busy"),
        SpecConstant("REJECT_UNKNOWN_OP", unknownOp, width: width, "REJECTED: op 6 or 7"),
    ]
    /// The `REJECT_*` group of `SpecConstants.groups` (SPEC 8).
    public static let group = SpecConstantGroup(title: "REJECTED codes", section: "8", prefix: "REJECT_", entries: entries)
}

/// VMfailValid numbers of SPEC 6.3 and 6.4 (`rsp_error`, 8 bits; also written
/// to the requester's VM_INSTR_ERROR). The numbers are VT-x's where VT-x has one.
public enum VMError {
    /// RESUME with `returnTo[v]` invalid (VT-x 5: VMRESUME with non-launched VMCS).
    @inlinable public static var resumeWithoutReturn: UInt8 { 5 }
    /// VMWRITE value fails the field's check.
    @inlinable public static var badValue: UInt8 { 7 }
    /// Field not in that VMCS (BITMAP_WRITE: word >= 2048 or no bitmaps).
    @inlinable public static var unsupportedField: UInt8 { 12 }
    /// VMWRITE to a read-only field.
    @inlinable public static var readOnlyField: UInt8 { 13 }
    /// VMWRITE to a routing field while ROUTE_LOCK is 1.
    @inlinable public static var routeLocked: UInt8 { 64 }
    /// A VMM other than 0 named another VMM's VMCS.
    @inlinable public static var otherVMCS: UInt8 { 65 }
    /// LAUNCH of a guest id >= G.
    @inlinable public static var badGuest: UInt8 { 66 }
    /// LAUNCH while an interrupted VMM waits to be resumed.
    @inlinable public static var launchWouldAbandonVMM: UInt8 { 67 }
    /// Width of `rsp_error` and of VM_INSTR_ERROR's value in bits.
    @inlinable public static var width: Int { 8 }

    /// The numbers as `ERR_*` constants (VT-x names where VT-x has one).
    public static let entries: [SpecConstant] = [
        SpecConstant("ERR_RESUME_NOT_LAUNCHED", resumeWithoutReturn, width: width, "RESUME with nothing to return to"),
        SpecConstant("ERR_INVALID_FIELD_VALUE", badValue, width: width, "VMWRITE value fails the field's check"),
        SpecConstant("ERR_UNSUPPORTED_FIELD", unsupportedField, width: width, "field not in that VMCS (BITMAP_WRITE: word >= 2048 or no bitmaps)"),
        SpecConstant("ERR_READ_ONLY_FIELD", readOnlyField, width: width, "VMWRITE to a read-only field"),
        SpecConstant("ERR_ROUTE_LOCKED", routeLocked, width: width, "VMWRITE to a routing field while ROUTE_LOCK is 1"),
        SpecConstant("ERR_OTHER_VMCS", otherVMCS, width: width, "a VMM other than 0 named another VMM's VMCS"),
        SpecConstant("ERR_NO_SUCH_GUEST", badGuest, width: width, "LAUNCH of a guest id >= G"),
        SpecConstant("ERR_WOULD_ABANDON_VMM", launchWouldAbandonVMM, width: width, "LAUNCH while an interrupted VMM waits to be resumed"),
    ]
    /// The `ERR_*` group of `SpecConstants.groups` (SPEC 6.3, 6.4).
    public static let group = SpecConstantGroup(title: "VMfailValid numbers", section: "6.3, 6.4", prefix: "ERR_", entries: entries)
}
