extension Examples {
    /// A fixed-priority arbiter for `requesters` requesters (plain Swift parameter): the
    /// lowest-numbered requester wins. `grant` is one-hot (or 0 when nobody requests),
    /// `grant_index` its number, `any` is 1 when some request is up. Purely combinational.
    /// `name` is the Verilog module name (give each size its own when several are used).
    public static func priorityArbiter(requesters: Int = 4, name: String = "priority_arbiter") throws -> Module {
        precondition(requesters >= 2, "Examples.priorityArbiter: need at least 2 requesters")
        let m = ModuleBuilder(name)
        let req = m.input("req", width: requesters)
        let grant = m.output("grant", width: requesters)
        let index = m.output("grant_index", width: Swift.max(1, bitsToIndex(requesters)))
        let any = m.output("any")

        var bits: [Signal] = []
        var lowerBusy: Signal? = nil
        for i in 0..<requesters {                      // generate time: one gate per requester
            let bit = lowerBusy.map { req[i] && !$0 } ?? req[i]
            bits.append(bit)
            lowerBusy = lowerBusy.map { $0 || req[i] } ?? req[i]
        }
        grant <== cat(bits.reversed())
        any <== req.orReduce()

        index <== 0
        for i in stride(from: requesters - 1, through: 0, by: -1) {   // lowest index last: it wins
            m.when(req[i]) { index <== i }
        }
        return try m.build()
    }
}
