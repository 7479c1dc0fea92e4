/// Signed (two's-complement) arithmetic: `a.asSigned` is a view of the same bits on which
/// comparison, `>>`, `*` and extension are signed. Its own type, so signed and unsigned
/// operands cannot be mixed by accident (convert with `.asSigned` / `.bits`).
///
/// Emitted forms (identical in Verilator, Icarus and Yosys, whatever the context):
/// - `a < b` -> `($signed(a) < $signed(b))`
/// - `a >> 2` -> `$unsigned($signed(a) >>> 2)` (`$unsigned` keeps the shift arithmetic
///   inside an unsigned expression)
/// - `a.signExtended(to: 12)` -> `{{4{a[7]}}, a}`
/// - `a * b` -> `({{8{a[7]}}, a} * {{8{b[7]}}, b})`: the operands are extended to the
///   product's width first, so no context rule can cut the product.
public struct SignedSignal {
    /// The bits, as an unsigned `Signal`.
    public let bits: Signal
    /// Width in bits (that of `bits`).
    public var width: Int { bits.width }
    var builder: ModuleBuilder { bits.builder }

    init(_ bits: Signal) { self.bits = bits }

    /// Copies of the sign bit above the value, to `width` bits.
    public func signExtended(to width: Int, fileID: String = #fileID, line: Int = #line) -> SignedSignal {
        if width == self.width { return self }
        if width < self.width {
            builder.report(SourceLocation(fileID: fileID, line: line),
                           "cannot sign-extend the \(self.width)-bit \(builder.describe(bits.node)) to \(width) bits",
                           fix: "use .truncated(to: \(width)) on .bits to narrow it")
            return self
        }
        return SignedSignal(builder.make(.signExtend(bits.node), width: width))
    }

    /// A signed constant of this value's width (negative allowed; must fit).
    func lit(_ value: Int, _ op: String) -> SignedSignal {
        let w = width
        let lo = w >= 64 ? Int.min : -(1 << (w - 1)), hi = w >= 64 ? Int.max : (1 << (w - 1)) - 1
        if value < lo || value > hi {
            builder.report(nil, "the literal \(value) does not fit in a signed \(w)-bit value (the other operand of `\(op)` (\(builder.describe(bits.node))); range \(lo)...\(hi))",
                           fix: "sign-extend the operand (.signExtended(to:)) or use a smaller literal")
        }
        let pattern = w >= 64 ? UInt64(bitPattern: Int64(value)) : UInt64(bitPattern: Int64(value)) & ((1 << UInt64(w)) - 1)
        return SignedSignal(builder.make(.constant(pattern), width: w))
    }

    static func compare(_ op: BinaryOp, _ a: SignedSignal, _ b: SignedSignal, _ symbol: String) -> Signal {
        let m = a.builder
        guard m.owns(a.bits, nil), m.owns(b.bits, nil) else { return m.make(.constant(0), width: 1) }
        if a.width != b.width {
            m.report(nil, "operands of signed `\(symbol)` have different widths: \(m.describe(a.bits.node)) is \(a.width) bits, \(m.describe(b.bits.node)) is \(b.width) bits",
                     fix: "make the widths equal with .signExtended(to:)")
        }
        return m.make(.signedCompare(op, a.bits.node, b.bits.node), width: 1)
    }

