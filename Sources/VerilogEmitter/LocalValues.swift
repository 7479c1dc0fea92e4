import HDL

/// Combinational values that only one clocked block reads are computed inside that block, as
/// variables local to it (`always @(posedge clk) begin : block  reg [3:0] target; ...`),
/// each assigned with `=` right before the first statement that needs it, inside the
/// innermost `if`/`case` branch that contains every use. A simulator then computes a value
/// once per clock edge and only on the path that reads it, as a hand-written clocked block
/// does, instead of re-evaluating every wire whenever an input changes. (Variables local to
/// a named block are not Verilator BLKSEQ violations; Icarus and Yosys accept them.)
///
/// A value is a wire (its process body) or one of the emitter's named subexpressions.
/// A wire is local when every reader is the block or another local value of that block;
/// ports, instance connections and other processes keep theirs as module-level wires.
struct LocalValues {
    /// A local value: a wire or a named subexpression (expression node). Printed as
    /// `signal(3)` / `node(12)` (the IDs print as numbers), the order `BlockPlacement` sorts by.
    enum Value: Hashable {
        case signal(SignalID), node(ExprID)

        // Written out on the indices: `BlockPlacement` spends most of the emission time in sets
        // of values, and a debug build does not inline the IDs' own `==` and `hash(into:)`.
        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.signal(let x), .signal(let y)): return x.index == y.index
            case (.node(let x), .node(let y)): return x.index == y.index
            default: return false
            }
        }

        func hash(into hasher: inout Hasher) {
            switch self {
            case .signal(let d): hasher.combine(d.index)
            case .node(let n): hasher.combine(n.index)
            }
        }
    }

    /// Block (group index) of each local wire.
    private(set) var wireGroup: [SignalID: Int] = [:]

    /// No local values (every wire stays at module level).
    static let none = LocalValues()
    private init() {}

    /// Local wires: the candidates whose readers are all one group (fixpoint, users first).
    init(_ m: Module, groups: [ClockedGroups.Group]) {
        enum Reader: Hashable { case group(Int), wire(SignalID), outside }
        var readers = [Set<Reader>](repeating: [], count: m.signals.count)
        var memo = [Set<SignalID>?](repeating: nil, count: m.exprs.count)
        func signalsRead(_ n: ExprID) -> Set<SignalID> {
            if let s = memo[n.index] { return s }
            var out = Set<SignalID>()
            if case .signal(let d) = m.exprs[n].kind { out.insert(d) } else {
                for o in m.exprs[n].kind.operands { out.formUnion(signalsRead(o)) }
            }
            memo[n.index] = out
            return out
        }
        func mark(_ roots: [ExprID], _ r: Reader) { for root in roots { for d in signalsRead(root) { readers[d.index].insert(r) } } }
        var wires = Set<SignalID>()
        for p in m.processes {
            var roots: [ExprID] = []
            Statement.collectRoots(p.body, into: &roots)
            switch p.kind {
            case .combinational(let d):
                if m.signals[d].kind == .wire { wires.insert(d); mark(roots, .wire(d)) } else { mark(roots, .outside) }
            case .register, .memory: break   // read through their group below
            }
        }
        var grouped = Set<SignalID>()   // registers and memories some group emits
        for (g, group) in groups.enumerated() {
            var roots: [ExprID] = []
            Statement.collectRoots(group.body + group.memoryBody, into: &roots)
            if let r = group.reset { roots.append(r) }
            if let e = group.enable { roots.append(e) }
            mark(roots, .group(g))
            grouped.formUnion(group.registers)
        }
        // Readers the groups do not cover: register resets/enables of ungrouped registers,
        // memory clocks, instances.
        for (d, s) in zip(m.signals.ids, m.signals) {
            if case .register(let info) = s.kind, !grouped.contains(d) {
                mark([info.reset, info.enable].compactMap { $0 }, .outside)
            }
        }
        for inst in m.instances { mark(inst.inputs.map(\.value), .outside) }
        // Properties are emitted in their own module-level blocks.
        mark(m.properties.flatMap { [$0.condition] + [$0.disable].compactMap { $0 } }, .outside)
        var changed = true
        while changed {
            changed = false
            for d in wires where wireGroup[d] == nil && !readers[d.index].isEmpty {
                var g: Int?
                var ok = true
                for r in readers[d.index] {
                    switch r {
                    case .group(let x): if g == nil || g == x { g = x } else { ok = false }
                    case .wire(let w):
                        if w == d { ok = false } else if let x = wireGroup[w], g == nil || g == x { g = x } else { ok = false }
                    case .outside: ok = false
                    }
                    if !ok { break }
                }
                if ok, let g { wireGroup[d] = g; changed = true }
            }
        }
    }

    /// Drops `wire` and every local wire that reads it (directly or through other local wires):
    /// used when a module-level emission would have to read it.
    mutating func drop(_ wire: SignalID, _ m: Module) {
        var work = [wire]
        while let d = work.popLast() {
            guard wireGroup.removeValue(forKey: d) != nil else { continue }
            for p in m.processes {
                guard case .combinational(let w) = p.kind, wireGroup[w] != nil else { continue }
                var roots: [ExprID] = []
                Statement.collectRoots(p.body, into: &roots)
                if roots.contains(where: { reaches($0, d, m) }) { work.append(w) }
            }
        }
    }

    private func reaches(_ n: ExprID, _ d: SignalID, _ m: Module) -> Bool {
        var seen = Set<ExprID>(), work = [n]
        while let x = work.popLast() {
            guard seen.insert(x).inserted else { continue }
            if case .signal(let s) = m.exprs[x].kind { if s == d { return true } } else { work += m.exprs[x].kind.operands }
        }
        return false
    }

    /// The local temps of `analysis` (named subexpressions) and their groups: a temp whose
    /// definition reads a local wire or local temp belongs to that wire's group. Returns the
    /// local wires some module-level emission would read through a temp (to be dropped), or
    /// the temps' groups when there is none.
    func localTemps(_ m: Module, _ analysis: Analysis, groups: [ClockedGroups.Group]) -> (conflicts: Set<SignalID>, temps: [ExprID: Int]) {
        var tempGroup: [ExprID: Int] = [:]
        var tempWires: [ExprID: Set<SignalID>] = [:]   // local wires a local temp reaches
        // Temps in node order: operands first, so a temp's operand temps are decided already.
        for t in analysis.temps {
            var groupsSeen = Set<Int>(), wires = Set<SignalID>()
            var seen = Set<ExprID>(), work = m.exprs[t].kind.operands
            while let x = work.popLast() {
                guard seen.insert(x).inserted else { continue }
                if let g = tempGroup[x] { groupsSeen.insert(g); wires.formUnion(tempWires[x] ?? []); continue }
                if analysis.temp[x] != nil { continue }
                if case .signal(let d) = m.exprs[x].kind {
                    if let g = wireGroup[d] { groupsSeen.insert(g); wires.insert(d) }
                } else { work += m.exprs[x].kind.operands }
            }
            if groupsSeen.count > 1 { return (wires, [:]) }
            if let g = groupsSeen.first { tempGroup[t] = g; tempWires[t] = wires }
        }
        // Every reader of a local temp must be in its group.
        var conflicts = Set<SignalID>()
        func check(_ roots: [ExprID], inGroup g: Int?) {
            for root in roots {
                var seen = Set<ExprID>(), work = [root]
                while let x = work.popLast() {
                    guard seen.insert(x).inserted else { continue }
                    if let tg = tempGroup[x] {
                        if tg != g { conflicts.formUnion(tempWires[x] ?? []) }
                        continue
                    }
                    if analysis.temp[x] != nil { continue }
                    work += m.exprs[x].kind.operands
                }
            }
        }
        for p in m.processes {
            guard case .combinational(let d) = p.kind else { continue }
            var roots: [ExprID] = []
            Statement.collectRoots(p.body, into: &roots)
            check(roots, inGroup: wireGroup[d])
        }
        for (g, group) in groups.enumerated() {
            var roots: [ExprID] = []
            Statement.collectRoots(group.body + group.memoryBody, into: &roots)
            roots += [group.reset, group.enable].compactMap { $0 }
            check(roots, inGroup: g)
        }
        for inst in m.instances { check(inst.inputs.map(\.value), inGroup: nil) }
        check(m.properties.flatMap { [$0.condition] + [$0.disable].compactMap { $0 } }, inGroup: nil)
        for t in analysis.temps { check(m.exprs[t].kind.operands, inGroup: tempGroup[t]) }
        if !conflicts.isEmpty { return (conflicts, [:]) }
        // A named subexpression only one block reads (directly, or through its local wires
        // and local subexpressions) is local too, so it is computed where it is needed.
        enum Context: Hashable { case group(Int), outside, temp(ExprID) }
        var readersOf: [ExprID: Set<Context>] = [:]
        func record(_ roots: [ExprID], _ c: Context) {
            for root in roots {
                var seen = Set<ExprID>(), work = [root]
                while let x = work.popLast() {
                    guard seen.insert(x).inserted else { continue }
                    if analysis.temp[x] != nil { readersOf[x, default: []].insert(c); continue }
                    work += m.exprs[x].kind.operands
                }
            }
        }
        for p in m.processes {
            guard case .combinational(let d) = p.kind else { continue }
            var roots: [ExprID] = []
            Statement.collectRoots(p.body, into: &roots)
            record(roots, wireGroup[d].map { .group($0) } ?? .outside)
        }
        for (g, group) in groups.enumerated() {
            var roots: [ExprID] = []
            Statement.collectRoots(group.body + group.memoryBody, into: &roots)
            roots += [group.reset, group.enable].compactMap { $0 }
            record(roots, .group(g))
        }
        for inst in m.instances { record(inst.inputs.map(\.value), .outside) }
        record(m.properties.flatMap { [$0.condition] + [$0.disable].compactMap { $0 } }, .outside)
        for t in analysis.temps { record(m.exprs[t].kind.operands, .temp(t)) }
        // Users first: a temp's readers among temps have larger node indices.
        for t in analysis.temps.sorted(by: >) where tempGroup[t] == nil {
            var g: Int?
            var ok = true
            for r in readersOf[t] ?? [] {
                let rg: Int?
                switch r {
                case .group(let x): rg = x
                case .outside: rg = nil
                case .temp(let u): rg = tempGroup[u]
                }
                guard let rg, g == nil || g == rg else { ok = false; break }
                g = rg
            }
            if ok, let g { tempGroup[t] = g }
        }
        return (conflicts, tempGroup)
    }
}
