/// Conditional hardware: `m.when(c) { ... }.elseWhen(d) { ... }.otherwise { ... }` and
/// `m.switch(sel) { s in s.is(0) { ... }; s.default { ... } }`.
///
/// The closures run at once (generate time) and record their drivers under the
/// condition. Inside one scope the last driver of a sink wins, like an `always @*` block.

extension ModuleBuilder {
    /// Hardware `if`: drivers recorded in `body` apply when `condition` (1 bit) is 1.
    @discardableResult
    public func when(_ condition: Signal, fileID: String = #fileID, line: Int = #line,
                     _ body: () throws -> Void) rethrows -> When {
        let at = SourceLocation(fileID: fileID, line: line)
        let cond = checkedCondition(condition, at)
        let stmts = try scoped(at, body)
        let position = record(.when([Branch(condition: cond, body: stmts, location: at)], otherwise: nil, at: at))
        return When(builder: self, position: position)
    }

    /// Hardware `case`: `body` receives a `SwitchScope` on which to declare the arms.
    public func `switch`(_ selector: Signal, fileID: String = #fileID, line: Int = #line,
                         _ body: (SwitchScope) throws -> Void) rethrows {
        let at = SourceLocation(fileID: fileID, line: line)
        let scope = SwitchScope(builder: self, selector: selector, location: at)
        guard owns(selector, at) else { return }
        let stray = try scoped(at) { try body(scope) }
        if !stray.isEmpty {
            report(at, "drivers inside m.switch must be inside s.is(...) { } or s.default { }",
                   fix: "move them into an arm, or before the switch")
        }
        record(.switchOn(selector: selector.node, cases: scope.cases, default: scope.defaultBody, at: at))
    }

    /// Runs `body` in a new scope and returns the statements it recorded.
    func scoped(_ at: SourceLocation, _ body: () throws -> Void) rethrows -> [Statement] {
        scopes.open(at)
        do {
            try body()
        } catch {
            _ = scopes.close()
            throw error
        }
        return scopes.close()
    }

    func checkedCondition(_ c: Signal, _ at: SourceLocation) -> ExprID {
        guard owns(c, at) else { return make(.constant(0), width: 1).node }
        if c.width != 1 {
            report(at, "the condition \(describe(c.node)) is \(c.width) bits", fix: "use a 1-bit condition (e.g. x .!= 0 or x.orReduce())")
        }
        return c.node
    }
}

/// The result of `m.when`, to chain `.elseWhen` and `.otherwise` directly after it.
public struct When {
    let builder: ModuleBuilder
    /// Where the `when` statement was recorded.
    let position: ScopeStack.Position

    /// Another arm, taken when earlier conditions are 0 and `condition` is 1.
    @discardableResult
    public func elseWhen(_ condition: Signal, fileID: String = #fileID, line: Int = #line,
                         _ body: () throws -> Void) rethrows -> When {
        let at = SourceLocation(fileID: fileID, line: line)
        guard isStillLast(at) else { return self }
        let cond = builder.checkedCondition(condition, at)
        let stmts = try builder.scoped(at, body)
        builder.addArm(Branch(condition: cond, body: stmts, location: at), toWhenAt: position)
        return self
    }

    /// The arm taken when every condition is 0.
    public func otherwise(fileID: String = #fileID, line: Int = #line, _ body: () throws -> Void) rethrows {
        let at = SourceLocation(fileID: fileID, line: line)
        guard isStillLast(at) else { return }
        let stmts = try builder.scoped(at, body)
        builder.setOtherwise(stmts, at, ofWhenAt: position)
    }

    private func isStillLast(_ at: SourceLocation) -> Bool {
        if builder.scopes.isLast(position) { return true }
        builder.report(at, "elseWhen/otherwise does not directly follow its when", fix: "chain it right after the when: m.when(c) { } .otherwise { }")
        return false
    }
}

/// The arms of an `m.switch`. Values must fit in the selector and appear once.
public final class SwitchScope {
    let builder: ModuleBuilder
    let selector: Signal
    let location: SourceLocation
    var cases: [SwitchCase] = []
    var defaultBody: [Statement]?
    private var seen: Set<UInt64> = []
    /// Set while `is(Signal...)` records its arm (named values are allowed on an enumeration).
    var namedArm = false

    init(builder: ModuleBuilder, selector: Signal, location: SourceLocation) {
        self.builder = builder
        self.selector = selector
        self.location = location
    }

    /// An arm taken when the selector equals one of `values`.
    public func `is`(_ values: Int..., fileID: String = #fileID, line: Int = #line, _ body: () throws -> Void) rethrows {
        try `is`(values, fileID: fileID, line: line, body)
    }

    /// An arm taken when the selector equals one of `values` (a list built at generate time).
    public func `is`(_ values: [Int], fileID: String = #fileID, line: Int = #line, _ body: () throws -> Void) rethrows {
        let at = SourceLocation(fileID: fileID, line: line)
        if !namedArm, let e = builder.enumerationOf(selector) {
            let decl = builder.enumerations[e]
            builder.report(at, "the switch on \(builder.describe(selector.node)) (enumeration `\(decl.name)`) lists plain numbers \(values)",
                           fix: "list its values by name: s.is(\(decl.name).\(decl.cases[0])) { }")
        }
        var kept: [UInt64] = []
        for v in values {
            if v < 0 || (selector.width < 64 && v >= (1 << selector.width)) {
                builder.report(at, "switch value \(v) does not fit the \(selector.width)-bit selector \(builder.describe(selector.node))",
                               fix: "use values from 0 to \(selector.width < 63 ? (1 << selector.width) - 1 : Int.max)")
            } else if seen.contains(UInt64(v)) {
                builder.report(at, "switch value \(v) appears twice in the switch at \(location)", fix: "keep one arm per value")
            } else {
                seen.insert(UInt64(v)); kept.append(UInt64(v))
            }
        }
        if values.isEmpty { builder.report(at, "s.is() without values", fix: "list at least one value") }
        let stmts = try builder.scoped(at, body)
        if !kept.isEmpty { cases.append(SwitchCase(values: kept, body: stmts, location: at)) }
    }

    /// The arm taken when no value matches.
    public func `default`(fileID: String = #fileID, line: Int = #line, _ body: () throws -> Void) rethrows {
        let at = SourceLocation(fileID: fileID, line: line)
        let stmts = try builder.scoped(at, body)
        if defaultBody != nil { builder.report(at, "the switch at \(location) has two default arms", fix: "merge them into one") }
        defaultBody = stmts
    }

    /// True when the arms cover every selector value.
    var isFull: Bool { selector.width < 20 && seen.count == (1 << selector.width) }
}

extension ModuleBuilder {
    /// Adds `arm` to the `when` recorded at `position` (`When.elseWhen`).
    func addArm(_ arm: Branch, toWhenAt position: ScopeStack.Position) {
        guard case .when(var branches, let otherwise, let whenAt) = scopes[position] else { return }
        branches.append(arm)
        scopes[position] = .when(branches, otherwise: otherwise, at: whenAt)
    }

    /// Gives the `when` recorded at `position` its `otherwise` arm (`When.otherwise`),
    /// written at `at`; a second one is reported.
    func setOtherwise(_ body: [Statement], _ at: SourceLocation, ofWhenAt position: ScopeStack.Position) {
        guard case .when(let branches, let existing, let whenAt) = scopes[position] else { return }
        if existing != nil {
            report(at, "a when (at \(whenAt)) has two otherwise arms", fix: "merge them into one")
        }
        scopes[position] = .when(branches, otherwise: body, at: whenAt)
    }
}
