/// Typed indices into a module's tables. Each wraps the position (never negative) of an
/// entry in one array of `Module` / `ModuleBuilder`, so an expression index cannot be used
/// where a signal index is expected. Arrays of declarations take their own ID as a
/// subscript (`module.signals[id]`, `module.exprs[id]`). An ID prints as its number.

/// The position of an entry in a module's table of `Element`s: `TableIndex<SignalDecl>`
/// indexes `signals` only, `TableIndex<ExprNode>` `exprs` only, and so on (the element type
/// tags the index, so one table's index cannot be used on another). Never negative; orders
/// by position; prints as its number.
public struct TableIndex<Element>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the table (at least 0).
    public let index: Int
    /// The ID of the entry at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative \(Element.self) index"); self.index = index }
    /// Orders by position (declaration order; for expressions, operands before their users).
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// An expression node: an index into `exprs` (`Module.exprs`). Operands have smaller IDs
/// than their users.
public typealias ExprID = TableIndex<ExprNode>
/// A declared signal (port, wire, register, instance output): an index into `signals`.
public typealias SignalID = TableIndex<SignalDecl>
/// A memory or register array (`m.memory`, `m.regArray`): an index into `memories`.
public typealias MemoryID = TableIndex<MemoryDecl>
/// A named constant (`m.localparam`, an enumeration value): an index into `parameters`.
public typealias ParameterID = TableIndex<ParameterDecl>
/// A sub-module instance (`m.instance`): an index into `instances`.
public typealias InstanceID = TableIndex<InstanceDecl>
/// An enumeration (`m.enumeration`): an index into `enumerations`.
public typealias EnumerationID = TableIndex<EnumerationDecl>

/// What a driver drives: a declared signal (`<==`) or a memory (`write`, a register-array
/// element). The key under which `Statement.split` groups drivers.
public enum Sink: Hashable, Sendable {
    /// A wire, output or register.
    case signal(SignalID)
    /// A memory or register array (every word together).
    case memory(MemoryID)
}
