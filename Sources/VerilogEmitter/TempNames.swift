import HDL

/// Names for the wires the emitter introduces (shared, sliced or deep subexpressions), made
/// from what the expression computes: `load[target_vmm]` is `load_target_vmm`,
/// `reason == 5'd30` is `reason_is_30`, `a && b` is `a_and_b`. Names are cut to 40
/// characters, never clash with a declared name or a Verilog keyword (a numeric suffix
/// `_2`, `_3` ... is added), and depend only on the module, so output stays byte-identical.
struct TempNames {
    private let m: Module
    private var taken: Set<String>
    static let maxLength = 40

    init(_ m: Module) {
        self.m = m
        taken = Set(m.signals.map(\.name))
        taken.formUnion(m.memories.map(\.name))
        taken.formUnion(m.parameters.map(\.name))
        taken.formUnion(m.instances.map(\.name))
    }

    /// A fresh name for node `n`; `temps` holds the names given so far (operands first).
    mutating func name(for n: ExprID, temps: [ExprID: String]) -> String {
        var base = String(role(n, temps, depth: 0).prefix(Self.maxLength))
        while base.hasSuffix("_") { base.removeLast() }
        if base.isEmpty || !(base.first!.isLetter) { base = "v_" + base }
        return fresh(base)
    }

    /// `base`, or `base_2`, `base_3` ... the first that no declaration or keyword takes.
    mutating func fresh(_ base: String) -> String {
        var candidate = base
        var k = 2
        while taken.contains(candidate) || ReservedWords.contains(candidate) {
            candidate = "\(base)_\(k)"
            k += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// What node `n` computes, as words joined by `_`: operators as words, a chain of one
    /// associative operator flattened (`a || b || c` is `a_or_b_or_c`), a value guarded to 0
    /// named for the value, and below two levels a compound operand by the first name in it.
    private func role(_ n: ExprID, _ temps: [ExprID: String], depth: Int) -> String {
        if depth > 0, let t = temps[n] { return t }
        let kind = m.exprs[n].kind
        if depth > 2, !kind.operands.isEmpty { return principal(n, temps) }
        func r(_ o: ExprID) -> String { role(o, temps, depth: depth + 1) }
        switch kind {
        case .signal(let d): return m.signals[d].name
        case .parameter(let k): return m.parameters[k].name.lowercased()
        case .constant(let v): return String(v)
        case .not(let a): return "not_\(r(a))"
        case .logicalNot(let a): return "not_\(r(a))"
        case .binary(let op, let a, let b):
            if Self.associative(op) {
                var leaves: [ExprID] = []
                flatten(n, op, temps, into: &leaves)
                return leaves.map(r).joined(separator: "_\(Self.word(op))_")
            }
            return "\(r(a))_\(Self.word(op))_\(r(b))"
        case .shiftConst(let left, let a, let k): return "\(r(a))_\(left ? "shl" : "shr")_\(k)"
        case .shiftVar(let left, let a, let b): return "\(r(a))_\(left ? "shl" : "shr")_\(r(b))"
        case .slice(let a, let hi, let lo): return hi == lo ? "\(r(a))_bit\(lo)" : "\(r(a))_\(hi)_\(lo)"
        case .dynamicBit(let a, let i): return "\(r(a))_at_\(r(i))"
        case .concat(let parts):
            // Named for what it gathers: the distinct names of its non-constant parts.
            var names: [String] = []
            for p in parts where !m.exprs[p].kind.isConstant {
                let base: String
                if case .slice(let a, _, _) = m.exprs[p].kind { base = r(a) } else { base = r(p) }
                if !names.contains(base) { names.append(base) }
            }
            return names.isEmpty ? "bits" : names.prefix(3).joined(separator: "_") + (names.count == 1 ? "_bits" : "")
        case .replicate(let a, _): return r(a)
        case .reduce(let op, let a): return "\(r(a))_\(op == .or ? "any" : op == .and ? "all" : "parity")"
        case .mux(let s, let t, let f):
            if case .constant(0) = m.exprs[f].kind { return role(t, temps, depth: depth) }
            return "\(r(s))_sel"
        case .zeroExtend(let a), .signExtend(let a): return role(a, temps, depth: depth)
        case .signedCompare(let op, let a, let b): return "\(r(a))_\(Self.word(op))_\(r(b))"
        case .shiftRightArithmetic(let a, let k): return "\(r(a))_asr_\(k)"
        case .memoryRead(let k, let a): return "\(m.memories[k].name)_\(r(a))"
        }
    }

    /// The operands of a chain of `op` rooted at `n` (stopping at temps), left to right.
    private func flatten(_ n: ExprID, _ op: BinaryOp, _ temps: [ExprID: String], into leaves: inout [ExprID]) {
        if case .binary(let o, let a, let b) = m.exprs[n].kind, o == op, leaves.isEmpty || temps[n] == nil {
            flatten(a, op, temps, into: &leaves)
            flatten(b, op, temps, into: &leaves)
        } else {
            leaves.append(n)
        }
    }

    /// The first declared name (signal, memory, localparam or temp) inside node `n`.
    private func principal(_ n: ExprID, _ temps: [ExprID: String]) -> String {
        var work = [n]
        while let x = work.first {
            work.removeFirst()
            if x != n, let t = temps[x] { return t }
            switch m.exprs[x].kind {
            case .signal(let d): return m.signals[d].name
            case .memoryRead(let k, _): return m.memories[k].name
            case .parameter(let k): return m.parameters[k].name.lowercased()
            case let kind: work.append(contentsOf: kind.operands)
            }
        }
        return "value"
    }

    private static func associative(_ op: BinaryOp) -> Bool {
        switch op {
        case .and, .or, .xor, .add, .logicalAnd, .logicalOr: return true
        default: return false
        }
    }

    private static func word(_ op: BinaryOp) -> String {
        switch op {
        case .and, .logicalAnd: return "and"
        case .or, .logicalOr: return "or"
        case .xor: return "xor"
        case .add, .addCarry: return "plus"
        case .sub, .subBorrow: return "minus"
        case .eq: return "is"
        case .ne: return "not"
        case .lt: return "lt"
        case .le: return "le"
        case .gt: return "gt"
        case .ge: return "ge"
        case .mul: return "times"
        }
    }
}

extension ExprKind {
    /// A constant, named or not.
    var isConstant: Bool {
        switch self {
        case .constant, .parameter: return true
        default: return false
        }
    }
}
