/// The flat, index-based storage shared by the builder and the elaborated `Module`.
///
/// Expressions are nodes in one array (`ExprNode`), referring to their operands by `ExprID`;
/// an operand always has a smaller ID than its user, so the array is in topological order.

/// Binary operators. Operand widths are equal except where noted.
public enum BinaryOp: Sendable, Equatable, Hashable {
    /// Bitwise AND, OR, XOR.
    case and, or, xor
    /// Addition and subtraction; the result has the operand width (wraps).
    case add, sub              // result: operand width (wraps)
    /// Addition with carry out, subtraction with borrow out; the result is one bit wider.
    case addCarry, subBorrow   // result: operand width + 1
    /// Unsigned comparisons; 1-bit result.
    case eq, ne, lt, le, gt, ge   // unsigned, 1-bit result
    /// Logical AND and OR of 1-bit operands; 1-bit result.
    case logicalAnd, logicalOr    // 1-bit operands, 1-bit result
    /// Product, wrapping to the operand width (`*` extends the operands first).
    case mul                      // result: operand width (wraps); `*` extends the operands first
}

/// Reduction operators (1-bit result).
public enum ReduceOp: Sendable, Equatable, Hashable {
    /// 1 when any bit is 1, when every bit is 1, when an odd number of bits are 1.
    case or, and, xor
}

/// One expression node. `width` is the result width in bits.
public struct ExprNode: Sendable, Hashable {
    /// What the node computes.
    public let kind: ExprKind
    /// Result width in bits.
    public let width: Int
}

/// What an expression node computes. Operands are IDs of nodes in the expression array.
public enum ExprKind: Sendable, Hashable {
    /// A declared signal (port, wire, register, instance output) of `signals`.
    case signal(SignalID)
    /// A constant of the node's width.
    case constant(UInt64)
    /// A named constant of `parameters` (emitted by name).
    case parameter(ParameterID)
    /// Bitwise NOT.
    case not(ExprID)
    /// Logical NOT of a 1-bit operand.
    case logicalNot(ExprID)
    /// `op` applied to the two operands (widths as `BinaryOp` says).
    case binary(BinaryOp, ExprID, ExprID)
    /// Shift by a constant amount (`left` or logical right); result has the operand's width.
    case shiftConst(left: Bool, ExprID, amount: Int)
    /// Shift by a signal amount; result has the operand's width.
    case shiftVar(left: Bool, ExprID, ExprID)
    /// Bits `hi...lo` of the operand.
    case slice(ExprID, hi: Int, lo: Int)
    /// One bit of the operand chosen by a signal index (0 when out of range).
    case dynamicBit(ExprID, index: ExprID)
    /// Concatenation, most significant part first.
    case concat([ExprID])
    /// The operand repeated `count` times (`{count{x}}`).
    case replicate(ExprID, count: Int)
    /// A reduction of the operand to one bit.
    case reduce(ReduceOp, ExprID)
    /// `sel ? whenTrue : whenFalse`.
    case mux(ExprID, ExprID, ExprID)
    /// Zero extension to the node's width.
    case zeroExtend(ExprID)
    /// Sign extension (copies of the top bit) to the node's width.
    case signExtend(ExprID)
    /// Two's-complement comparison (`op` one of lt, le, gt, ge), 1-bit result.
    case signedCompare(BinaryOp, ExprID, ExprID)
    /// Arithmetic shift right by a constant (the top bit is copied in).
    case shiftRightArithmetic(ExprID, amount: Int)
    /// Asynchronous read of a memory of `memories` at an address expression.
    case memoryRead(memory: MemoryID, address: ExprID)
}

/// A hardware statement: a driver or a conditional. The builder records these in scopes;
/// `build()` lowers them into one pruned tree per sink (`SinkLogic`).
public indirect enum Statement: Sendable, Equatable {
    /// `sink <== value` (sink: a signal of `signals`, value: an expression node).
    case assign(sink: SignalID, value: ExprID, at: SourceLocation?)
    /// `memory.write(address, data)`.
    case memoryWrite(memory: MemoryID, address: ExprID, data: ExprID, at: SourceLocation)
    /// when / elseWhen / otherwise. `otherwise` is nil when absent.
    case when([Branch], otherwise: [Statement]?, at: SourceLocation)
    /// switch on a selector with constant cases; `default` nil when absent.
    case switchOn(selector: ExprID, cases: [SwitchCase], default: [Statement]?, at: SourceLocation)
}

extension Statement {
    /// Appends to `roots` every expression the statements in `list` read directly
    /// (assigned values, memory addresses and data, `when` conditions, `switch`
    /// selectors), nested bodies included, in statement order.
    public static func collectRoots(_ list: [Statement], into roots: inout [ExprID]) {
        for s in list {
            switch s {
            case .assign(_, let v, _): roots.append(v)
            case .memoryWrite(_, let a, let v, _): roots.append(a); roots.append(v)
            case .when(let branches, let otherwise, _):
                for b in branches { roots.append(b.condition); collectRoots(b.body, into: &roots) }
                if let otherwise { collectRoots(otherwise, into: &roots) }
            case .switchOn(let sel, let cases, let def, _):
                roots.append(sel)
                for c in cases { roots.append(contentsOf: c.labels ?? []); collectRoots(c.body, into: &roots) }
                if let def { collectRoots(def, into: &roots) }
            }
        }
    }
}

/// One `when`/`elseWhen` arm.
public struct Branch: Sendable, Equatable {
    /// The 1-bit condition.
    public var condition: ExprID
    /// The statements recorded under the condition.
    public var body: [Statement]
    /// Where `when`/`elseWhen` was called.
    public var location: SourceLocation

    /// An arm on `condition` with `body`, written at `location`.
    public init(condition: ExprID, body: [Statement], location: SourceLocation) {
        self.condition = condition; self.body = body; self.location = location
    }
}

/// One `is(...)` arm of a switch.
public struct SwitchCase: Sendable, Equatable {
    /// The constant values the arm matches.
    public var values: [UInt64]
    /// The statements recorded in the arm.
    public var body: [Statement]
    /// Where `is(...)` was called.
    public var location: SourceLocation
    /// The expression nodes of the values when the arm was written with named constants
    /// (enumeration values, localparams): the emitter writes their names as the labels.
    public var labels: [ExprID]? = nil
}

extension ExprKind {
    /// The operands, in order.
    public var operands: [ExprID] {
        switch self {
        case .signal, .constant, .parameter: return []
        case .not(let a), .logicalNot(let a), .reduce(_, let a), .zeroExtend(let a), .signExtend(let a): return [a]
        case .signedCompare(_, let a, let b): return [a, b]
        case .shiftRightArithmetic(let a, _): return [a]
        case .binary(_, let a, let b): return [a, b]
        case .shiftConst(_, let a, _): return [a]
        case .shiftVar(_, let a, let b): return [a, b]
        case .slice(let a, _, _): return [a]
        case .dynamicBit(let a, let i): return [a, i]
        case .concat(let parts): return parts
        case .replicate(let a, _): return [a]
        case .mux(let s, let t, let f): return [s, t, f]
        case .memoryRead(_, let addr): return [addr]
        }
    }
}
