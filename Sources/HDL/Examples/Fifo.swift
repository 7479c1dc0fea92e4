extension Examples {
    /// A valid/ready FIFO of `depth` (a power of two, at least 2) words of `width` bits,
    /// backed by a memory. `in_*` accepts a word when `in_valid && in_ready`; `out_*`
    /// presents the oldest word, consumed when `out_valid && out_ready`. Pushing and
    /// popping in one cycle is allowed (also when full, since the pop frees a slot only at
    /// the edge, `in_ready` is 0 when full). `count` is the number of words held.
    public static func fifo(depth: Int = 4, width: Int = 8) throws -> Module {
        precondition(depth >= 2 && depth & (depth - 1) == 0, "Examples.fifo: depth \(depth) must be a power of two >= 2")
        let a = bitsToIndex(depth)
        let m = ModuleBuilder("fifo")
        let clk = m.input("clk")
        let rst = m.input("rst")
        let inValid = m.input("in_valid")
        let inData = m.input("in_data", width: width)
        let inReady = m.output("in_ready")
        let outValid = m.output("out_valid")
        let outData = m.output("out_data", width: width)
        let outReady = m.input("out_ready")
        let count = m.output("count", width: a + 1)

        let storage = m.memory("storage", depth: depth, width: width, clock: clk)
        let writePtr = m.reg("writePtr", width: a, clock: clk, reset: rst, resetValue: 0)
        let readPtr = m.reg("readPtr", width: a, clock: clk, reset: rst, resetValue: 0)
        let used = m.reg("used", width: a + 1, clock: clk, reset: rst, resetValue: 0)
        let push = m.wire("push")
        let pop = m.wire("pop")

        inReady <== used .!= depth
        outValid <== used .!= 0
        outData <== storage.read(readPtr)
        count <== used
        push <== inValid && inReady
        pop <== outValid && outReady

        m.when(push) {
            storage.write(writePtr, inData)
            writePtr <== writePtr + 1
        }
        m.when(pop) {
            readPtr <== readPtr + 1
        }
        m.when(push && !pop) {
            used <== used + 1
        }.elseWhen(pop && !push) {
            used <== used - 1
        }
        return try m.build()
    }
}
