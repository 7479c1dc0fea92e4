/// Operators on `Signal`: concrete `static func` overloads (Signal with Signal, and with
/// `Int` on either side) so the type checker stays fast. An `Int` operand becomes a
/// constant of the other operand's width and must fit in it.
///
/// Swift gives operators no call site (`operators must have one or two arguments`), so
/// problems found here name the operands and where they were declared instead of a line.

infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence
/// Hardware driver: `sink <== value` (combinational on a wire/output, next value of a register).
infix operator <== : AssignmentPrecedence

extension Signal {
    // MARK: bitwise
    /// Bitwise AND (result of the operands' width); both operands must have the same width.
    public static func & (a: Signal, b: Signal) -> Signal { a.builder.binary(.and, a, b, "&") }
    /// Bitwise AND (result of the operands' width); the `Int` is a constant of `a`'s width and must fit.
    public static func & (a: Signal, b: Int) -> Signal { a.builder.binary(.and, a, a.lit(b, "&"), "&") }
    /// Bitwise AND (result of the operands' width); the `Int` is a constant of `b`'s width and must fit.
    public static func & (a: Int, b: Signal) -> Signal { b.builder.binary(.and, b.lit(a, "&"), b, "&") }
    /// Bitwise OR (result of the operands' width); both operands must have the same width.
    public static func | (a: Signal, b: Signal) -> Signal { a.builder.binary(.or, a, b, "|") }
    /// Bitwise OR (result of the operands' width); the `Int` is a constant of `a`'s width and must fit.
    public static func | (a: Signal, b: Int) -> Signal { a.builder.binary(.or, a, a.lit(b, "|"), "|") }
    /// Bitwise OR (result of the operands' width); the `Int` is a constant of `b`'s width and must fit.
    public static func | (a: Int, b: Signal) -> Signal { b.builder.binary(.or, b.lit(a, "|"), b, "|") }
    /// Bitwise XOR (result of the operands' width); both operands must have the same width.
    public static func ^ (a: Signal, b: Signal) -> Signal { a.builder.binary(.xor, a, b, "^") }
    /// Bitwise XOR (result of the operands' width); the `Int` is a constant of `a`'s width and must fit.
    public static func ^ (a: Signal, b: Int) -> Signal { a.builder.binary(.xor, a, a.lit(b, "^"), "^") }
    /// Bitwise XOR (result of the operands' width); the `Int` is a constant of `b`'s width and must fit.
    public static func ^ (a: Int, b: Signal) -> Signal { b.builder.binary(.xor, b.lit(a, "^"), b, "^") }
    /// Bitwise NOT, of `a`'s width.
    public static prefix func ~ (a: Signal) -> Signal { a.builder.make(.not(a.node), width: a.width) }

    // MARK: arithmetic (wraps modulo 2^width)
    /// Sum modulo 2^width (result of the operands' width); both operands must have the same width.
    public static func + (a: Signal, b: Signal) -> Signal { a.builder.binary(.add, a, b, "+") }
    /// Sum modulo 2^width (result of the operands' width); the `Int` is a constant of `a`'s width and must fit.
    public static func + (a: Signal, b: Int) -> Signal { a.builder.binary(.add, a, a.lit(b, "+"), "+") }
    /// Sum modulo 2^width (result of the operands' width); the `Int` is a constant of `b`'s width and must fit.
    public static func + (a: Int, b: Signal) -> Signal { b.builder.binary(.add, b.lit(a, "+"), b, "+") }
    /// Difference modulo 2^width (result of the operands' width); both operands must have the same width.
    public static func - (a: Signal, b: Signal) -> Signal { a.builder.binary(.sub, a, b, "-") }
    /// Difference modulo 2^width (result of the operands' width); the `Int` is a constant of `a`'s width and must fit.
    public static func - (a: Signal, b: Int) -> Signal { a.builder.binary(.sub, a, a.lit(b, "-"), "-") }
    /// Difference modulo 2^width (result of the operands' width); the `Int` is a constant of `b`'s width and must fit.
    public static func - (a: Int, b: Signal) -> Signal { b.builder.binary(.sub, b.lit(a, "-"), b, "-") }

