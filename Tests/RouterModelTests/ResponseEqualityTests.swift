import RouterModel
import Testing

/// `Response ==` (hand-written, without a branch per field) tells apart two
/// responses that differ in any one field, by any one bit, and only those.
@Suite struct ResponseEqualityTests {
    static let base = Response(kind: 1, target: 2, isSelf: true, fallback: false, policy: 3, from: 0x41, reason: 30,
                               qual: 0x1234_5678_9ABC_DEF0, info: 0x8000_0B0E, errCode: 7, entry: 0xFFFF_0000_1111_2222,
                               data: 42, current: 0x80, error: 9)

    /// Every field changed by one bit, one at a time (the widest field's top bit too).
    static let variants: [(String, @Sendable (inout Response) -> Void)] = [
        ("kind", { $0.kind ^= 4 }), ("target", { $0.target ^= 8 }), ("isSelf", { $0.isSelf.toggle() }),
        ("fallback", { $0.fallback.toggle() }), ("policy", { $0.policy ^= 1 }), ("from", { $0.from ^= 0x80 }),
        ("reason", { $0.reason ^= 0x8000 }), ("qual", { $0.qual ^= 1 << 63 }), ("info", { $0.info ^= 1 << 31 }),
        ("errCode", { $0.errCode ^= 1 << 31 }), ("entry", { $0.entry ^= 1 }), ("data", { $0.data ^= 1 << 40 }),
        ("current", { $0.current ^= 1 }), ("error", { $0.error ^= 0x80 }),
    ]

    @Test func equalResponsesAreEqual() {
        var copy = Self.base
        #expect(copy == Self.base)
        copy.data = 42
        #expect(copy == Self.base && copy.hashValue == Self.base.hashValue)
        #expect(Response(kind: 0) == Response(kind: 0))
    }

    @Test(arguments: 0..<variants.count)
    func oneDifferentFieldMakesThemDifferent(index: Int) {
        var other = Self.base
        Self.variants[index].1(&other)
        #expect(other != Self.base, "\(Self.variants[index].0)")
        #expect(Self.base != other, "\(Self.variants[index].0)")
    }
}
