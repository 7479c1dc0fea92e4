import RouterModel

extension LifecycleRules {
    /// SPEC 7: every bitmap word reads 0 after reset until written. Each VMM k >= 1 owns a
    /// guest in turn and, with no BITMAP_WRITE since reset, takes two 4-byte I/O exits in every
    /// one of its 64 groups of 32 words (different words and bits in each group): each must
    /// go to VMM 0 (not wanted). A group whose written-since-reset flag (`io_bitmap_top`) is
    /// not cleared by reset shows here: it reads the power-on contents of the group's valid
    /// bits and words (under Icarus `x`, under Verilator what the init seed drew, seen by the
    /// power-on re-check). The other bitmap scenarios write first and read groups 0, 1, 32, 63.
    /// (VMM 0 as owner is left out: wanted or not, the exit goes to VMM 0.)
    static func bitmapUnwrittenGroups(_ c: RouterConfig) -> Scenario {
        var b = TraceBuilder(c, avoiding: [30])
        b.setUpNavigation()
        for v in 1..<max(c.vmms, 1) { b.write(v, VMCSField.proc, 1 << 25) }
        for k in 1..<max(c.vmms, 1) {
            b.launch(0); b.enter(vmm: k); b.launch(b.guest(k))
            for g in 0..<64 {
                let first = (7 * g + 5) % 32, second = (7 * g + 21) % 32
                for (word, bit) in [(first, g % 29), (second, (11 * g) % 29)] {
                    b.event(30, qual: ioQual(port: 1024 * g + 32 * word + bit, size: 4)); b.resume()
                }
            }
            b.enter(vmm: 0)
        }
        return b.scenario("7 every group of every VMM's I/O bitmap reads 0 until written")
    }
}