    // MARK: comparison (signed, 1-bit result)
    /// 1 when `a` < `b` (signed, 1-bit result); both operands must have the same width.
    public static func < (a: SignedSignal, b: SignedSignal) -> Signal { compare(.lt, a, b, "<") }
    /// 1 when `a` < `b` (signed, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func < (a: SignedSignal, b: Int) -> Signal { compare(.lt, a, a.lit(b, "<"), "<") }
    /// 1 when `a` <= `b` (signed, 1-bit result); both operands must have the same width.
    public static func <= (a: SignedSignal, b: SignedSignal) -> Signal { compare(.le, a, b, "<=") }
    /// 1 when `a` <= `b` (signed, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func <= (a: SignedSignal, b: Int) -> Signal { compare(.le, a, a.lit(b, "<="), "<=") }
    /// 1 when `a` > `b` (signed, 1-bit result); both operands must have the same width.
    public static func > (a: SignedSignal, b: SignedSignal) -> Signal { compare(.gt, a, b, ">") }
    /// 1 when `a` > `b` (signed, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func > (a: SignedSignal, b: Int) -> Signal { compare(.gt, a, a.lit(b, ">"), ">") }
    /// 1 when `a` >= `b` (signed, 1-bit result); both operands must have the same width.
    public static func >= (a: SignedSignal, b: SignedSignal) -> Signal { compare(.ge, a, b, ">=") }
    /// 1 when `a` >= `b` (signed, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func >= (a: SignedSignal, b: Int) -> Signal { compare(.ge, a, a.lit(b, ">="), ">=") }
    /// Equality of the bit patterns, Verilog `==` (1-bit result); both operands must have the same width.
    public static func .== (a: SignedSignal, b: SignedSignal) -> Signal { a.bits .== b.bits }
    /// Equality of the bit patterns, Verilog `==` (1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func .== (a: SignedSignal, b: Int) -> Signal { a.bits .== a.lit(b, ".==").bits }

    // MARK: arithmetic (same width, wraps; two's complement makes them sign-agnostic)
    /// Sum modulo 2^width (two's complement, same width, wraps); both operands must have the same width.
    public static func + (a: SignedSignal, b: SignedSignal) -> SignedSignal { SignedSignal(a.bits + b.bits) }
    /// Sum modulo 2^width (two's complement, same width, wraps); the `Int` is a constant of `a`'s width and must fit.
    public static func + (a: SignedSignal, b: Int) -> SignedSignal { SignedSignal(a.bits + a.lit(b, "+").bits) }
    /// Difference modulo 2^width (two's complement, same width, wraps); both operands must have the same width.
    public static func - (a: SignedSignal, b: SignedSignal) -> SignedSignal { SignedSignal(a.bits - b.bits) }
    /// Difference modulo 2^width (two's complement, same width, wraps); the `Int` is a constant of `a`'s width and must fit.
    public static func - (a: SignedSignal, b: Int) -> SignedSignal { SignedSignal(a.bits - a.lit(b, "-").bits) }
    /// Two's-complement negation (a method, not prefix `-`: another prefix `-` overload
    /// slows the type checking of every negative literal).
    public func negated() -> SignedSignal { SignedSignal(~bits + 1) }

    /// The full signed product: width `a.width + b.width`, never overflows.
    public static func * (a: SignedSignal, b: SignedSignal) -> SignedSignal {
        let w = a.width + b.width
        let x = a.signExtended(to: w), y = b.signExtended(to: w)
        return SignedSignal(a.builder.binary(.mul, x.bits, y.bits, "*"))
    }

    /// Arithmetic shift right: the sign bit is copied into the top `amount` bits.
    public static func >> (a: SignedSignal, amount: Int) -> SignedSignal {
        if amount < 0 {
            a.builder.report(nil, "arithmetic shift of \(a.builder.describe(a.bits.node)) by the negative amount \(amount)", fix: "shift by 0 or more")
            return a
        }
        if amount == 0 { return a }
        return SignedSignal(a.builder.make(.shiftRightArithmetic(a.bits.node, amount: Swift.min(amount, a.width - 1)), width: a.width))
    }
    /// Shift left (the same as unsigned).
    public static func << (a: SignedSignal, amount: Int) -> SignedSignal { SignedSignal(a.bits << amount) }
}

extension Signal {
    /// These bits read as a two's-complement signed value.
    public var asSigned: SignedSignal { SignedSignal(self) }

    /// The full unsigned product: width `a.width + b.width`, never overflows.
    public static func * (a: Signal, b: Signal) -> Signal {
        let w = a.width + b.width
        return a.builder.binary(.mul, a.zeroExtended(to: w), b.zeroExtended(to: w), "*")
    }

    /// `sink <== signedValue`: drives the sink with the value's bits.
    public static func <== (sink: Signal, value: SignedSignal) { sink.builder.assign(sink, value.bits, nil) }
}
