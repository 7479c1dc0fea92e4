/// A guest or a VMM, in the 8-bit encoding of SPEC section 3:
/// bit 7 = 1 for a VMM, bits 5:0 = id, bit 6 = 0.
public struct Entity: Hashable, Sendable, CustomStringConvertible {
    public var raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
    public static func vmm(_ id: Int) -> Entity { Entity(raw: 0x80 | UInt8(id & 0x3F)) }
    public static func guest(_ id: Int) -> Entity { Entity(raw: UInt8(id & 0x3F)) }
    public var isVMM: Bool { raw & 0x80 != 0 }
    public var id: Int { Int(raw & 0x3F) }
    public var description: String { isVMM ? "vmm \(id)" : "guest \(id)" }
}
