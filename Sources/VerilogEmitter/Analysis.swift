import HDL

/// Pass 1 of emitting a module: which expression nodes are emitted at all, which get a
/// generated wire (`_tN`), and which bits of each declaration are read (for the
/// targeted `UNUSEDSIGNAL` waivers).
struct Analysis {
    /// Bits of a declaration that the emitted text reads.
    struct BitUse {
        var full = false
        var ranges: [(hi: Int, lo: Int)] = []

        /// Unread bit ranges (most significant first); empty when every bit is read.
        func unused(width: Int) -> [(hi: Int, lo: Int)] {
            if full { return [] }
            var read = [Bool](repeating: false, count: width)
            for r in ranges { for b in r.lo...r.hi { read[b] = true } }
            var out: [(hi: Int, lo: Int)] = []
            var b = width - 1
            while b >= 0 {
                if read[b] { b -= 1; continue }
                let hi = b
                while b >= 0 && !read[b] { b -= 1 }
                out.append((hi, b + 1))
            }
            return out
        }
    }

    let module: Module
    /// Node -> temp number, for nodes emitted as `_tN`.
    var temp: [Int: Int] = [:]
    /// Temp nodes in emission order (operands first).
    var temps: [Int] = []
    var signalUse: [BitUse]
    var tempUse: [Int: BitUse] = [:]
    var memoryRead: [Bool]

    static let maxInlineDepth = 12
    /// Expressions longer than this (estimated characters) are split into temps.
    static let maxInlineLength = 150

    /// Estimated characters an expression adds around its operands.
    static func overhead(_ kind: ExprKind, _ m: Module) -> Int {
        switch kind {
        case .signal, .constant: return 0
        case .not, .logicalNot, .reduce: return 3
        case .binary(let op, _, _): return (op == .addCarry || op == .subBorrow) ? 20 : 6
        case .shiftConst: return 8
        case .shiftVar: return 6
        case .slice: return 8
        case .dynamicBit: return 24
        case .concat(let parts): return 2 * parts.count
        case .replicate: return 6
        case .mux: return 8
        case .zeroExtend: return 12
        case .memoryRead(let k, _): return m.memories[k].name.utf8.count + 40
        }
    }

    init(_ m: Module) {
        module = m
        signalUse = Array(repeating: BitUse(), count: m.signals.count)
        memoryRead = Array(repeating: false, count: m.memories.count)
        let exprs = m.exprs
        var uses = [Int](repeating: 0, count: exprs.count)
        var roots: [Int] = []
        for p in m.processes { Statement.collectRoots(p.body, into: &roots) }
        for s in m.signals {
            if case .register(let info) = s.kind {
                signalUse[info.clock].full = true
                if let r = info.reset { roots.append(r) }
                if let e = info.enable { roots.append(e) }
            }
        }
        for mem in m.memories { signalUse[mem.clock].full = true }
        for inst in m.instances { for b in inst.inputs { roots.append(b.index) } }
        for r in roots { uses[r] += 1 }
        // Values of `assign` statements and port connections: not inside any `always @*`.
        var continuous = Set<Int>()
        for p in m.processes { if let v = p.singleAssignment, case .combinational = p.kind { continuous.insert(v) } }
        for inst in m.instances { for b in inst.inputs { continuous.insert(b.index) } }
        // Reachability and use counts: parents have larger indices than operands.
        var reachable = [Bool](repeating: false, count: exprs.count)
        for r in roots { reachable[r] = true }
        var needsName = [Bool](repeating: false, count: exprs.count)
        for n in stride(from: exprs.count - 1, through: 0, by: -1) where reachable[n] {
            let kind = exprs[n].kind
            for o in kind.operands { reachable[o] = true; uses[o] += 1 }
            switch kind {
            case .slice(let a, _, _): needsName[a] = true
            case .dynamicBit(let a, let i) where ExpressionText.directBitSelect(exprs[a].width, exprs[i].width): needsName[a] = true
            case .memoryRead(let mem, _): memoryRead[mem] = true
            default: break
            }
        }
        // Temps: compound nodes used twice, sliced, nested too deeply, or reading a memory;
        // and operands of an expression whose inline text would grow past `maxInlineLength`
        // (largest operands first). Decided in node order (operands first).
        var isTemp = [Bool](repeating: false, count: exprs.count)
        var compound = [Bool](repeating: false, count: exprs.count)
        var depth = [Int](repeating: 0, count: exprs.count)
        var length = [Int](repeating: 0, count: exprs.count)
        for n in 0..<exprs.count where reachable[n] {
            let kind = exprs[n].kind
            switch kind {
            case .signal(let d): length[n] = m.signals[d].name.utf8.count; continue
            case .constant: length[n] = 8; continue
            case .slice(let a, _, _):   // a slice of a declared signal is as cheap as a name
                if case .signal(let d) = exprs[a].kind, !needsName[n] { length[n] = m.signals[d].name.utf8.count + 7; continue }
            default: break
            }
            compound[n] = true
            let ops = kind.operands
            var total = Analysis.overhead(kind, m) + ops.reduce(0) { $0 + (isTemp[$1] ? 5 : length[$1]) }
            while total > Analysis.maxInlineLength {
                guard let big = ops.filter({ compound[$0] && !isTemp[$0] }).max(by: { length[$0] < length[$1] }),
                      length[big] > 5 else { break }
                isTemp[big] = true
                total -= length[big] - 5
            }
            length[n] = total
            depth[n] = 1 + (ops.map { isTemp[$0] ? 0 : depth[$0] }.max() ?? 0)
            // A memory read is a wire unless it is the whole value of an `assign`: inside
            // `always @*` Icarus warns that the block is sensitive to every word of the array.
            var isMemoryRead = false
            if case .memoryRead = kind { isMemoryRead = !(uses[n] == 1 && continuous.contains(n)) }
            if uses[n] > 1 || needsName[n] || depth[n] > Analysis.maxInlineDepth || isMemoryRead {
                isTemp[n] = true
            }
        }
        for n in 0..<exprs.count where isTemp[n] {
            temp[n] = temps.count
            temps.append(n)
        }
        // Bit usage: a slice of a named operand reads its bits; any other use reads all.
        for n in 0..<exprs.count where reachable[n] {
            let kind = exprs[n].kind
            if case .slice(let a, let hi, let lo) = kind {
                markRange(a, hi: hi, lo: lo)
                continue
            }
            for o in kind.operands { markFull(o) }
        }
        for r in roots { markFull(r) }
    }

    private mutating func markFull(_ node: Int) {
        if case .signal(let d) = module.exprs[node].kind { signalUse[d].full = true }
        else if temp[node] != nil { tempUse[node, default: BitUse()].full = true }
    }

    private mutating func markRange(_ node: Int, hi: Int, lo: Int) {
        if case .signal(let d) = module.exprs[node].kind { signalUse[d].ranges.append((hi, lo)) }
        else if temp[node] != nil { tempUse[node, default: BitUse()].ranges.append((hi, lo)) }
    }
}
