import HDL

/// Pass 2 helper: the Verilog text of expression nodes. Every compound expression is
/// parenthesised; every constant is sized or a localparam; temps are referenced by name.
struct ExpressionText {
    let module: Module
    let analysis: Analysis

    /// Text for a top-level context (assignment right-hand side, condition, port
    /// connection): the outermost parentheses are left off.
    func bare(_ n: ExprID) -> String { Self.stripOuterParentheses(text(n)) }

    /// `(x + y)` -> `x + y`; `(a) & (b)` and `{a, b}` stay as they are.
    static func stripOuterParentheses(_ s: String) -> String {
        guard s.first == "(", s.last == ")" else { return s }
        var depth = 0
        for (i, c) in s.utf8.enumerated() {
            if c == UInt8(ascii: "(") { depth += 1 } else if c == UInt8(ascii: ")") { depth -= 1 }
            if depth == 0 && i < s.utf8.count - 1 { return s }
        }
        return String(s.dropFirst().dropLast())
    }

    /// The name of a signal, localparam, register-array element or temp node (what Verilog
    /// can bit-select), nil for other nodes.
    func name(_ n: ExprID) -> String? {
        if let t = analysis.temp[n] { return t }
        switch module.exprs[n].kind {
        case .signal(let d): return module.signals[d].name
        case .parameter(let k): return module.parameters[k].name
        case let kind where Analysis.isSelectable(kind, module): return definition(n)
        default: return nil
        }
    }

    func text(_ n: ExprID) -> String {
        if let t = analysis.temp[n] { return t }
        return definition(n)
    }

    /// The expression of node `n` itself (used for temps' definitions too).
    func definition(_ n: ExprID) -> String {
        let e = module.exprs[n]
        switch e.kind {
        case .signal(let d): return module.signals[d].name
        case .constant(let v): return Self.constant(v, width: e.width)
        case .parameter(let k): return module.parameters[k].name
        case .not(let a): return "(~\(text(a)))"
        case .logicalNot(let a): return "(!\(text(a)))"
        case .binary(let op, let a, let b):
            switch op {
            case .addCarry: return "({1'b0, \(text(a))} + {1'b0, \(text(b))})"
            case .subBorrow: return "({1'b0, \(text(a))} - {1'b0, \(text(b))})"
            default: return "(\(text(a)) \(Self.symbol(op)) \(text(b)))"
            }
        case .shiftConst(let left, let a, let amount):
            if amount >= e.width { return Self.constant(0, width: e.width) }
            return "(\(text(a)) \(left ? "<<" : ">>") \(amount))"
        case .shiftVar(let left, let a, let b):
            return "(\(text(a)) \(left ? "<<" : ">>") \(text(b)))"
        case .slice(let a, let hi, let lo):
            if case .constant(let v) = module.exprs[a].kind {
                let bits = hi - lo + 1
                let shifted = lo >= 64 ? 0 : v >> UInt64(lo)
                return Self.constant(bits >= 64 ? shifted : shifted & ((1 << UInt64(bits)) - 1), width: bits)
            }
            let bits = hi == lo ? "[\(lo)]" : "[\(hi):\(lo)]"
            if let g = guardedRead(a) { return "((\(g.guard)) ? \(g.element)\(bits) : \(Self.constant(0, width: hi - lo + 1)))" }
            let base = name(a) ?? "/*unnamed*/"
            return base + bits
        case .dynamicBit(let a, let i):
            let w = module.exprs[a].width
            if Self.directBitSelect(w, module.exprs[i].width), let g = guardedRead(a) {
                return "((\(g.guard)) && \(g.element)[\(bare(i))])"
            }
            if Self.directBitSelect(w, module.exprs[i].width), let base = name(a) {
                return "\(base)[\(bare(i))]"
            }
            return "(|((\(text(a)) >> \(text(i))) & \(Self.constant(1, width: w))))"
        case .concat(let parts): return "{" + concatParts(parts).joined(separator: ", ") + "}"
        case .replicate(let a, let count): return "{\(count){\(text(a))}}"
        case .reduce(let op, let a):
            switch op {
            case .or: return "(|\(text(a)))"
            case .and: return "(&\(text(a)))"
            case .xor: return "(^\(text(a)))"
            }
        case .mux(let s, let t, let f): return "(\(text(s)) ? \(text(t)) : \(text(f)))"
        case .zeroExtend(let a):
            return "{\(Self.constant(0, width: e.width - module.exprs[a].width)), \(text(a))}"
        case .signExtend(let a):
            // The operand is a name (Analysis names a compound one): its top bit is selectable.
            let w = module.exprs[a].width, base = name(a) ?? text(a)
            let top = w == 1 ? base : "\(base)[\(w - 1)]"
            return "{{\(e.width - w){\(top)}}, \(base)}"
        case .signedCompare(let op, let a, let b):
            return "($signed(\(bare(a))) \(Self.symbol(op)) $signed(\(bare(b))))"
        case .shiftRightArithmetic(let a, let amount):
            // $unsigned(...) makes the shift self-determined: in an unsigned context a
            // $signed operand would be shifted logically.
            return "$unsigned($signed(\(bare(a))) >>> \(amount))"
        case .memoryRead(let m, let a):
            let mem = module.memories[m]
            if case .constant(let k) = module.exprs[a].kind {
                return k < mem.depth ? "\(mem.name)[\(k)]" : Self.constant(0, width: mem.width)
            }
            let word = "\(mem.name)[\(bare(a))]"
            if mem.depth == 1 << mem.addressWidth { return word }
            return "((\(text(a)) < \(Self.constant(UInt64(mem.depth), width: mem.addressWidth))) ? \(word) : \(Self.constant(0, width: mem.width)))"
        }
    }

