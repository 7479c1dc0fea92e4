/// Secondary clocks (`ModelSpec.clocks`), driven by the bench one full cycle
/// at a time; `step` keeps driving the main clock (`ModelSpec.clock`).
///
/// `tick(c, n)` runs n cycles of clock `c` with the poked inputs held and the
/// main clock (and every other clock) left at its level: `c` low, inputs
/// applied, evaluate (this is where `sampled` values are taken), `c` rising
/// edge, evaluate (registers clocked by `c` update; nothing clocked by
/// another clock does). `c` rests high between calls, like the main clock;
/// before its first tick it is low. Edges of different clocks never
/// coincide: each `step` or `tick` cycle is a time slot of its own (10 time
/// units in a VCD), in call order. After a `tick`, `sampled` holds the values
/// just before that clock's last rising edge (what a receiver clocked by `c`
/// saw); after a `step`, before the main clock's. `cycles` counts main-clock
/// cycles only; a `$finish` during a tick is reported at cycle `cycles + 1`.
extension VerilatedModel {
    /// The handle of secondary clock `name`; throws for the main clock, an
    /// input that is not listed in `ModelSpec.clocks`, or an unknown name.
    public func clock(_ name: String) throws(ModelError) -> ClockPort {
        if name == spec.clock { throw .wrongPort("\(name) is the main clock of \(top): step() drives it") }
        guard spec.clocks.contains(name), let e = layout.entries.first(where: { $0.port.name == name }) else {
            if layout.entries.contains(where: { $0.port.name == name }) {
                throw .wrongPort("\(name) is not a clock of \(top): list it in ModelSpec.clocks to tick it, or poke it as an input")
            }
            throw .unknownPort(name: name, top: top, known: spec.ports.map(\.name))
        }
        return ClockPort(name: name, slot: e.slot)
    }

    /// Runs `n` full cycles of secondary clock `c` (one C call for all of
    /// them); the main clock does not move. Returns false when the simulation
    /// has ended (`end`), as `step` does.
    @inlinable @inline(__always) @discardableResult
    public func tick(_ c: ClockPort, _ n: UInt64 = 1) -> Bool {
        let status = tickFunction(instance, UInt32(truncatingIfNeeded: c.slot), n)
        dirty = true   // post-edge outputs are copied out lazily, by the next peek
        if _fastPath(status == 0) { return true }
        noteEnd()
        return false
    }
}