    // MARK: comparison (unsigned, 1-bit result)
    /// Equality, Verilog `==` (1-bit result); both operands must have the same width.
    public static func .== (a: Signal, b: Signal) -> Signal { a.builder.binary(.eq, a, b, ".==") }
    /// Equality, Verilog `==` (1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func .== (a: Signal, b: Int) -> Signal { a.builder.binary(.eq, a, a.lit(b, ".=="), ".==") }
    /// Equality, Verilog `==` (1-bit result); the `Int` is a constant of `b`'s width and must fit.
    public static func .== (a: Int, b: Signal) -> Signal { b.builder.binary(.eq, b.lit(a, ".=="), b, ".==") }
    /// Inequality, Verilog `!=` (1-bit result); both operands must have the same width.
    public static func .!= (a: Signal, b: Signal) -> Signal { a.builder.binary(.ne, a, b, ".!=") }
    /// Inequality, Verilog `!=` (1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func .!= (a: Signal, b: Int) -> Signal { a.builder.binary(.ne, a, a.lit(b, ".!="), ".!=") }
    /// Inequality, Verilog `!=` (1-bit result); the `Int` is a constant of `b`'s width and must fit.
    public static func .!= (a: Int, b: Signal) -> Signal { b.builder.binary(.ne, b.lit(a, ".!="), b, ".!=") }
    /// 1 when `a` < `b` (unsigned, 1-bit result); both operands must have the same width.
    public static func < (a: Signal, b: Signal) -> Signal { a.builder.binary(.lt, a, b, "<") }
    /// 1 when `a` < `b` (unsigned, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func < (a: Signal, b: Int) -> Signal { a.builder.binary(.lt, a, a.lit(b, "<"), "<") }
    /// 1 when `a` < `b` (unsigned, 1-bit result); the `Int` is a constant of `b`'s width and must fit.
    public static func < (a: Int, b: Signal) -> Signal { b.builder.binary(.lt, b.lit(a, "<"), b, "<") }
    /// 1 when `a` <= `b` (unsigned, 1-bit result); both operands must have the same width.
    public static func <= (a: Signal, b: Signal) -> Signal { a.builder.binary(.le, a, b, "<=") }
    /// 1 when `a` <= `b` (unsigned, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func <= (a: Signal, b: Int) -> Signal { a.builder.binary(.le, a, a.lit(b, "<="), "<=") }
    /// 1 when `a` <= `b` (unsigned, 1-bit result); the `Int` is a constant of `b`'s width and must fit.
    public static func <= (a: Int, b: Signal) -> Signal { b.builder.binary(.le, b.lit(a, "<="), b, "<=") }
    /// 1 when `a` > `b` (unsigned, 1-bit result); both operands must have the same width.
    public static func > (a: Signal, b: Signal) -> Signal { a.builder.binary(.gt, a, b, ">") }
    /// 1 when `a` > `b` (unsigned, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func > (a: Signal, b: Int) -> Signal { a.builder.binary(.gt, a, a.lit(b, ">"), ">") }
    /// 1 when `a` > `b` (unsigned, 1-bit result); the `Int` is a constant of `b`'s width and must fit.
    public static func > (a: Int, b: Signal) -> Signal { b.builder.binary(.gt, b.lit(a, ">"), b, ">") }
    /// 1 when `a` >= `b` (unsigned, 1-bit result); both operands must have the same width.
    public static func >= (a: Signal, b: Signal) -> Signal { a.builder.binary(.ge, a, b, ">=") }
    /// 1 when `a` >= `b` (unsigned, 1-bit result); the `Int` is a constant of `a`'s width and must fit.
    public static func >= (a: Signal, b: Int) -> Signal { a.builder.binary(.ge, a, a.lit(b, ">="), ">=") }
    /// 1 when `a` >= `b` (unsigned, 1-bit result); the `Int` is a constant of `b`'s width and must fit.
    public static func >= (a: Int, b: Signal) -> Signal { b.builder.binary(.ge, b.lit(a, ">="), b, ">=") }

    // MARK: logic (1-bit operands)
    /// Logical NOT of a 1-bit signal (reported when `a` is wider).
    public static prefix func ! (a: Signal) -> Signal {
        a.builder.requireBit(a, "!")
        return a.builder.make(.logicalNot(a.node), width: 1)
    }
    /// Logical AND of two 1-bit signals (1 bit).
    public static func && (a: Signal, b: Signal) -> Signal { a.builder.binary(.logicalAnd, a, b, "&&") }
    /// Logical OR of two 1-bit signals (1 bit).
    public static func || (a: Signal, b: Signal) -> Signal { a.builder.binary(.logicalOr, a, b, "||") }

    // MARK: shifts (result has the width of the shifted operand)
    /// Logical shift left by the constant `amount` (>= 0); the result keeps `a`'s width, bits shifted out are lost.
    public static func << (a: Signal, amount: Int) -> Signal { a.builder.shift(left: true, a, amount) }
    /// Logical shift right by the constant `amount` (>= 0); the result keeps `a`'s width, bits shifted out are lost.
    public static func >> (a: Signal, amount: Int) -> Signal { a.builder.shift(left: false, a, amount) }
    /// Logical shift left by the value of `amount`; the result keeps `a`'s width.
    public static func << (a: Signal, amount: Signal) -> Signal { a.builder.shift(left: true, a, amount) }
    /// Logical shift right by the value of `amount`; the result keeps `a`'s width.
    public static func >> (a: Signal, amount: Signal) -> Signal { a.builder.shift(left: false, a, amount) }

    // MARK: drivers
    /// `sink <== value`: drives a wire/output (combinational) or gives a register its next
    /// value, under the enclosing `when`/`switch` conditions. Later drivers in a scope win.
    /// Swift passes no call site to operators; use `sink.assign(value)` where the exact
    /// line should appear in messages.
    public static func <== (sink: Signal, value: Signal) { sink.builder.assign(sink, value, nil) }
    /// `sink <== value` with a constant of `sink`'s width (it must fit); see the `Signal` overload.
    public static func <== (sink: Signal, value: Int) { sink.builder.assign(sink, sink.lit(value, "<=="), nil) }

