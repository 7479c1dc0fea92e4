/// Typed indices into a module's tables. Each wraps the position (never negative) of an
/// entry in one array of `Module` / `ModuleBuilder`, so an expression index cannot be used
/// where a signal index is expected. Arrays of declarations take their own ID as a
/// subscript (`module.signals[id]`, `module.exprs[id]`). An ID prints as its number.

/// An expression node: an index into `exprs` (`Module.exprs`). Operands have smaller IDs
/// than their users.
public struct ExprID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `exprs` (at least 0).
    public let index: Int
    /// The ID of the node at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative ExprID"); self.index = index }
    /// Orders by position.
    public static func < (a: ExprID, b: ExprID) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// A declared signal (port, wire, register, instance output): an index into `signals`.
public struct SignalID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `signals` (at least 0).
    public let index: Int
    /// The ID of the signal at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative SignalID"); self.index = index }
    /// Orders by position (declaration order).
    public static func < (a: SignalID, b: SignalID) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// A memory or register array (`m.memory`, `m.regArray`): an index into `memories`.
public struct MemoryID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `memories` (at least 0).
    public let index: Int
    /// The ID of the memory at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative MemoryID"); self.index = index }
    /// Orders by position (declaration order).
    public static func < (a: MemoryID, b: MemoryID) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// A named constant (`m.localparam`, an enumeration value): an index into `parameters`.
public struct ParameterID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `parameters` (at least 0).
    public let index: Int
    /// The ID of the parameter at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative ParameterID"); self.index = index }
    /// Orders by position (declaration order).
    public static func < (a: ParameterID, b: ParameterID) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// A sub-module instance (`m.instance`): an index into `instances`.
public struct InstanceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `instances` (at least 0).
    public let index: Int
    /// The ID of the instance at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative InstanceID"); self.index = index }
    /// Orders by position (declaration order).
    public static func < (a: InstanceID, b: InstanceID) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// An enumeration (`m.enumeration`): an index into `enumerations`.
public struct EnumerationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `enumerations` (at least 0).
    public let index: Int
    /// The ID of the enumeration at `index` (which must be at least 0).
    public init(_ index: Int) { precondition(index >= 0, "negative EnumerationID"); self.index = index }
    /// Orders by position (declaration order).
    public static func < (a: EnumerationID, b: EnumerationID) -> Bool { a.index < b.index }
    /// The index, as a number.
    public var description: String { String(index) }
}

/// What a driver drives: a declared signal (`<==`) or a memory (`write`, a register-array
/// element). The key under which `Statement.split` groups drivers.
public enum Sink: Hashable, Sendable {
    /// A wire, output or register.
    case signal(SignalID)
    /// A memory or register array (every word together).
    case memory(MemoryID)
}
