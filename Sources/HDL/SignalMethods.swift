/// Slicing, sizing, concatenation, reduction and multiplexing of `Signal`s. These are
/// methods, so they record the call site for messages.

extension Signal {
    /// Bits `hi...lo` (`a[7, 0]`); `hi >= lo`, both within the width.
    public subscript(_ hi: Int, _ lo: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        builder.slice(self, hi, lo, SourceLocation(fileID: fileID, line: line))
    }

    /// One bit (`a[3]`).
    public subscript(_ bit: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        builder.slice(self, bit, bit, SourceLocation(fileID: fileID, line: line))
    }

    /// One bit chosen by a signal (`a[index]`); an index beyond the width reads 0.
    public subscript(_ index: Signal, fileID: String = #fileID, line: Int = #line) -> Signal {
        guard builder.owns(index, SourceLocation(fileID: fileID, line: line)) else { return builder.make(.constant(0), width: 1) }
        return builder.make(.dynamicBit(node, index: index.node), width: 1)
    }

    /// Zero-extends to `width` bits (`width >= self.width`).
    public func zeroExtended(to width: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        if width == self.width { return self }
        if width < self.width {
            builder.report(SourceLocation(fileID: fileID, line: line),
                           "cannot zero-extend the \(self.width)-bit \(builder.describe(node)) to \(width) bits", fix: "use .truncated(to: \(width))")
            return truncated(to: width, fileID: fileID, line: line)
        }
        return builder.make(.zeroExtend(node), width: width)
    }

    /// Keeps the low `width` bits (`width <= self.width`).
    public func truncated(to width: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        if width == self.width { return self }
        let at = SourceLocation(fileID: fileID, line: line)
        if width > self.width || width < 1 {
            builder.report(at, "cannot truncate the \(self.width)-bit \(builder.describe(node)) to \(width) bits",
                           fix: width < 1 ? "keep at least 1 bit" : "use .zeroExtended(to: \(width))")
            return width < 1 ? self : zeroExtended(to: width, fileID: fileID, line: line)
        }
        return builder.slice(self, width - 1, 0, at)
    }

    /// `count` copies side by side (`{count{a}}`).
    public func replicated(_ count: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        if count < 1 {
            builder.report(SourceLocation(fileID: fileID, line: line), "cannot replicate \(builder.describe(node)) \(count) times", fix: "use a count of at least 1")
            return self
        }
        if count == 1 { return self }
        return builder.make(.replicate(node, count: count), width: width * count)
    }

    /// `self + other` with the carry: width + 1 bits.
    public func addingWithCarry(_ other: Signal) -> Signal { builder.binary(.addCarry, self, other, "addingWithCarry") }
    /// `self + other` with the carry: width + 1 bits; `other` is a constant of `self`'s width and must fit.
    public func addingWithCarry(_ other: Int) -> Signal { builder.binary(.addCarry, self, lit(other, "addingWithCarry"), "addingWithCarry") }
    /// `self - other` with the borrow in the top bit: width + 1 bits (top bit 1 when other > self).
    public func subtractingWithBorrow(_ other: Signal) -> Signal { builder.binary(.subBorrow, self, other, "subtractingWithBorrow") }
    /// `self - other` with the borrow in the top bit: width + 1 bits; `other` is a constant of `self`'s width and must fit.
    public func subtractingWithBorrow(_ other: Int) -> Signal { builder.binary(.subBorrow, self, lit(other, "subtractingWithBorrow"), "subtractingWithBorrow") }

    /// 1 when any bit is 1.
    public func orReduce() -> Signal { width == 1 ? self : builder.make(.reduce(.or, node), width: 1) }
    /// 1 when every bit is 1.
    public func andReduce() -> Signal { width == 1 ? self : builder.make(.reduce(.and, node), width: 1) }
    /// Parity: 1 when an odd number of bits are 1.
    public func xorReduce() -> Signal { width == 1 ? self : builder.make(.reduce(.xor, node), width: 1) }
}

/// Concatenation; the first part is the most significant (`{a, b, c}`).
public func cat(_ parts: Signal..., fileID: String = #fileID, line: Int = #line) -> Signal {
    cat(parts, fileID: fileID, line: line)
}

/// Concatenation of an array; the first part is the most significant.
public func cat(_ parts: [Signal], fileID: String = #fileID, line: Int = #line) -> Signal {
    guard let first = parts.first else { fatalError("cat() needs at least one part (\(fileID):\(line))") }
    if parts.count == 1 { return first }
    let b = first.builder
    let at = SourceLocation(fileID: fileID, line: line)
    for p in parts where !b.owns(p, at) { return first }
    return b.make(.concat(parts.map(\.node)), width: parts.reduce(0) { $0 + $1.width })
}

