import HDL

/// The LOAD policy's choice (SPEC 5.2): among the candidate VMMs, the one with the lowest
/// `load`, ties to the lowest id, found by a balanced tournament: each round compares
/// pairs side by side and keeps the lower load (the left, lower-id side on a tie), so the
/// depth grows with log2(V) compares instead of V.
enum LeastLoaded {
    struct Entry {
        var valid: Signal
        var vmm: Signal
        var load: Signal
    }

    /// `found` when any candidate bit is set; `vmm` is then the winner's id (4 bits).
    static func pick(_ m: ModuleBuilder, candidates: Signal, loads: [Signal]) -> (found: Signal, vmm: Signal) {
        var round = loads.indices.map { v in Entry(valid: candidates[v], vmm: m.const(v, width: 4), load: loads[v]) }
        while round.count > 1 {
            var next: [Entry] = []
            for i in stride(from: 0, to: round.count, by: 2) {
                guard i + 1 < round.count else { next.append(round[i]); continue }
                let a = round[i], b = round[i + 1]
                let takeB = b.valid && (!a.valid || (b.load < a.load))
                next.append(Entry(valid: a.valid || b.valid, vmm: mux(takeB, b.vmm, a.vmm), load: mux(takeB, b.load, a.load)))
            }
            round = next
        }
        return (round[0].valid, round[0].vmm)
    }
}
