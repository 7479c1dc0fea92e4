/// A guest or a VMM, in the 8-bit encoding of SPEC section 3:
/// bit 7 = 1 for a VMM, bits 5:0 = id, bit 6 = 0.
public struct Entity: Hashable, Sendable, CustomStringConvertible {
    /// The 8-bit encoding (`rsp_from`, `rsp_current`, RETURN_TO bits 7:0).
    public var raw: UInt8
    /// The entity with encoding `raw`, taken as it is.
    public init(raw: UInt8) { self.raw = raw }
    /// VMM `id` (only bits 5:0 of `id` are kept).
    public static func vmm(_ id: Int) -> Entity { Entity(raw: EntityEncoding.vmmFlag | UInt8(id & Int(EntityEncoding.idMask))) }
    /// Guest `id` (only bits 5:0 of `id` are kept).
    public static func guest(_ id: Int) -> Entity { Entity(raw: UInt8(id & Int(EntityEncoding.idMask))) }
    /// True for a VMM, false for a guest (bit 7).
    public var isVMM: Bool { raw & EntityEncoding.vmmFlag != 0 }
    /// The VMM or guest id (bits 5:0).
    public var id: Int { Int(raw & EntityEncoding.idMask) }
    /// `vmm N` or `guest N`.
    public var description: String { isVMM ? "vmm \(id)" : "guest \(id)" }
}
