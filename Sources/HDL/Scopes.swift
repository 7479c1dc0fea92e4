/// The statements a `ModuleBuilder` has recorded, under the `when`/`switch` scopes open at
/// the moment. Only the builder's methods below change it: helpers (memory ports, `.named`,
/// `When`'s arms) call them instead of indexing the stack.
struct ScopeStack {
    /// Statement lists of the open scopes; `lists[0]` is the module body.
    private var lists: [[Statement]] = [[]]
    /// Locations of the open `when`/`switch` scopes (for messages).
    private(set) var locations: [SourceLocation] = []

    /// Where a statement sits: its scope's depth and its index in that scope.
    struct Position: Equatable {
        let depth: Int
        let index: Int
    }

    /// The module body: the statements recorded outside every `when`/`switch`.
    var body: [Statement] { lists[0] }
    /// True while a `when`/`switch` body is being recorded.
    var isInsideConditional: Bool { lists.count > 1 }
    /// The innermost open `when`/`switch` (nil at the top level).
    var innermost: SourceLocation? { locations.last }

    /// Appends `s` to the innermost scope and returns where it is.
    @discardableResult
    mutating func append(_ s: Statement) -> Position {
        lists[lists.count - 1].append(s)
        return Position(depth: lists.count - 1, index: lists[lists.count - 1].count - 1)
    }

    /// Opens a scope for a `when`/`switch` body written at `at`.
    mutating func open(_ at: SourceLocation) {
        lists.append([])
        locations.append(at)
    }

    /// Closes the innermost scope and returns its statements.
    mutating func close() -> [Statement] {
        locations.removeLast()
        return lists.removeLast()
    }

    /// True when `p` is the last statement of the innermost scope (nothing recorded after it).
    func isLast(_ p: Position) -> Bool {
        lists.count - 1 == p.depth && lists[p.depth].count - 1 == p.index
    }

    /// The statement at `p`.
    subscript(_ p: Position) -> Statement {
        get { lists[p.depth][p.index] }
        set { lists[p.depth][p.index] = newValue }
    }

    /// Empties the innermost scope and returns what it held (see `ModuleBuilder.unconditionally`).
    mutating func detachInnermost() -> [Statement] {
        let held = lists[lists.count - 1]
        lists[lists.count - 1] = []
        return held
    }

    /// Moves what the innermost scope recorded since `detachInnermost` to the module body and
    /// puts `held` back.
    mutating func reattachInnermost(_ held: [Statement]) {
        let recorded = lists[lists.count - 1]
        lists[lists.count - 1] = held
        lists[0].append(contentsOf: recorded)
    }
}

extension ModuleBuilder {
    /// Records `s` in the current scope (under the enclosing `when`/`switch` conditions).
    @discardableResult
    func record(_ s: Statement) -> ScopeStack.Position {
        scopes.append(s)
    }

    /// Runs `body` with the drivers it records placed at the module's top level, whatever
    /// `when`/`switch` is open: how `.named` and `readSync` give a value a name or a register
    /// that does not depend on the conditions around the call.
    func unconditionally<T>(_ body: () -> T) -> T {
        let held = scopes.detachInnermost()
        defer { scopes.reattachInnermost(held) }
        return body()
    }
}
