/// Constructors for each response kind of SPEC 8 (fields the kind does not list stay 0).
extension Response {
    /// A ROUTED response: the event went to VMM `target` by `policy`, from the entity `from` that was running (SPEC 5.5); `entry` is the target's HOST_RIP.
    public static func routed(target: Int, isSelf: Bool, fallback: Bool, policy: UInt8, from: Entity,
                              reason: UInt16, qual: UInt64 = 0, info: UInt32 = 0, errCode: UInt32 = 0,
                              entry: UInt64 = 0) -> Response {
        Response(kind: ResponseKind.routed, target: UInt8(target), isSelf: isSelf, fallback: fallback,
                 policy: policy, from: from.raw, reason: reason, qual: qual, info: info,
                 errCode: errCode, entry: entry)
    }
    /// A VMSUCCEED with the VMREAD value `data` (0 for other ops) and `current` as an entity encoding.
    @inline(__always)
    public static func vmsucceed(data: UInt64, current: UInt8) -> Response {
        Response(kind: ResponseKind.vmsucceed, data: data, current: current)
    }
    /// A VMSUCCEED with the VMREAD value `data` (0 for other ops) and the entity `current` after the command.
    public static func vmsucceed(data: UInt64 = 0, current: Entity) -> Response {
        vmsucceed(data: data, current: current.raw)
    }
    /// A VMFAIL_INVALID response (no fields).
    public static let vmfailInvalid = Response(kind: ResponseKind.vmfailInvalid)
    /// A VMFAIL_VALID response carrying `VMError` number `error`.
    @inline(__always)
    public static func vmfailValid(_ error: UInt8) -> Response { Response(kind: ResponseKind.vmfailValid, error: error) }
    /// A REJECTED response carrying `RejectCode` `error`.
    @inline(__always)
    public static func rejected(_ error: UInt8) -> Response { Response(kind: ResponseKind.rejected, error: error) }
}
