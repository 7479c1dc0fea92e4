/// A guest or a VMM, in the 8-bit encoding of SPEC section 3:
/// bit 7 = 1 for a VMM, bits 5:0 = id, bit 6 = 0.
public struct Entity: Hashable, Sendable, CustomStringConvertible {
    public var raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
    public static func vmm(_ id: Int) -> Entity { Entity(raw: EntityEncoding.vmmFlag | UInt8(id & Int(EntityEncoding.idMask))) }
    public static func guest(_ id: Int) -> Entity { Entity(raw: UInt8(id & Int(EntityEncoding.idMask))) }
    public var isVMM: Bool { raw & EntityEncoding.vmmFlag != 0 }
    public var id: Int { Int(raw & EntityEncoding.idMask) }
    public var description: String { isVMM ? "vmm \(id)" : "guest \(id)" }
}
