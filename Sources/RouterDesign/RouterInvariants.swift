import HDL

/// The legal encodings of the router's registers, asserted in the generated RTL
/// (`m.assert`, emitted under `` `ifdef FORMAL `` for the model checkers and as `$fatal`
/// checks for simulation, ignored by synthesis). The generator knows what every register
/// may hold; a model checker does not, and k-induction, which starts from *any* state that
/// satisfies the property, needs them to rule out states the router can never reach.
/// `trapline prove` proves these first (they are properties too: each is inductive on its
/// own) and then proves the SPEC properties of `SafetyChecker` together with them.
///
/// Every message starts with `invariant:` (the group `trapline prove` reports); all are
/// checked on every rising edge of `clk` while `rst` is low:
/// - `current` is an existing entity: bit 6 clear, a VMM id < V or a guest id < G;
/// - `return_to[v]`: valid, an existing entity other than VMM v itself; invalid, all 0;
/// - `owner[g]`, `route_vmm[t]`, `io_vmm[r]`: VMM ids < V (left out at V = 16: 4 bits
///   hold nothing else);
/// - the response registers: the kind is one of the five, a target < V, a policy
///   <= STATIC, a `current` that is 0 or an existing entity.
///
/// Not asserted: that `exit_wants[v]` (precomputed from PIN and PROC, `ExitWants`) agrees
/// with PIN and PROC. It is an invariant too, but no safety property needs it (the routing
/// decision is tested against the reference router), and gathering the copied control bits
/// of every VMM took about 50 lines of wires in the RTL.
public enum RouterInvariants {
    /// The tag that starts every invariant's message: `invariant`.
    public static let group = "invariant"

    static func assertAll(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ io: RouterPorts) {
        func check(_ condition: Signal, _ text: String, line: Int = #line) {
            m.assert(condition, "\(group): \(text)", clock: io.clk, disableIf: io.rst, line: line)
        }
        /// Every element of `array` below `limit`: one bit per element, named `<name>_below_v`.
        func allBelow(_ array: RegArray, _ name: String, _ limit: Int) -> Signal {
            cat(array.reversed().map { $0 < limit }).named("\(name)_below_v").andReduce()
        }
        check(entityExists(m, p, s.current), "current is a VMM < \(p.vmms) or a guest < \(p.guests)")
        check(cat((0..<p.vmms).reversed().map { v in
            let r = s.returnTo[v], entity = r[7, 0]
            let exists = entityExists(m, p, entity).named("return_to_\(v)_exists")
            let other = entity .!= (m.spec("ENTITY_VMM_FLAG") | m.const(v, width: 8))
            return mux(r[8], exists && other, r .== 0).named("return_to_\(v)_legal")
        }).named("return_to_legal").andReduce(), "return_to[v] holds an existing entity other than VMM v when valid, else 0")
        if p.vmms < 16 {
            check(allBelow(s.owner, "owner", p.vmms), "owner[g] < \(p.vmms)")
            check(allBelow(s.routeVMM, "route_vmm", p.vmms), "route_vmm[t] < \(p.vmms)")
            if let ioVMM = s.ioVMM { check(allBelow(ioVMM, "io_vmm", p.vmms), "io_vmm[r] < \(p.vmms)") }
        }
        check(io.rspKind <= m.spec("RSP_REJECTED"), "rsp_kind is ROUTED, VMSUCCEED, VMFAIL_INVALID, VMFAIL_VALID or REJECTED")
        if p.vmms < 16 { check(io.rspTarget < p.vmms, "rsp_target < \(p.vmms)") }
        check(io.rspPolicy <= m.spec("POLICY_STATIC"), "rsp_policy is OWNER, FIELD, IO_RANGE, LOAD or STATIC")
        check((io.rspCurrent .== 0) || entityExists(m, p, io.rspCurrent), "rsp_current is 0 or an existing entity")
    }

    /// `entity` (8 bits, SPEC 3) names an existing VMM or guest.
    static func entityExists(_ m: ModuleBuilder, _ p: RouterParameters, _ entity: Signal) -> Signal {
        let id = entity[5, 0]
        return !entity[6] && mux(entity[7], below(m, id, p.vmms), below(m, id, p.guests))
    }

    /// `value < limit`, a constant 1 when every value of the width is below it.
    static func below(_ m: ModuleBuilder, _ value: Signal, _ limit: Int) -> Signal {
        limit >= 1 << value.width ? m.const(1, width: 1) : value < limit
    }
}
