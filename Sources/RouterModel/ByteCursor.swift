/// Writes bytes at a raw pointer, with no capacity or uniqueness check per
/// byte: the fast path under `TraceWriter`, which formats a whole line into a
/// buffer known to be large enough (`TraceWriter.maxLineBytes`) and appends it
/// to the caller's array in one copy. Millions of response lines a second go
/// through here when `cosim` streams.
struct ByteCursor {
    /// Where the next byte goes.
    var p: UnsafeMutablePointer<UInt8>

    @inline(__always) mutating func byte(_ b: UInt8) {
        p.pointee = b; p += 1
    }

    /// The bytes of a literal.
    @inline(__always) mutating func raw(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        p.update(from: s.utf8Start, count: n); p += n
    }

    /// The bytes of `bytes`.
    @inline(__always) mutating func bytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in p.update(from: b.baseAddress!, count: b.count); p += b.count }
    }

    /// `v` in decimal, no leading zeros.
    @inline(__always) mutating func decimal(_ v: UInt64) {
        if v < 10 { byte(48 + UInt8(v)); return }
        var digits = 0
        var x = v
        while x > 0 { digits += 1; x /= 10 }
        x = v
        var i = digits - 1
        while i >= 0 { p[i] = 48 + UInt8(x % 10); x /= 10; i -= 1 }
        p += digits
    }

    /// `"0x…"`: lowercase hex without leading zeros ("0x0" for zero), quoted.
    @inline(__always) mutating func quotedHex(_ v: UInt64) {
        raw("\"0x")
        let digits = v == 0 ? 1 : (67 - v.leadingZeroBitCount) / 4
        var i = digits - 1
        var x = v
        while i >= 0 {
            let nibble = UInt8(x & 0xF)
            p[i] = nibble < 10 ? 48 + nibble : 87 + nibble
            x >>= 4; i -= 1
        }
        p += digits
        byte(34)
    }
}
