extension Examples {
    /// The synchronizer cell of `edgeCounter`: an external module (`Module.external`), its
    /// Verilog in `rtl/examples/sync_cell.v` (two flip-flops, parameter `WIDTH`).
    public static func syncCell(width: Int) throws -> Module {
        try Module.external("sync_cell", parameters: ["WIDTH"]) { m in
            _ = m.input("clk")
            _ = m.input("d", width: width)
            _ = m.output("q", width: width)
        }
    }

    /// Counts rising edges of `async_in`, a signal from another clock domain: the input goes
    /// through `sync_cell` (a black box, two flip-flops) before the edge detector, so `count`
    /// follows an edge three clock edges later. `count` saturates at 255.
    public static func edgeCounter() throws -> Module {
        let m = ModuleBuilder("edge_counter")
        let clk = m.input("clk"), rst = m.input("rst")
        let asyncIn = m.input("async_in")
        let count = m.output("count", width: 8)
        let synced = m.wire("synced")
        m.instance(try syncCell(width: 1), name: "u_sync", parameters: ["WIDTH": 1],
                   bindings: ["clk": clk, "d": asyncIn, "q": synced])
        let previous = m.reg("previous", width: 1, clock: clk, reset: rst, resetValue: 0)
        let edges = m.reg("edges", width: 8, clock: clk, reset: rst, resetValue: 0)
        previous <== synced
        m.when(synced && !previous && edges .!= 255) { edges <== edges + 1 }
        count <== edges
        return try m.build()
    }
}
