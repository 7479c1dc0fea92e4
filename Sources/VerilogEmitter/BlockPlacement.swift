import HDL

/// Puts the local values of one clocked block (`LocalValues`) into its statement tree: each
/// value's definition goes right before the first statement that reads it, inside the
/// innermost `if`/`case` branch that holds every read. Values are placed users first, so a
/// value read by another local value lands before that value's definition.
///
/// A definition is the wire's own statements (assigned with `=`), or for a named
/// subexpression `.assign(sink: .local(node), ...)` (`StatementText` writes `name = expr;`).
///
/// An assignment of a choice whose arms read different local values
/// (`x = c ? a : b`, `a` reading a value the condition and `b` do not) is written as
/// `if (c) x = a; else x = b;` (`split`), so that such a value lands inside the arm and is
/// computed only when that arm is taken.
struct BlockPlacement {
    typealias Value = LocalValues.Value
    let m: Module
    let analysis: Analysis
    /// Local wires of this block -> their process bodies.
    let wireBodies: [SignalID: [BlockStatement]]
    /// Local named subexpressions of this block.
    let temps: Set<ExprID>
    /// Local values each expression reads where it is written (`direct`), shared by copies.
    private final class Memo {
        /// By expression (`ExprID.index`), nil until computed.
        var values: [Set<Value>?]
        /// Statements reading each value (set by `place`).
        var readers: [Value: Int] = [:]
        init(nodes: Int) { values = Array(repeating: nil, count: nodes) }
    }
    private let memo: Memo

    init(_ m: Module, _ analysis: Analysis, wireBodies: [SignalID: [BlockStatement]], temps: Set<ExprID>) {
        self.m = m; self.analysis = analysis; self.wireBodies = wireBodies; self.temps = temps
        memo = Memo(nodes: m.exprs.count)
    }

    /// The tree with every local value placed. Adjacent `if`s on one condition are merged
    /// first (everywhere in the tree), so values their bodies share can go inside.
    mutating func place(_ list: [BlockStatement]) -> [BlockStatement] {
        // How many statements read each value (the block's and the values' definitions).
        var counts: [Value: Int] = [:]
        func count(_ list: [BlockStatement]) {
            for s in list {
                for v in own(s) { counts[v, default: 0] += 1 }
                switch s {
                case .when(let branches, let otherwise, _):
                    for b in branches { count(b.body) }
                    if let otherwise { count(otherwise) }
                case .switchOn(_, let cases, let def, _):
                    for c in cases { count(c.body) }
                    if let def { count(def) }
                default: break
                }
            }
        }
        count(list)
        for d in wireBodies.keys { count(wireBodies[d] ?? []) }
        for t in temps { count([.assign(sink: .local(t), value: t, at: nil)]) }
        memo.readers = counts
        var tree = Self.merged(split(list))
        for v in usersFirst() { tree = insert(v, into: tree) }
        return tree
    }

    static func merged(_ list: [BlockStatement]) -> [BlockStatement] {
        StatementText.mergingConditions(list).map { s in
            switch s {
            case .when(let branches, let otherwise, let at):
                return .when(branches.map { BlockStatement.Arm(condition: $0.condition, body: merged($0.body), location: $0.location) },
                             otherwise: otherwise.map(merged), at: at)
            case .switchOn(let sel, let cases, let def, let at):
                var cs = cases
                for i in cs.indices { cs[i].body = merged(cs[i].body) }
                return .switchOn(selector: sel, cases: cs, default: def.map(merged), at: at)
            default: return s
            }
        }
    }

    /// Local values an expression reads where it is written (a named subexpression is read
    /// by its name; its own operands belong to its definition).
    private func direct(_ n: ExprID) -> Set<Value> {
        if let s = memo.values[n.index] { return s }
        var out = Set<Value>()
        if temps.contains(n) { out.insert(.node(n)) }
        else if analysis.temp[n] != nil { out = [] }
        else if case .signal(let d) = m.exprs[n].kind { if wireBodies[d] != nil { out.insert(.signal(d)) } }
        else { for o in m.exprs[n].kind.operands { out.formUnion(direct(o)) } }
        memo.values[n.index] = out
        return out
    }

    private func definition(_ v: Value) -> [BlockStatement] {
        switch v {
        case .signal(let d): return split(wireBodies[d] ?? [])
        case .node(let t): return split([.assign(sink: .local(t), value: t, at: nil)])
        }
    }

    /// Values a statement list reads (nested bodies included).
    private func reads(_ list: [BlockStatement]) -> Set<Value> {
        var out = Set<Value>()
        for s in list { out.formUnion(reads(s)) }
        return out
    }

    private func reads(_ s: BlockStatement) -> Set<Value> {
        var out = own(s)
        switch s {
        case .when(let branches, let otherwise, _):
            for b in branches { out.formUnion(reads(b.body)) }
            if let otherwise { out.formUnion(reads(otherwise)) }
        case .switchOn(_, let cases, let def, _):
            for c in cases { out.formUnion(reads(c.body)) }
            if let def { out.formUnion(reads(def)) }
        default: break
        }
        return out
    }

    /// `reads(list).contains(v)` without building the sets (placement asks it for every
    /// statement and every value).
    private func reads(_ list: [BlockStatement], contain v: Value) -> Bool {
        list.contains { reads($0, contain: v) }
    }

    private func reads(_ s: BlockStatement, contain v: Value) -> Bool {
        if owns(s, v) { return true }
        switch s {
        case .when(let branches, let otherwise, _):
            return branches.contains { reads($0.body, contain: v) } || (otherwise.map { reads($0, contain: v) } ?? false)
        case .switchOn(_, let cases, let def, _):
            return cases.contains { reads($0.body, contain: v) } || (def.map { reads($0, contain: v) } ?? false)
        default: return false
        }
    }

