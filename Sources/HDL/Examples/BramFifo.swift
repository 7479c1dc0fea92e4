extension Examples {
    /// A valid/ready FIFO whose storage is a block-RAM-style memory (synchronous read,
    /// `readSync`): `depth` words in the RAM plus one output register. A word moves from
    /// the RAM to the output register (`load`) when the RAM holds one and the output is
    /// empty or being taken; the RAM's read data is the output one edge later. A read
    /// never meets a write of the same word in one cycle (the RAM is then empty), so the
    /// read-first (`.oldData`) port is enough.
    public static func bramFifo(depth: Int = 16, width: Int = 8) throws -> Module {
        precondition(depth >= 2 && depth & (depth - 1) == 0, "Examples.bramFifo: depth \(depth) must be a power of two >= 2")
        let a = bitsToIndex(depth)
        let m = ModuleBuilder("bram_fifo")
        let clk = m.input("clk"), rst = m.input("rst")
        let inValid = m.input("in_valid"), inData = m.input("in_data", width: width)
        let inReady = m.output("in_ready")
        let outValid = m.output("out_valid"), outData = m.output("out_data", width: width)
        let outReady = m.input("out_ready")

        let ram = m.memory("ram", depth: depth, width: width, clock: clk)
        let writePtr = m.reg("writePtr", width: a, clock: clk, reset: rst, resetValue: 0)
        let readPtr = m.reg("readPtr", width: a, clock: clk, reset: rst, resetValue: 0)
        let used = m.reg("used", width: a + 1, clock: clk, reset: rst, resetValue: 0)
        let held = m.reg("held", clock: clk, reset: rst, resetValue: 0)

        let push = (inValid && inReady).named("push")
        let load = ((used .!= 0) && (!held || outReady)).named("load")
        m.when(push) {
            ram.write(writePtr, inData)
            writePtr <== writePtr + 1
        }
        let head = ram.readSync(readPtr, enable: load)
        m.when(load) {
            readPtr <== readPtr + 1
            held <== 1
        }.elseWhen(outReady) {
            held <== 0
        }
        m.when(push && !load) { used <== used + 1 }.elseWhen(load && !push) { used <== used - 1 }
        inReady <== used .!= depth
        outValid <== held
        outData <== head
        return try m.build()
    }
}
