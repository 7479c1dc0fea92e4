/// One response of the router (SPEC section 8), field for field the RTL's
/// `rsp_*` outputs (SPEC section 9). Fields that a kind does not list are 0,
/// so two responses are equal exactly when the hardware outputs are equal.
public struct Response: Hashable, Sendable {
    public var kind: UInt8        // ResponseKind raw value
    public var target: UInt8      // 4 bits
    public var isSelf: Bool
    public var fallback: Bool
    public var policy: UInt8      // Policy raw value
    public var from: UInt8        // Entity encoding
    public var reason: UInt16
    public var qual: UInt64
    public var info: UInt32
    public var errCode: UInt32
    public var entry: UInt64
    public var data: UInt64
    public var current: UInt8     // Entity encoding
    public var error: UInt8

    public init(kind: UInt8, target: UInt8 = 0, isSelf: Bool = false, fallback: Bool = false,
                policy: UInt8 = 0, from: UInt8 = 0, reason: UInt16 = 0, qual: UInt64 = 0,
                info: UInt32 = 0, errCode: UInt32 = 0, entry: UInt64 = 0, data: UInt64 = 0,
                current: UInt8 = 0, error: UInt8 = 0) {
        self.kind = kind; self.target = target; self.isSelf = isSelf; self.fallback = fallback
        self.policy = policy; self.from = from; self.reason = reason; self.qual = qual
        self.info = info; self.errCode = errCode; self.entry = entry; self.data = data
        self.current = current; self.error = error
    }
}

// Response kinds and policies (SPEC 8): `ResponseKind` and `Policy` of RouterSpec.