/// `sel ? whenTrue : whenFalse` (sel 1 bit, arms of equal width).
public func mux(_ sel: Signal, _ whenTrue: Signal, _ whenFalse: Signal, fileID: String = #fileID, line: Int = #line) -> Signal {
    sel.builder.mux(sel, whenTrue, whenFalse, SourceLocation(fileID: fileID, line: line))
}
/// `sel ? whenTrue : whenFalse` with a constant false arm of `whenTrue`'s width (it must fit).
public func mux(_ sel: Signal, _ whenTrue: Signal, _ whenFalse: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
    let at = SourceLocation(fileID: fileID, line: line)
    return sel.builder.mux(sel, whenTrue, sel.builder.literal(whenFalse, width: whenTrue.width, at, context: "a mux arm"), at)
}
/// `sel ? whenTrue : whenFalse` with a constant true arm of `whenFalse`'s width (it must fit).
public func mux(_ sel: Signal, _ whenTrue: Int, _ whenFalse: Signal, fileID: String = #fileID, line: Int = #line) -> Signal {
    let at = SourceLocation(fileID: fileID, line: line)
    return sel.builder.mux(sel, sel.builder.literal(whenTrue, width: whenFalse.width, at, context: "a mux arm"), whenFalse, at)
}

/// `values[index]`: selects one of equal-width values by a signal index (any width); an
/// index with no value reads 0. Up to 4 values: a `?:` chain on `index == i` (the decodes
/// are shared with any other selection by the same index); more: a balanced tree of `?:` on
/// the index bits, log2(n) levels deep instead of n.
public func mux(_ index: Signal, _ values: [Signal], fileID: String = #fileID, line: Int = #line) -> Signal {
    let m = index.builder
    let at = SourceLocation(fileID: fileID, line: line)
    guard let first = values.first else {
        m.report(at, "mux(index, []) has no values", fix: "pass at least one value")
        return m.make(.constant(0), width: 1)
    }
    if values.count > 4 && index.width < 62 {
        // Level k pairs the values whose indices differ in bit k; index bits above the
        // values' range must be 0.
        let bits = bitsToIndex(values.count)
        let zero = m.make(.constant(0), width: first.width)
        var level = Array(values.prefix(1 << Swift.min(bits, index.width)))
        for k in 0..<Swift.min(bits, index.width) {
            var next: [Signal] = []
            for i in stride(from: 0, to: level.count, by: 2) {
                next.append(i + 1 < level.count ? m.mux(index[k], level[i + 1], level[i], at) : m.mux(index[k], zero, level[i], at))
            }
            level = next
        }
        guard index.width > bits else { return level[0] }
        return m.mux(index[index.width - 1, bits] .== 0, level[0], zero, at)
    }
    let reachable = index.width >= 62 ? values.count : Swift.min(values.count, 1 << index.width)
    let full = reachable == values.count && index.width < 62 && values.count == (1 << index.width)
    var result = full ? values[reachable - 1] : m.make(.constant(0), width: first.width)
    for i in stride(from: (full ? reachable - 2 : reachable - 1), through: 0, by: -1) {
        result = m.mux(index .== i, values[i], result, at)
    }
    return result
}

extension ModuleBuilder {
    func slice(_ a: Signal, _ hi: Int, _ lo: Int, _ at: SourceLocation) -> Signal {
        if lo < 0 || hi < lo || hi >= a.width {
            report(at, "bits [\(hi):\(lo)] are outside the \(a.width)-bit \(describe(a.node))",
                   fix: "select within [\(a.width - 1):0] with hi >= lo")
            return make(.constant(0), width: Swift.max(1, hi - lo + 1))
        }
        if lo == 0 && hi == a.width - 1 { return a }
        if case .slice(let inner, _, let base) = exprs[a.node].kind {
            // A slice of a slice is one slice of the original (no intermediate wire).
            return make(.slice(inner, hi: base + hi, lo: base + lo), width: hi - lo + 1)
        }
        if case .mux(let s, let t, let f) = exprs[a.node].kind, case .constant(0) = exprs[f].kind {
            // Bits of a value guarded to 0 (e.g. an array element read by a wide index) are the
            // guarded bits of the value: no intermediate wire of the whole word.
            let part = slice(Signal(width: exprs[t].width, node: t, builder: self), hi, lo, at)
            return make(.mux(s, part.node, make(.constant(0), width: hi - lo + 1).node), width: hi - lo + 1)
        }
        return make(.slice(a.node, hi: hi, lo: lo), width: hi - lo + 1)
    }

    func mux(_ sel: Signal, _ t: Signal, _ f: Signal, _ at: SourceLocation) -> Signal {
        guard owns(sel, at), owns(t, at), owns(f, at) else { return t }
        if sel.width != 1 {
            report(at, "the mux selector \(describe(sel.node)) is \(sel.width) bits", fix: "select with a 1-bit signal (e.g. x .!= 0)")
        }
        if t.width != f.width {
            report(at, "mux arms have different widths: \(describe(t.node)) is \(t.width) bits, \(describe(f.node)) is \(f.width) bits",
                   fix: "make the widths equal with .zeroExtended(to:) or .truncated(to:)")
        }
        return make(.mux(sel.node, t.node, f.node), width: t.width)
    }
}
