import HDL

/// Small combinational building blocks the router uses on top of the DSL.
enum Select {
    /// OR of 1-bit signals (constant 0 for none) as one reduction, `|{a, b, c}`: a balanced
    /// tree in synthesis and one word operation in simulation, instead of a chain.
    static func any(_ m: ModuleBuilder, _ bits: [Signal]) -> Signal {
        guard let first = bits.first else { return m.const(0, width: 1) }
        return bits.count == 1 ? first : cat(bits).orReduce()
    }
}
