/// Each table of a module is indexed by its own ID type (`IDs.swift`): `signals[id]` takes a
/// `SignalID`, `exprs[id]` an `ExprID`, and so on, so an index of one table cannot be used
/// on another.

extension Array where Element == ExprNode {
    /// The node `id` names.
    public subscript(_ id: ExprID) -> ExprNode {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
}

extension Array where Element == SignalDecl {
    /// The signal `id` names.
    public subscript(_ id: SignalID) -> SignalDecl {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
    /// Every signal's ID, in declaration order.
    public var ids: [SignalID] { indices.map(SignalID.init) }
}

extension Array where Element == MemoryDecl {
    /// The memory `id` names.
    public subscript(_ id: MemoryID) -> MemoryDecl {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
    /// Every memory's ID, in declaration order.
    public var ids: [MemoryID] { indices.map(MemoryID.init) }
}

extension Array where Element == ParameterDecl {
    /// The parameter `id` names.
    public subscript(_ id: ParameterID) -> ParameterDecl {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
}

extension Array where Element == InstanceDecl {
    /// The instance `id` names.
    public subscript(_ id: InstanceID) -> InstanceDecl {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
}

extension Array where Element == EnumerationDecl {
    /// The enumeration `id` names.
    public subscript(_ id: EnumerationID) -> EnumerationDecl {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
}
