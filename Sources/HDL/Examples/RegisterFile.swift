extension Examples {
    /// A memory-backed register file: `registers` words of `width` bits, one synchronous
    /// write port (`we`, `waddr`, `wdata`) and `readPorts` asynchronous read ports
    /// (`raddr0`/`rdata0`, ...). Register 0 reads as 0 when `zeroRegister` is true
    /// (RISC-style), whatever was written to it.
    public static func registerFile(registers: Int = 32, width: Int = 32, readPorts: Int = 2,
                                    zeroRegister: Bool = true) throws -> Module {
        precondition(registers >= 2 && readPorts >= 1, "Examples.registerFile: need >= 2 registers and >= 1 read port")
        let a = bitsToIndex(registers)
        let m = ModuleBuilder("register_file")
        let clk = m.input("clk")
        let we = m.input("we")
        let waddr = m.input("waddr", width: a)
        let wdata = m.input("wdata", width: width)
        let regs = m.memory("regs", depth: registers, width: width, clock: clk)
        for p in 0..<readPorts {                       // generate-time loop: one port each
            let raddr = m.input("raddr\(p)", width: a)
            let rdata = m.output("rdata\(p)", width: width)
            if zeroRegister {
                rdata <== mux(raddr .== 0, 0, regs.read(raddr))
            } else {
                rdata <== regs.read(raddr)
            }
        }
        m.when(we) {
            regs.write(waddr, wdata)
        }
        return try m.build()
    }
}
