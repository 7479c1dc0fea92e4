import HDL

/// SPEC 5.4: a busy target (other than the running VMM) falls back to VMM 0;
/// when VMM 0 is busy too and not the one running, the event is undeliverable.
struct Deliverability {
    /// The VMM that handles the event.
    let target: Signal
    /// The target was busy and VMM 0 takes the event instead.
    let fallback: Signal
    /// target == current (no transition).
    let isSelf: Signal
    /// REJECTED 3.
    let undeliverable: Signal

    init(_ m: ModuleBuilder, _ s: RouterState, _ d: CommandDecode, chosen: Signal) {
        let chosenIsCurrent = d.isVMM && (d.currentVMM .== chosen)
        let redirect = m.wire("fallback_to_vmm0", width: 1)
        redirect <== !chosenIsCurrent && s.busy(chosen)
        fallback = redirect
        undeliverable = m.wire("undeliverable", width: 1)
        undeliverable <== redirect && !d.isMainVMM && s.busy(0)
        target = m.wire("target_vmm", width: 4)
        target <== mux(redirect, 0, chosen)
        isSelf = m.wire("target_is_current", width: 1)
        isSelf <== d.isVMM && (d.currentVMM .== target)
    }
}
