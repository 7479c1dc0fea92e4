/// One response of the router (SPEC section 8), field for field the RTL's
/// `rsp_*` outputs (SPEC section 9). Fields that a kind does not list are 0,
/// so two responses are equal exactly when the hardware outputs are equal.
public struct Response: Hashable, Sendable {
    /// `rsp_kind`: a `ResponseKind` value (3 bits).
    public var kind: UInt8        // ResponseKind raw value
    /// `rsp_target`: the VMM a ROUTED event went to (4 bits).
    public var target: UInt8      // 4 bits
    /// `rsp_self`: ROUTED to the VMM that was running.
    public var isSelf: Bool
    /// `rsp_fallback`: ROUTED to VMM 0 because the chosen target was busy (SPEC 5.4).
    public var fallback: Bool
    /// `rsp_policy`: the `Policy` that chose the target (3 bits; STATIC for the static map).
    public var policy: UInt8      // Policy raw value
    /// `rsp_from`: the entity that was running, in the encoding of SPEC 3.
    public var from: UInt8        // Entity encoding
    /// `rsp_reason`: the routed event's exit reason (16 bits).
    public var reason: UInt16
    /// `rsp_qual`: the routed event's qualification (64 bits).
    public var qual: UInt64
    /// `rsp_info`: INTR_INFO as written to the target's VMCS (32 bits; SPEC 5.5).
    public var info: UInt32
    /// `rsp_err_code`: INTR_ERR as written to the target's VMCS (32 bits).
    public var errCode: UInt32
    /// `rsp_entry`: HOST_RIP of the target's VMCS (64 bits).
    public var entry: UInt64
    /// `rsp_data`: a VMREAD's value (64 bits), 0 for other VMSUCCEED responses.
    public var data: UInt64
    /// `rsp_current`: the entity running after a VMSUCCEED command, in the encoding of SPEC 3.
    public var current: UInt8     // Entity encoding
    /// `rsp_error`: the `VMError` number of a VMFAIL_VALID or the `RejectCode` of a REJECTED (8 bits).
    public var error: UInt8

    /// A response with every field given; omitted fields are 0, as the kind's unlisted fields must be.
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

extension Response {
    /// Field for field equality, without a branch per field: the small fields packed
    /// into one word, every word XORed (a lockstep run compares every response).
    @inlinable
    public static func == (a: Response, b: Response) -> Bool {
        @inline(__always) func small(_ r: Response) -> UInt64 {
            UInt64(r.kind) | UInt64(r.target) << 8 | UInt64(r.isSelf ? 1 : 0) << 16 | UInt64(r.fallback ? 1 : 0) << 17
                | UInt64(r.policy) << 24 | UInt64(r.from) << 32 | UInt64(r.current) << 40 | UInt64(r.error) << 48
        }
        let wide = (a.qual ^ b.qual) | (a.entry ^ b.entry) | (a.data ^ b.data)
            | (UInt64(a.info ^ b.info) | UInt64(a.errCode ^ b.errCode) << 32) | UInt64(a.reason ^ b.reason)
        return (wide | (small(a) ^ small(b))) == 0
    }
}
