import HDL

/// Puts the local values of one clocked block (`LocalValues`) into its statement tree: each
/// value's definition goes right before the first statement that reads it, inside the
/// innermost `if`/`case` branch that holds every read. Values are placed users first, so a
/// value read by another local value lands before that value's definition.
///
/// A definition is the wire's own statements (assigned with `=`), or for a named
/// subexpression `.assign(sink: -1 - node, ...)` (`StatementText` writes `name = expr;`).
struct BlockPlacement {
    typealias Value = LocalValues.Value
    let m: Module
    let analysis: Analysis
    /// Local wires of this block -> their process bodies.
    let wireBodies: [Int: [Statement]]
    /// Local named subexpressions of this block.
    let temps: Set<Int>
    private var memo: [Int: Set<Value>] = [:]

    init(_ m: Module, _ analysis: Analysis, wireBodies: [Int: [Statement]], temps: Set<Int>) {
        self.m = m; self.analysis = analysis; self.wireBodies = wireBodies; self.temps = temps
    }

    /// The tree with every local value placed. Adjacent `if`s on one condition are merged
    /// first (everywhere in the tree), so values their bodies share can go inside.
    mutating func place(_ list: [Statement]) -> [Statement] {
        var tree = Self.merged(list)
        for v in usersFirst() { tree = insert(v, into: tree) }
        return tree
    }

    static func merged(_ list: [Statement]) -> [Statement] {
        StatementText.mergingConditions(list).map { s in
            switch s {
            case .when(let branches, let otherwise, let at):
                return .when(branches.map { Branch(condition: $0.condition, body: merged($0.body), location: $0.location) },
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
    private mutating func direct(_ n: Int) -> Set<Value> {
        if let s = memo[n] { return s }
        var out = Set<Value>()
        if temps.contains(n) { out.insert(.node(n)) }
        else if analysis.temp[n] != nil { out = [] }
        else if case .signal(let d) = m.exprs[n].kind { if wireBodies[d] != nil { out.insert(.signal(d)) } }
        else { for o in m.exprs[n].kind.operands { out.formUnion(direct(o)) } }
        memo[n] = out
        return out
    }

    private func definition(_ v: Value) -> [Statement] {
        switch v {
        case .signal(let d): return wireBodies[d] ?? []
        case .node(let t): return [.assign(sink: -1 - t, value: t, at: nil)]
        }
    }

    /// Values a statement list reads (nested bodies included).
    private mutating func reads(_ list: [Statement]) -> Set<Value> {
        var out = Set<Value>()
        for s in list { out.formUnion(reads(s)) }
        return out
    }

    private mutating func reads(_ s: Statement) -> Set<Value> {
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

    /// Values a statement reads itself (not in nested bodies). A temp's definition reads its
    /// operands.
    private mutating func own(_ s: Statement) -> Set<Value> {
        switch s {
        case .assign(let sink, let v, _):
            if sink < 0 { return m.exprs[v].kind.operands.reduce(into: Set<Value>()) { $0.formUnion(direct($1)) } }
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

    private mutating func insert(_ v: Value, into list: [Statement]) -> [Statement] {
        let users = list.indices.filter { reads(list[$0]).contains(v) }
        guard let first = users.first else { return list }
        if users.count == 1, !own(list[first]).contains(v) {
            var s = list[first]
            switch s {
            case .when(var branches, var otherwise, let at):
                let inBranches = branches.indices.filter { reads(branches[$0].body).contains(v) }
                let inOtherwise = otherwise.map { reads($0).contains(v) } ?? false
                if inBranches.count + (inOtherwise ? 1 : 0) == 1 {
                    if let b = inBranches.first { branches[b].body = insert(v, into: branches[b].body) }
                    else { otherwise = insert(v, into: otherwise ?? []) }
                    s = .when(branches, otherwise: otherwise, at: at)
                    var out = list
                    out[first] = s
                    return out
                }
            case .switchOn(let sel, var cases, var def, let at):
                let inCases = cases.indices.filter { reads(cases[$0].body).contains(v) }
                let inDefault = def.map { reads($0).contains(v) } ?? false
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
