import HDL

/// Small combinational building blocks the router uses on top of the DSL.
enum Select {
    /// `values[index]` as a `?:` chain (an index with no value reads 0). Used
    /// for bit-slices of register arrays (e.g. bit 3 of PIN of VMM k), so the
    /// Verilog reads only the bits routing needs instead of a whole selected word.
    static func pick(_ m: ModuleBuilder, _ values: [Signal], by index: Signal) -> Signal {
        precondition(!values.isEmpty)
        let reachable = index.width >= 62 ? values.count : min(values.count, 1 << index.width)
        let full = reachable == values.count && index.width < 62 && values.count == (1 << index.width)
        var result = full ? values[reachable - 1] : m.const(0, width: values[0].width)
        for i in stride(from: full ? reachable - 2 : reachable - 1, through: 0, by: -1) {
            result = mux(index .== i, values[i], result)
        }
        return result
    }

    /// OR of 1-bit signals (constant 0 for none), without a leading constant term.
    static func any(_ m: ModuleBuilder, _ bits: [Signal]) -> Signal {
        guard var result = bits.first else { return m.const(0, width: 1) }
        for b in bits.dropFirst() { result = result || b }
        return result
    }

    /// OR of equal-width words (constant 0 for none).
    static func or(_ m: ModuleBuilder, _ words: [Signal], width: Int) -> Signal {
        guard var result = words.first else { return m.const(0, width: width) }
        for w in words.dropFirst() { result = result | w }
        return result
    }
}
