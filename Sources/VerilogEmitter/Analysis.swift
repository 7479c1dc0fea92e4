import HDL

/// Pass 1 of emitting a module: which expression nodes are emitted at all, which get a
/// named wire of their own (a "temp", named for its role by `TempNames`), which bits of
/// each declaration are read (for the targeted `UNUSEDSIGNAL` waivers), and which
/// localparams are used.
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
    /// Node -> temp name, for nodes emitted as a wire of their own.
    var temp: [ExprID: String] = [:]
    /// Temp nodes in emission order (operands first).
    var temps: [ExprID] = []
    /// Indexed by signal (`SignalID.index`).
    var signalUse: [BitUse]
    var tempUse: [ExprID: BitUse] = [:]
    /// Indexed by memory (`MemoryID.index`).
    var memoryRead: [Bool]
    /// Localparams (by `ParameterID.index`) some emitted expression names (the others are not declared:
    /// Verilator -Wall reports an unused parameter).
    var parameterUsed: [Bool]

    static let maxInlineDepth = 12
    /// Expressions longer than this (estimated characters) are split into temps.
    static let maxInlineLength = 150
    /// A compound expression used more than once gets a wire only when its text is at
    /// least this long; shorter ones read as well repeated (every simulator and synthesis
    /// tool shares common subexpressions itself).
    static let minSharedLength = 40

    /// Estimated characters an expression adds around its operands.
    static func overhead(_ kind: ExprKind, _ m: Module) -> Int {
        switch kind {
        case .signal, .constant, .parameter: return 0
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
        case .signExtend: return 16
        case .signedCompare: return 24
        case .shiftRightArithmetic: return 26
        case .memoryRead(let k, _): return m.memories[k].name.utf8.count + 40
        }
    }

    /// A read of a register-array element at a constant address: as cheap as a name.
    static func isElement(_ kind: ExprKind, _ m: Module) -> Bool {
        if case .memoryRead(_, let a) = kind, case .constant = m.exprs[a].kind { return true }
        return false
    }

    /// A memory read whose bits the emitter selects without a wire of its own: Verilog
    /// bit-selects an array element (`mem[addr][hi:lo]`), and a read guarded against an
    /// address past the depth is written with the selection inside the guard
    /// (`(addr < N) ? mem[addr][hi:lo] : 0`, see `ExpressionText.guardedRead`).
    static func isSelectable(_ kind: ExprKind, _ m: Module) -> Bool {
        if case .memoryRead = kind { return true }
        return false
    }

    /// `local`: wires computed inside a clocked block (`LocalValues`): their logic is not in
    /// an `always @*` block, so their memory reads need no wire of their own.
    init(_ m: Module, local: Set<SignalID> = []) {
        module = m
        signalUse = Array(repeating: BitUse(), count: m.signals.count)
        memoryRead = Array(repeating: false, count: m.memories.count)
        parameterUsed = Array(repeating: false, count: m.parameters.count)
        let exprs = m.exprs
        var uses = [Int](repeating: 0, count: exprs.count)
        var roots: [ExprID] = []
        for p in m.processes { Statement.collectRoots(p.body, into: &roots) }
        for s in m.signals {
            if case .register(let info) = s.kind {
                if info.reset != nil, let k = ModuleText.enumerationResetName(s, info, m) { parameterUsed[k.index] = true }
                signalUse[info.clock.index].full = true
                if let r = info.reset { roots.append(r) }
                if let e = info.enable { roots.append(e) }
            }
        }
        for mem in m.memories {
            signalUse[mem.clock.index].full = true
            if let r = mem.registers?.reset { roots.append(r) }
            if let e = mem.registers?.enable { roots.append(e) }
        }
        for inst in m.instances { for b in inst.inputs { roots.append(b.value) } }
        for p in m.properties {
            signalUse[p.clock.index].full = true
            roots.append(p.condition)
            if let d = p.disable { roots.append(d) }
        }
        for r in roots { uses[r.index] += 1 }
        // Expressions read inside an `always @*` block (conditional combinational logic).
        var procedural = [Bool](repeating: false, count: exprs.count)
        for p in m.processes where p.singleAssignment == nil {
            guard case .combinational(let d) = p.kind, !local.contains(d) else { continue }
            var r: [ExprID] = []
            Statement.collectRoots(p.body, into: &r)
            for n in r { procedural[n.index] = true }
        }
        // Reachability and use counts: parents have larger indices than operands.
        var reachable = [Bool](repeating: false, count: exprs.count)
        for r in roots { reachable[r.index] = true }
        var needsName = [Bool](repeating: false, count: exprs.count)
        for n in stride(from: exprs.count - 1, through: 0, by: -1) where reachable[n] {
            let kind = exprs[n].kind
            for o in kind.operands {
                reachable[o.index] = true
                uses[o.index] += 1
                if procedural[n] { procedural[o.index] = true }
            }
            switch kind {
            case .slice(let a, _, _) where !Analysis.isSelectable(exprs[a].kind, m): needsName[a.index] = true
            case .dynamicBit(let a, let i) where ExpressionText.directBitSelect(exprs[a].width, exprs[i].width)
                && !Analysis.isSelectable(exprs[a].kind, m):
                needsName[a.index] = true
            case .signExtend(let a) where m.exprs[a].width > 1 && !Analysis.isSelectable(exprs[a].kind, m): needsName[a.index] = true
            case .memoryRead(let mem, _): memoryRead[mem.index] = true
            case .parameter(let k): parameterUsed[k.index] = true
            default: break
            }
        }
        // Temps: compound nodes sliced, nested too deeply, reading a memory at a signal
        // address, or used twice with a long text; and operands of an expression whose
        // inline text would grow past `maxInlineLength` (largest operands first). Decided
        // in node order (operands first).
        var isTemp = [Bool](repeating: false, count: exprs.count)
        var compound = [Bool](repeating: false, count: exprs.count)
        var depth = [Int](repeating: 0, count: exprs.count)
        var length = [Int](repeating: 0, count: exprs.count)
        for n in 0..<exprs.count where reachable[n] {
            let kind = exprs[n].kind
            switch kind {
            case .signal(let d): length[n] = m.signals[d].name.utf8.count; continue
            case .parameter(let k): length[n] = m.parameters[k].name.utf8.count; continue
            case .constant: length[n] = 8; continue
            case .memoryRead(let k, _) where Analysis.isElement(kind, m) && !procedural[n]:
                length[n] = m.memories[k].name.utf8.count + 4; continue
            case .slice(let a, _, _):   // a slice of a declared signal is as cheap as a name
                if case .signal(let d) = exprs[a].kind, !needsName[n] { length[n] = m.signals[d].name.utf8.count + 7; continue }
            default: break
            }
            compound[n] = true
            let ops = kind.operands
            var total = Analysis.overhead(kind, m) + ops.reduce(0) { $0 + (isTemp[$1.index] ? 12 : length[$1.index]) }
            while total > Analysis.maxInlineLength {
                guard let big = ops.filter({ compound[$0.index] && !isTemp[$0.index] }).max(by: { length[$0.index] < length[$1.index] }),
                      length[big.index] > 12 else { break }
                isTemp[big.index] = true
                total -= length[big.index] - 12
            }
            length[n] = total
            depth[n] = 1 + (ops.map { isTemp[$0.index] ? 0 : depth[$0.index] }.max() ?? 0)
            // A memory read that an `always @*` block would contain is a wire: there Icarus
            // warns that the block is sensitive to every word of the array.
            var isMemoryRead = false
            if case .memoryRead = kind { isMemoryRead = procedural[n] }
            let shared = uses[n] > 1 && total >= Analysis.minSharedLength
            if shared || needsName[n] || depth[n] > Analysis.maxInlineDepth || isMemoryRead {
                isTemp[n] = true
            }
        }
        var names = TempNames(m)
        for n in 0..<exprs.count where isTemp[n] {
            let id = ExprID(n)
            temp[id] = names.name(for: id, temps: temp)
            temps.append(id)
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

    private mutating func markFull(_ node: ExprID) {
        if case .signal(let d) = module.exprs[node].kind { signalUse[d.index].full = true }
        else if temp[node] != nil { tempUse[node, default: BitUse()].full = true }
    }

    private mutating func markRange(_ node: ExprID, hi: Int, lo: Int) {
        if case .signal(let d) = module.exprs[node].kind { signalUse[d.index].ranges.append((hi, lo)) }
        else if temp[node] != nil { tempUse[node, default: BitUse()].ranges.append((hi, lo)) }
    }
}
