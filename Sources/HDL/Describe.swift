/// Short human-readable renderings of expressions for messages, using Swift names:
/// "`count + 1`", "`a[7:0]`". Long expressions are cut with "...".
extension ModuleBuilder {
    func describe(_ node: ExprID) -> String {
        var text = ""
        render(node, into: &text, depth: 0)
        return "`\(text)`"
    }

    private func render(_ node: ExprID, into t: inout String, depth: Int) {
        if t.count > 60 || depth > 4 { t += "..."; return }
        let e = exprs[node]
        switch e.kind {
        case .signal(let d): t += signals[d].swiftName
        case .constant(let v): t += String(v)
        case .parameter(let k): t += parameters[k].name
        case .not(let a): t += "~"; render(a, into: &t, depth: depth + 1)
        case .logicalNot(let a): t += "!"; render(a, into: &t, depth: depth + 1)
        case .binary(let op, let a, let b):
            t += "("; render(a, into: &t, depth: depth + 1); t += " \(Self.symbol(op)) "; render(b, into: &t, depth: depth + 1); t += ")"
        case .shiftConst(let left, let a, let n):
            render(a, into: &t, depth: depth + 1); t += left ? " << \(n)" : " >> \(n)"
        case .shiftVar(let left, let a, let b):
            render(a, into: &t, depth: depth + 1); t += left ? " << " : " >> "; render(b, into: &t, depth: depth + 1)
        case .slice(let a, let hi, let lo):
            render(a, into: &t, depth: depth + 1); t += hi == lo ? "[\(hi)]" : "[\(hi), \(lo)]"
        case .dynamicBit(let a, let i):
            render(a, into: &t, depth: depth + 1); t += "["; render(i, into: &t, depth: depth + 1); t += "]"
        case .concat(let parts):
            t += "cat("
            for (k, p) in parts.enumerated() { if k > 0 { t += ", " }; render(p, into: &t, depth: depth + 1) }
            t += ")"
        case .replicate(let a, let n): render(a, into: &t, depth: depth + 1); t += ".replicated(\(n))"
        case .reduce(let op, let a):
            render(a, into: &t, depth: depth + 1); t += op == .or ? ".orReduce()" : op == .and ? ".andReduce()" : ".xorReduce()"
        case .mux(let s, let a, let b):
            t += "mux("; render(s, into: &t, depth: depth + 1); t += ", "; render(a, into: &t, depth: depth + 1)
            t += ", "; render(b, into: &t, depth: depth + 1); t += ")"
        case .zeroExtend(let a): render(a, into: &t, depth: depth + 1); t += ".zeroExtended(to: \(e.width))"
        case .signExtend(let a): render(a, into: &t, depth: depth + 1); t += ".signExtended(to: \(e.width))"
        case .signedCompare(let op, let a, let b):
            t += "("; render(a, into: &t, depth: depth + 1); t += " \(Self.symbol(op)) "; render(b, into: &t, depth: depth + 1); t += " signed)"
        case .shiftRightArithmetic(let a, let n): render(a, into: &t, depth: depth + 1); t += " >> \(n) (arithmetic)"
        case .memoryRead(let m, let a): t += "\(memories[m].swiftName).read("; render(a, into: &t, depth: depth + 1); t += ")"
        }
    }

    static func symbol(_ op: BinaryOp) -> String {
        switch op {
        case .and: return "&"
        case .or: return "|"
        case .xor: return "^"
        case .add: return "+"
        case .sub: return "-"
        case .addCarry: return "+c"
        case .subBorrow: return "-b"
        case .eq: return ".=="
        case .ne: return ".!="
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
