import HDL

/// Pass 2 helper: the lowered statement tree of one process as `if`/`case` blocks.
/// Registers and memories use `<=`, combinational sinks `=`.
struct StatementText {
    let module: Module
    let ex: ExpressionText
    /// Sinks assigned with `=` also in a clocked block: its local variables.
    var localSinks: Set<SignalID> = []

    mutating func statements(_ list: [BlockStatement], blocking: Bool, into w: inout Writer) {
        let op = blocking ? "=" : "<="
        for s in Self.mergingConditions(list) {
            switch s {
            case .assign(let sink, let value, _):
                switch sink {
                case .local(let t):   // a local named subexpression (`BlockPlacement`), or one arm of it
                    w.line("\(ex.analysis.temp[t] ?? "/*unnamed*/") = \(ex.bare(value, definition: value == t));")
                case .signal(let d):
                    w.line("\(module.signals[d].name) \(localSinks.contains(d) ? "=" : op) \(ex.bare(value));")
                }
            case .memoryWrite(let k, let a, let v, _):
                let mem = module.memories[k]
                var address = ex.bare(a)
                if case .constant(let i) = module.exprs[a].kind {
                    if i >= mem.depth { continue }
                    address = String(i)
                }
                let store = ["\(mem.name)[\(address)] <= \(ex.bare(v));"]
                if case .constant = module.exprs[a].kind {
                    for line in store { w.line(line) }
                } else if mem.depth == 1 << mem.addressWidth {
                    for line in store { w.line(line) }
                } else {
                    w.line("if (\(ex.text(a)) < \(ExpressionText.constant(UInt64(mem.depth), width: mem.addressWidth))) begin")
                    w.nested { w in for line in store { w.line(line) } }
                    w.line("end")
                }
            case .when(let branches, let otherwise, _):
                if branches.isEmpty {
                    if let otherwise { statements(otherwise, blocking: blocking, into: &w) }
                    continue
                }
                whenChain(branches, otherwise, blocking: blocking, continuing: false, into: &w)
            case .switchOn(let sel, let cases, let def, _):
                let width = module.exprs[sel].width
                let count = cases.reduce(0) { $0 + $1.values.count }
                let full = width < 20 && count == 1 << width
                w.line("case (\(ex.bare(sel)))")
                w.nested { w in
                    for (i, c) in cases.enumerated() {
                        // A full case without default: its last arm is the default (no latch, no CASEINCOMPLETE).
                        let label = (def == nil && full && i == cases.count - 1)
                            ? "default"
                            : (c.labels?.map { ex.bare($0) } ?? c.values.map { ExpressionText.constant($0, width: width) })
                                .joined(separator: ", ")
                        w.line("\(label): begin")
                        w.nested { w in statements(c.body, blocking: blocking, into: &w) }
                        w.line("end")
                    }
                    if let def {
                        w.line("default: begin")
                        w.nested { w in statements(def, blocking: blocking, into: &w) }
                        w.line("end")
                    } else if !full {
                        w.line("default: begin")
                        w.line("end")
                    }
                }
                w.line("endcase")
            }
        }
    }

    /// Adjacent `if (c) ... end` statements on the same condition (one arm, no else) as one
    /// `if`. Safe in both kinds of block: a clocked block assigns with `<=`, so its
    /// conditions read the values from before the edge; a combinational block drives one
    /// sink, which its own conditions cannot read (that would be a loop).
    /// More generally two adjacent `if`/`else if`/`else` chains on the same conditions are one
    /// chain, each arm holding both arms' statements.
    static func mergingConditions(_ list: [BlockStatement]) -> [BlockStatement] {
        var out: [BlockStatement] = []
        for s in list {
            if case .when(let b, let other, _) = s,
               case .when(let prev, let prevOther, let at)? = out.last, prev.count == b.count,
               zip(prev, b).allSatisfy({ $0.condition == $1.condition }) {
                let arms = zip(prev, b).map { BlockStatement.Arm(condition: $0.condition, body: $0.body + $1.body, location: $0.location) }
                let otherwise: [BlockStatement]? = (prevOther == nil && other == nil) ? nil : (prevOther ?? []) + (other ?? [])
                out[out.count - 1] = .when(arms, otherwise: otherwise, at: at)
            } else {
                out.append(s)
            }
        }
        return out
    }

    /// `if (c0) begin ... end else if (c1) ... end`; when `continuing`, the chain extends an
    /// open `if` (its first line is `end else if`), as in a register's reset branch.
    mutating func whenChain(_ branches: [BlockStatement.Arm], _ otherwise: [BlockStatement]?, blocking: Bool, continuing: Bool,
                            into w: inout Writer) {
        for (i, b) in branches.enumerated() {
            let cond = ex.bare(b.condition)
            w.line(i == 0 && !continuing ? "if (\(cond)) begin" : "end else if (\(cond)) begin")
            w.nested { w in statements(b.body, blocking: blocking, into: &w) }
        }
        if let otherwise, otherwise.count == 1, case .when(let inner, let innerOtherwise, _) = otherwise[0], !inner.isEmpty {
            whenChain(inner, innerOtherwise, blocking: blocking, continuing: true, into: &w)   // `end else if`
            return
        }
        if let otherwise {
            w.line("end else begin")
            w.nested { w in statements(otherwise, blocking: blocking, into: &w) }
        }
        w.line("end")
    }
}
