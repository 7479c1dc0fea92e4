import HDL

/// Small combinational building blocks the router uses on top of the DSL.
enum Select {
    /// `values[index]` (an index with no value reads 0), via the DSL's `mux(index, values)`.
    /// Used for bit-slices of register arrays (e.g. bit 3 of PIN of VMM k), so the
    /// Verilog reads only the bits routing needs instead of a whole selected word.
    static func pick(_ m: ModuleBuilder, _ values: [Signal], by index: Signal) -> Signal {
        mux(index, values)
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
