/// Each table of a module is indexed by its own ID type (`IDs.swift`): `signals[id]` takes a
/// `SignalID`, `exprs[id]` an `ExprID`, and so on, so an index of one table cannot be used
/// on another.
extension Array {
    /// The entry `id` names.
    public subscript(_ id: TableIndex<Element>) -> Element {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
    /// Every entry's ID, in table order.
    public var ids: [TableIndex<Element>] { indices.map(TableIndex.init) }
}
