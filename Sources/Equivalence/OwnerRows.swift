import RouterModel

extension DirectedSuite {
    /// SPEC 5.3, one event per row with the owner's control set, then cleared
    /// (the sweep `Sweeps.ownerControls` crosses every reason with every bit).
    static func ownerRows(_ c: RouterConfig) -> Scenario {
        var s = Sweeps.OwnedGuest(c)
        let k = s.k
        let rows: [(Command, UInt32, UInt64)] = [
            (.event(reason: 0, vector: 2, intType: 2), VMCSField.pin, 1 << 3),
            (.event(reason: 0, vector: 6, intType: 3), VMCSField.excBitmap, 1 << 6),
            (.event(reason: 1, vector: 0x40), VMCSField.pin, 1 << 0),
            (.event(reason: 12), VMCSField.proc, 1 << 7), (.event(reason: 14, qual: 0x1000), VMCSField.proc, 1 << 9),
            (.event(reason: 36), VMCSField.proc, 1 << 10), (.event(reason: 15), VMCSField.proc, 1 << 11),
            (.event(reason: 16), VMCSField.proc, 1 << 12), (.event(reason: 29, qual: 0x13), VMCSField.proc, 1 << 23),
            (.event(reason: 39), VMCSField.proc, 1 << 29), (.event(reason: 40), VMCSField.proc, 1 << 30),
            (.event(reason: 30, qual: ioQual(port: 0x80, size: 1)), VMCSField.proc, 1 << 24),
            (.event(reason: 10), VMCSField.proc, 0),
        ]
        for (event, field, bits) in rows where !c.staticMap.contains(event.reason) {
            for value in [bits, 0] {
                s.asVMM0(testing: event.reason) { b in b.write(k, field, value) }
                s.b.add(event); s.b.resume()
                s.restore(after: event.reason)
            }
        }
        // #PF: match XOR EXC_BITMAP[14] decides.
        if !c.staticMap.contains(0) {
            for (mask, match, bit14) in [(0x1, 0x1, true), (0x1, 0x0, true), (0x1, 0x1, false), (0x1, 0x0, false)] as [(UInt64, UInt64, Bool)] {
                s.asVMM0(testing: 0) { b in
                    b.write(k, VMCSField.pfecMask, mask); b.write(k, VMCSField.pfecMatch, match)
                    b.write(k, VMCSField.excBitmap, bit14 ? 1 << 14 : 0)
                }
                s.b.event(0, vector: 14, intType: 3, errValid: true, errCode: 0x3); s.b.resume()
            }
        }
        return s.b.scenario("5.3 owner controls: each row wanted and not wanted")
    }
}