    /// The texts of a concatenation's parts, adjacent constants merged into one
    /// (`{8'd0, 1'b1, 3'd0}` rather than twelve one-bit constants).
    func concatParts(_ parts: [ExprID]) -> [String] {
        var out: [String] = []
        var run: (value: UInt64, width: Int)?
        func flush() {
            if let r = run { out.append(Self.constant(r.value, width: r.width)) }
            run = nil
        }
        for p in parts {
            let w = module.exprs[p].width
            if analysis.temp[p] == nil, case .constant(let v) = module.exprs[p].kind,
               (run?.width ?? 0) + w <= 64 {
                run = run.map { (($0.value << UInt64(w)) | v, $0.width + w) } ?? (v, w)
            } else {
                flush()
                if analysis.temp[p] == nil, case .constant(let v) = module.exprs[p].kind { run = (v, w) } else { out.append(text(p)) }
            }
        }
        flush()
        return out
    }

    /// For a read (not a wire of its own) of a memory whose depth is not a power of two, at a
    /// signal address: the in-range test and the element access.
    func guardedRead(_ n: ExprID) -> (guard: String, element: String)? {
        guard analysis.temp[n] == nil, case .memoryRead(let k, let a) = module.exprs[n].kind else { return nil }
        let mem = module.memories[k]
        if case .constant = module.exprs[a].kind { return nil }
        if mem.depth == 1 << mem.addressWidth { return nil }
        return ("\(text(a)) < \(Self.constant(UInt64(mem.depth), width: mem.addressWidth))", "\(mem.name)[\(bare(a))]")
    }

    /// `v[i]` is used for a dynamic bit select only when the index width exactly addresses
    /// a power-of-two vector; otherwise a shift form reads 0 beyond the width.
    static func directBitSelect(_ width: Int, _ indexWidth: Int) -> Bool {
        width > 1 && indexWidth < 31 && (1 << indexWidth) == width
    }

    /// A sized constant: `1'b0`/`1'b1` for one bit, decimal below 1024, else hex.
    static func constant(_ v: UInt64, width: Int) -> String {
        if width == 1 { return v == 0 ? "1'b0" : "1'b1" }
        return v < 1024 ? "\(width)'d\(v)" : "\(width)'h\(String(v, radix: 16))"
    }

    static func symbol(_ op: BinaryOp) -> String {
        switch op {
        case .and: return "&"
        case .or: return "|"
        case .xor: return "^"
        case .add, .addCarry: return "+"
        case .sub, .subBorrow: return "-"
        case .eq: return "=="
        case .ne: return "!="
        case .lt: return "<"
        case .le: return "<="
        case .gt: return ">"
        case .ge: return ">="
        case .logicalAnd: return "&&"
        case .logicalOr: return "||"
        case .mul: return "*"
        }
    }
}