    /// `own(s).contains(v)` without building the set.
    private func owns(_ s: BlockStatement, _ v: Value) -> Bool {
        switch s {
        case .assign(let sink, let e, _):
            if sink == .local(e) { return m.exprs[e].kind.operands.contains { direct($0).contains(v) } }
            return direct(e).contains(v)
        case .memoryWrite(_, let a, let d, _): return direct(a).contains(v) || direct(d).contains(v)
        case .when(let branches, _, _): return branches.contains { direct($0.condition).contains(v) }
        case .switchOn(let sel, _, _, _): return direct(sel).contains(v)
        }
    }

    /// Values a statement reads itself (not in nested bodies). A temp's definition reads its
    /// operands.
    private func own(_ s: BlockStatement) -> Set<Value> {
        switch s {
        case .assign(let sink, let v, _):
            if sink == .local(v) { return m.exprs[v].kind.operands.reduce(into: Set<Value>()) { $0.formUnion(direct($1)) } }
            return direct(v)
        case .memoryWrite(_, let a, let d, _): return direct(a).union(direct(d))
        case .when(let branches, _, _): return branches.reduce(into: Set<Value>()) { $0.formUnion(direct($1.condition)) }
        case .switchOn(let sel, _, _, _): return direct(sel)
        }
    }

    /// Every local value, a value before the values it reads.
    private mutating func usersFirst() -> [Value] {
        let all = wireBodies.keys.sorted().map { Value.signal($0) } + temps.sorted().map { Value.node($0) }
        var order: [Value] = []
        var state: [Value: Bool] = [:]   // false: visiting, true: done
        func visit(_ v: Value) {
            if state[v] != nil { return }
            state[v] = false
            for w in reads(definition(v)).sorted(by: { "\($0)" < "\($1)" }) where w != v { visit(w) }
            state[v] = true
            order.append(v)   // dependencies first
        }
        for v in all { visit(v) }
        return order.reversed()
    }

    /// Every assignment in `list` (nested bodies included) of a choice whose arms read
    /// different local values, as an `if`/`else` chain with one assignment per arm.
    private func split(_ list: [BlockStatement]) -> [BlockStatement] {
        list.map { s in
            switch s {
            case .assign(let sink, let value, let at):
                // A named subexpression is written by name, except in its own definition.
                let definition = sink == .local(value)
                guard definition || analysis.temp[value] == nil else { return s }
                var arms: [BlockStatement.Arm] = []
                var rest = value
                while rest == value || analysis.temp[rest] == nil,
                      case .mux(let c, let t, let f) = m.exprs[rest].kind, armsDiffer(c, t, f) {
                    arms.append(BlockStatement.Arm(condition: c, body: [.assign(sink: sink, value: t, at: at)], location: at ?? Self.here))
                    rest = f
                }
                // Nested (`else begin if ...`), so a value only a later arm's condition reads is
                // placed in the `else` it belongs to; printed as `else if` when nothing is.
                var chain: BlockStatement = .assign(sink: sink, value: rest, at: at)
                for arm in arms.reversed() { chain = .when([arm], otherwise: [chain], at: at ?? Self.here) }
                return chain
            case .memoryWrite: return s
            case .when(let branches, let otherwise, let at):
                return .when(branches.map { BlockStatement.Arm(condition: $0.condition, body: split($0.body), location: $0.location) },
                             otherwise: otherwise.map(split), at: at)
            case .switchOn(let sel, var cases, let def, let at):
                for i in cases.indices { cases[i].body = split(cases[i].body) }
                return .switchOn(selector: sel, cases: cases, default: def.map(split), at: at)
            }
        }
    }

    private static let here = SourceLocation(fileID: #fileID, line: #line)

    /// One arm of `c ? t : f` reads a local value that nothing else reads: not the other arm,
    /// not `c`, no other statement (a value read elsewhere is computed anyway).
    private func armsDiffer(_ c: ExprID, _ t: ExprID, _ f: ExprID) -> Bool {
        let cs = direct(c), ts = direct(t), fs = direct(f)
        let only = ts.subtracting(fs).subtracting(cs).union(fs.subtracting(ts).subtracting(cs))
        return only.contains { memo.readers[$0] == 1 }
    }

    private mutating func insert(_ v: Value, into list: [BlockStatement]) -> [BlockStatement] {
        let users = list.indices.filter { reads(list[$0], contain: v) }
        guard let first = users.first else { return list }
        if users.count == 1, !owns(list[first], v) {
            var s = list[first]
            switch s {
            case .when(var branches, var otherwise, let at):
                let inBranches = branches.indices.filter { reads(branches[$0].body, contain: v) }
                let inOtherwise = otherwise.map { reads($0, contain: v) } ?? false
                if inBranches.count + (inOtherwise ? 1 : 0) == 1 {
                    if let b = inBranches.first { branches[b].body = insert(v, into: branches[b].body) }
                    else { otherwise = insert(v, into: otherwise ?? []) }
                    s = .when(branches, otherwise: otherwise, at: at)
                    var out = list
                    out[first] = s
                    return out
                }
            case .switchOn(let sel, var cases, var def, let at):
                let inCases = cases.indices.filter { reads(cases[$0].body, contain: v) }
                let inDefault = def.map { reads($0, contain: v) } ?? false
                if inCases.count + (inDefault ? 1 : 0) == 1 {
                    if let c = inCases.first { cases[c].body = insert(v, into: cases[c].body) }
                    else { def = insert(v, into: def ?? []) }
                    var out = list
                    out[first] = .switchOn(selector: sel, cases: cases, default: def, at: at)
                    return out
                }
            default: break
            }
        }
        var out = list
        out.insert(contentsOf: definition(v), at: first)
        return out
    }
}
