/// A small, fast, deterministic PRNG (SplitMix64). The same seed gives the same
/// sequence on every machine and Swift version, which Swift's
/// `SystemRandomNumberGenerator` does not promise. Used for all stimulus and
/// handshake randomness so every run can be replayed from its seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// The generator's whole state (public so the methods can be `@inlinable`:
    /// per-cycle callers in other modules inline them instead of calling across modules).
    public var state: UInt64
    /// A generator whose sequence is fixed by `seed`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits (SplitMix64).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0), without modulo bias worth caring about for stimulus.
    @inlinable @inline(__always)
    public mutating func below(_ bound: UInt64) -> UInt64 {
        UInt64((UInt128(next()) &* UInt128(bound)) >> 64)
    }

    /// True with probability percent/100.
    @inlinable @inline(__always)
    public mutating func chance(_ percent: Int) -> Bool { below(100) < UInt64(percent) }
}
