import HDL
import RouterSpec

/// Choosing the target of an event (SPEC 5.2): the static map, else the
/// policy of ROUTE[reason] in VMCS 0 (OWNER, FIELD, IO_RANGE, LOAD).
struct RoutingPolicy {
    /// The chosen VMM (4 bits) before the deliverability rules.
    let chosen: Signal
    /// The policy reported in a ROUTED response (0-3 from ROUTE, 4 STATIC).
    let policy: Signal

    init(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ d: CommandDecode) {
        let routeVMM = m.wire("route_vmm_sel", width: 4)
        routeVMM <== s.routeVMM.read(d.reasonIndex)
        let routePolicy = m.wire("route_policy_sel", width: 3)
        routePolicy <== s.routePolicy.read(d.reasonIndex).zeroExtended(to: 3)

        // OWNER: a running VMM keeps its own events; a guest's owner takes them if it wants them.
        let k = m.wire("guest_owner", width: 4)
        k <== s.owner.read(d.currentID)
        let wants = OwnerWants.wants(m, p, s, d, owner: k)
        let ownerTarget = mux(d.isVMM, d.currentVMM, mux(wants, k, 0))


        // LOAD: eligible VMMs that are not busy (or are the one running); lowest load, ties to the lowest id.
        let eligible = s.eligible.read(d.reasonIndex).named("eligible_sel")
        let candidates = cat((0..<p.vmms).reversed().map { v in
            eligible[v] && (!s.busy(v) || (d.isVMM && (d.currentID .== v)))
        }).named("load_candidates")
        let least = LeastLoaded.pick(m, candidates: candidates, loads: (0..<p.vmms).map { s.load[$0] })
        let loadSel = m.wire("load_target", width: 4)
        loadSel <== mux(least.found, least.vmm, routeVMM)

        let byPolicy = m.wire("policy_target", width: 4)
        byPolicy <== routeVMM
        m.when(routePolicy .== m.spec("POLICY_OWNER")) { byPolicy <== ownerTarget }
            .elseWhen(routePolicy .== m.spec("POLICY_IO_RANGE")) {
                // IO_RANGE: the lowest enabled range containing every port of the access (no
                // wrap); the range compares are side by side, the `if` chain is the priority.
                if let base = s.ioBase, let limit = s.ioLimit, let enable = s.ioEnable, let vmm = s.ioVMM {
                    m.when(d.isIO && !d.wraps) {
                        var chain: When?
                        for r in 0..<p.ioRanges {
                            let inside = enable[r] && (base[r] <= d.port) && (d.lastPort <= limit[r])
                            chain = chain.map { $0.elseWhen(inside) { byPolicy <== vmm[r] } } ?? m.when(inside) { byPolicy <== vmm[r] }
                        }
                    }
                }
            }
            .elseWhen(routePolicy .== m.spec("POLICY_LOAD")) { byPolicy <== loadSel }

        let staticHit = m.wire("static_hit", width: 1)
        staticHit <== Select.any(m, p.staticMap.map { d.reason .== m.spec(exitReason: $0) })
        chosen = m.wire("chosen_vmm", width: 4)
        chosen <== mux(staticHit, m.const(p.platformVMM, width: 4), byPolicy)
        policy = m.wire("route_policy_out", width: 3)
        policy <== mux(staticHit, m.spec("POLICY_STATIC"), routePolicy)
    }
}
