import HDL

/// What the checker remembers of one accepted command until its response is consumed.
struct InFlightCommand {
    let op, reason, vmcs: Signal
    /// VMCS 0 and `cmd_field` is the watched field (`CheckerState.watch`).
    let watchHit: Signal
    /// VMCS 0 and `cmd_field` is a routing field ROUTE_LOCK protects (SPEC 6.2).
    let lockable: Signal
    /// VMWRITE of ROUTE_LOCK through VMCS 0 with data bit 0 set.
    let setsLock: Signal
    /// `cmd_data[15:0]`: a routing field's value that passes its check fits in 16 bits
    /// (ROUTE and IO_CTRL 8, ELIGIBLE V <= 16, IO_BASE/IO_LIMIT 16, ROUTE_LOCK 1).
    let data: Signal

    var all: [Signal] { [op, reason, vmcs, watchHit, lockable, setsLock, data] }
}

/// The commands accepted (`cmd_valid && cmd_ready` on an edge) whose responses have not
/// been consumed (`rsp_valid && rsp_ready`), oldest first: a two-entry queue and its
/// count. Two entries is SPEC 9's bound: one response register, and a command's
/// response due within 2 cycles of its acceptance (or of the previous response leaving).
/// The `handshake` property asserts that a third is never accepted.
struct CheckerQueue {
    /// 0, 1 or 2 commands in flight (3 only after the handshake property has failed).
    let count: Signal
    /// The oldest command in flight: the one the current response answers.
    let head: InFlightCommand
    let accept, consume: Signal

    init(_ m: ModuleBuilder, _ io: CheckerPorts, incoming: InFlightCommand) {
        let accept = (io.cmdValid && io.cmdReady).named("chk_accept")
        let consume = (io.rspValid && io.rspReady).named("chk_consume")
        self.accept = accept; self.consume = consume
        let n = m.reg("chk_in_flight", width: 2, clock: io.clk, reset: io.rst, resetValue: 0)
        func slot(_ name: String) -> InFlightCommand {
            func r(_ field: String, _ like: Signal) -> Signal {
                m.reg("chk_\(name)_\(field)", width: like.width, clock: io.clk, reset: io.rst, resetValue: 0)
            }
            return InFlightCommand(op: r("op", incoming.op), reason: r("reason", incoming.reason), vmcs: r("vmcs", incoming.vmcs),
                                   watchHit: r("watch_hit", incoming.watchHit), lockable: r("lockable", incoming.lockable),
                                   setsLock: r("sets_lock", incoming.setsLock), data: r("data", incoming.data))
        }
        let head = slot("head"), next = slot("next")
        func load(_ into: InFlightCommand, _ from: InFlightCommand) {
            for (d, s) in zip(into.all, from.all) { d <== s }
        }
        m.when(consume) { load(head, next) }
        m.when(accept) {
            // The new command goes to entry (count - consumed): the head when the queue is
            // empty or its only entry leaves on this edge, else behind the head.
            m.when((n .== 0) || ((n .== 1) && consume)) { load(head, incoming) }.otherwise { load(next, incoming) }
        }
        m.when(accept && !consume) { n <== n + 1 }.elseWhen(consume && !accept && (n .!= 0)) { n <== n - 1 }
        count = n
        self.head = head
    }
}
