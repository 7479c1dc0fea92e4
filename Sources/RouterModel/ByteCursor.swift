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

/// Short byte strings in raw memory, `slot` bytes each (a length byte, then the
/// bytes), for the names a trace line picks by index: a `[[UInt8]]` would retain
/// and release its inner array on every read, millions of times a second. Made
/// once per table (static tables, never freed).
struct ByteTable: @unchecked Sendable {
    static let slot = 32
    let base: UnsafePointer<UInt8>

    init(_ strings: [String]) {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.slot * max(1, strings.count))
        for (i, s) in strings.enumerated() {
            let b = Array(s.utf8)
            precondition(b.count < Self.slot, "ByteTable: '\(s)' is longer than \(Self.slot - 1) bytes")
            p[Self.slot * i] = UInt8(b.count)
            (p + Self.slot * i + 1).initialize(from: b, count: b.count)
        }
        base = UnsafePointer(p)
    }

    /// Writes string `i` at `cursor`.
    @inline(__always) func write(_ i: Int, _ cursor: inout ByteCursor) {
        let s = base + Self.slot * i, n = Int(s[0])
        cursor.p.update(from: s + 1, count: n); cursor.p += n
    }
}
