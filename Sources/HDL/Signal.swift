/// A hardware value of a known width, produced by a `ModuleBuilder`: a declared signal
/// (port, wire, register) or an expression over signals.
///
/// `Signal` is deliberately not `Equatable`: hardware equality is `a .== b` (a 1-bit
/// Signal), so `if a == b` on hardware does not compile. Swift `if`/`for` run at
/// generate time; hardware branches are `m.when` / `m.switch`.
public struct Signal {
    /// Width in bits (at least 1).
    public let width: Int
    /// The expression node in the builder.
    let node: ExprID
    /// The module this signal belongs to.
    let builder: ModuleBuilder

    init(width: Int, node: ExprID, builder: ModuleBuilder) {
        self.width = width
        self.node = node
        self.builder = builder
    }

    /// The declared signal this refers to, if it is a plain reference (not an expression).
    var declIndex: SignalID? {
        if case .signal(let d) = builder.exprs[node].kind { return d }
        return nil
    }
}

extension ModuleBuilder {
    /// Returns the expression node for `kind`, appending it unless an identical node
    /// exists (hash-consing: equal subexpressions are one node, so the emitter computes
    /// them once, e.g. the `idx == i` decodes shared by several register-array accesses).
    func make(_ kind: ExprKind, width: Int) -> Signal {
        let node = ExprNode(kind: kind, width: width)
        if let existing = nodeIndex[node] { return Signal(width: width, node: existing, builder: self) }
        let id = ExprID(exprs.count)
        exprs.append(node)
        nodeIndex[node] = id
        return Signal(width: width, node: id, builder: self)
    }

    /// A constant node; records a problem when `value` is negative or does not fit.
    func literal(_ value: Int, width: Int, _ at: SourceLocation?, context: String) -> Signal {
        let w = Swift.max(width, 1)
        if value < 0 {
            report(at, "the literal \(value) is negative, but \(context) is an unsigned \(w)-bit value",
                   fix: "write the unsigned value (e.g. \(w < 63 ? String((1 << w) + value) : "2^\(w)\(value)")) or use ~ on a constant")
            return make(.constant(0), width: w)
        }
        if w < 64 && value >= (1 << w) {
            report(at, "the literal \(value) does not fit in \(w) bits (\(context); largest is \((1 << w) - 1))",
                   fix: "use a wider operand (.zeroExtended(to:)) or a smaller literal")
            return make(.constant(UInt64(value) & ((1 << UInt64(w)) - 1)), width: w)
        }
        return make(.constant(UInt64(value)), width: w)
    }

    /// The bits of `value` at `width` (negative or too wide is reported).
    func literalBits(_ value: Int, width: Int, _ at: SourceLocation?, context: String) -> UInt64 {
        if case .constant(let v) = exprs[literal(value, width: width, at, context: context).node].kind { return v }
        return 0
    }

    /// Records a problem (reported by `build()`).
    func report(_ at: SourceLocation?, _ message: String, fix: String) {
        problems.append(Problem(at, message, fix: fix))
    }

    /// Checks that `s` belongs to this builder; records a problem otherwise.
    @discardableResult
    func owns(_ s: Signal, _ at: SourceLocation?) -> Bool {
        if s.builder === self { return true }
        report(at, "signal \(s.builder.describe(s.node)) belongs to module `\(s.builder.name)`, not `\(name)`",
               fix: "pass it through a port of an instance (m.instance(..., bindings:))")
        return false
    }
}