    /// `sink <== value` with the call site recorded for messages.
    public func assign(_ value: Signal, fileID: String = #fileID, line: Int = #line) {
        builder.assign(self, value, SourceLocation(fileID: fileID, line: line))
    }
    /// `sink <== value` with an Int value and the call site recorded for messages.
    public func assign(_ value: Int, fileID: String = #fileID, line: Int = #line) {
        let at = SourceLocation(fileID: fileID, line: line)
        builder.assign(self, builder.literal(value, width: width, at, context: "the value assigned to \(builder.describe(node))"), at)
    }

    /// An Int operand as a constant of this signal's width.
    func lit(_ value: Int, _ op: String) -> Signal {
        builder.literal(value, width: width, nil, context: "the other operand of `\(op)` (\(builder.describe(node)))")
    }
}

extension ModuleBuilder {
    func binary(_ op: BinaryOp, _ a: Signal, _ b: Signal, _ symbol: String) -> Signal {
        guard owns(a, nil), owns(b, nil) else { return make(.constant(0), width: 1) }
        if a.width != b.width {
            report(nil, "operands of `\(symbol)` have different widths: \(describe(a.node)) is \(a.width) bits, \(describe(b.node)) is \(b.width) bits\(declaredAt([a.node, b.node]))",
                   fix: "make the widths equal with .zeroExtended(to:) or .truncated(to:)")
        }
        if let always = constantComparison(op, a, b) {
            // Verilator -Wall flags comparisons that cannot vary (CMPCONST/UNSIGNED): fold them.
            return make(.constant(always ? 1 : 0), width: 1)
        }
        let width: Int
        switch op {
        case .and, .or, .xor, .add, .sub, .mul: width = a.width
        case .addCarry, .subBorrow: width = a.width + 1
        case .eq, .ne, .lt, .le, .gt, .ge: width = 1
        case .logicalAnd, .logicalOr:
            requireBit(a, symbol); requireBit(b, symbol); width = 1
        }
        return make(.binary(op, a.node, b.node), width: width)
    }

    /// The result of an unsigned comparison against 0 or the all-ones value that does not
    /// depend on the other operand (`a <= max`, `a >= 0`, `a < 0`, `a > max`, and mirrored).
    func constantComparison(_ op: BinaryOp, _ a: Signal, _ b: Signal) -> Bool? {
        guard a.width == b.width else { return nil }
        let maxValue: UInt64 = a.width >= 64 ? .max : (1 << UInt64(a.width)) - 1
        if case .constant(let v) = exprs[b.node].kind {
            switch op {
            case .le where v == maxValue, .ge where v == 0: return true
            case .gt where v == maxValue, .lt where v == 0: return false
            default: break
            }
        }
        if case .constant(let v) = exprs[a.node].kind {
            switch op {
            case .ge where v == maxValue, .le where v == 0: return true
            case .lt where v == maxValue, .gt where v == 0: return false
            default: break
            }
        }
        return nil
    }

    func requireBit(_ a: Signal, _ symbol: String) {
        if a.width != 1 {
            report(nil, "`\(symbol)` needs 1-bit operands, but \(describe(a.node)) is \(a.width) bits\(declaredAt([a.node]))",
                   fix: "reduce it first (.orReduce(), x .!= 0) or use the bitwise operator")
        }
    }

    func shift(left: Bool, _ a: Signal, _ amount: Int) -> Signal {
        if amount < 0 {
            report(nil, "shift of \(describe(a.node)) by a negative amount \(amount)", fix: "shift the other way")
            return a
        }
        if amount == 0 { return a }
        // Everything shifted out: the constant 0 (so no dead operand reaches the Verilog).
        if amount >= a.width { return make(.constant(0), width: a.width) }
        return make(.shiftConst(left: left, a.node, amount: amount), width: a.width)
    }

    func shift(left: Bool, _ a: Signal, _ amount: Signal) -> Signal {
        guard owns(amount, nil) else { return a }
        return make(.shiftVar(left: left, a.node, amount.node), width: a.width)
    }

    /// " (declared at A.swift:3, A.swift:9)" for the signals an expression reads, or "".
    func declaredAt(_ nodes: [ExprID]) -> String {
        var seen: [SourceLocation] = []
        for n in nodes { collectLocations(n, into: &seen) }
        if let scope = scopes.innermost { seen.append(scope) }
        if seen.isEmpty { return "" }
        return " (see " + seen.prefix(4).map(\.description).joined(separator: ", ") + ")"
    }

    private func collectLocations(_ node: ExprID, into seen: inout [SourceLocation]) {
        if seen.count >= 4 { return }
        switch exprs[node].kind {
        case .signal(let d):
            let loc = signals[d].location
            if !seen.contains(loc) { seen.append(loc) }
        case .constant: break
        default:
            for o in exprs[node].kind.operands { collectLocations(o, into: &seen) }
        }
    }
}
