/// Constructors for each response kind of SPEC 8 (fields the kind does not list stay 0).
extension Response {
    public static func routed(target: Int, isSelf: Bool, fallback: Bool, policy: UInt8, from: Entity,
                              reason: UInt16, qual: UInt64 = 0, info: UInt32 = 0, errCode: UInt32 = 0,
                              entry: UInt64 = 0) -> Response {
        Response(kind: ResponseKind.routed, target: UInt8(target), isSelf: isSelf, fallback: fallback,
                 policy: policy, from: from.raw, reason: reason, qual: qual, info: info,
                 errCode: errCode, entry: entry)
    }
    @inline(__always)
    public static func vmsucceed(data: UInt64, current: UInt8) -> Response {
        Response(kind: ResponseKind.vmsucceed, data: data, current: current)
    }
    public static func vmsucceed(data: UInt64 = 0, current: Entity) -> Response {
        vmsucceed(data: data, current: current.raw)
    }
    public static let vmfailInvalid = Response(kind: ResponseKind.vmfailInvalid)
    @inline(__always)
    public static func vmfailValid(_ error: UInt8) -> Response { Response(kind: ResponseKind.vmfailValid, error: error) }
    @inline(__always)
    public static func rejected(_ error: UInt8) -> Response { Response(kind: ResponseKind.rejected, error: error) }
}
