import CoSim
import Testing

/// Every Verilator storage class round-trips random values through the shim.
@Suite struct PortWidthTests {
    @Test func storageClassesByWidth() {
        #expect(StorageClass(width: 1) == .cData)
        #expect(StorageClass(width: 8) == .cData)
        #expect(StorageClass(width: 9) == .sData)
        #expect(StorageClass(width: 16) == .sData)
        #expect(StorageClass(width: 17) == .iData)
        #expect(StorageClass(width: 32) == .iData)
        #expect(StorageClass(width: 33) == .qData)
        #expect(StorageClass(width: 64) == .qData)
        #expect(StorageClass(width: 65) == .wide)
    }

    @Test func randomValuesRoundTripAtEveryWidth() throws {
        let model = try VerilatedModel(Fixtures.widthsSpec, cache: Fixtures.cache)
        let ins = try Fixtures.widths.map { try model.input("i_\($0)") }
        let qs = try Fixtures.widths.map { try model.output("q_\($0)") }
        let es = try Fixtures.widths.map { try model.output("e_\($0)") }
        var rng = TestRandom(state: 42)
        var previous: [[UInt32]] = Fixtures.widths.map { [UInt32](repeating: 0, count: ($0 + 31) / 32) }
        for round in 0..<200 {
            var expected: [[UInt32]] = []
            for (k, w) in Fixtures.widths.enumerated() {
                // Random words, deliberately with bits above the width set: poke must drop them.
                let words = (0..<((w + 31) / 32)).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
                model.poke(ins[k], words: words)
                expected.append(mask(words, width: w))
            }
            // Combinational echo follows the poke before any clock edge.
            for (k, w) in Fixtures.widths.enumerated() {
                #expect(model.peekWords(es[k]) == mask(expected[k].map { ~$0 }, width: w), "e_\(w) round \(round)")
            }
            model.step()
            for (k, w) in Fixtures.widths.enumerated() {
                #expect(model.peekWords(qs[k]) == expected[k], "q_\(w) round \(round)")
                if round > 0 { #expect(model.sampledWords(qs[k]) == previous[k], "sampled q_\(w) round \(round)") }
                if w <= 64 {
                    let v = expected[k].count > 1 ? UInt64(expected[k][1]) << 32 | UInt64(expected[k][0]) : UInt64(expected[k][0])
                    #expect(model.peek(qs[k]) == v)
                }
            }
            previous = expected
        }
    }

    @Test func pokeDropsBitsAboveTheWidth() throws {
        let model = try VerilatedModel(Fixtures.widthsSpec, cache: Fixtures.cache)
        let i7 = try model.input("i_7"), q7 = try model.output("q_7")
        model.poke(i7, 0xFFFF)
        model.step()
        #expect(model.peek(q7) == 0x7F)
        let i100 = try model.input("i_100"), q100 = try model.output("q_100")
        model.poke(i100, UInt64.max)
        model.step()
        #expect(model.peekWords(q100) == [0xFFFF_FFFF, 0xFFFF_FFFF, 0, 0])
        model.poke(i100, word: 3, 0xFFFF_FFFF)
        model.step()
        #expect(model.peekWords(q100) == [0xFFFF_FFFF, 0xFFFF_FFFF, 0, 0xF])
    }

    @Test func portLookupErrorsNameThePort() throws {
        let model = try VerilatedModel(Fixtures.widthsSpec, cache: Fixtures.cache)
        #expect(throws: ModelError.self) { try model.input("nope") }
        do { _ = try model.input("clk"); Issue.record("clk must not be pokeable") } catch {
            #expect("\(error)".contains("clk is the clock of widths"))
        }
        do { _ = try model.input("q_8"); Issue.record("an output is not an input") } catch {
            #expect("\(error)".contains("q_8 is an output of widths"))
        }
        do { _ = try model.output("missing"); Issue.record("unknown port") } catch {
            #expect("\(error)".contains("widths has no port named 'missing'"))
        }
    }

    private func mask(_ words: [UInt32], width: Int) -> [UInt32] {
        words.enumerated().map { i, v in
            let bits = min(32, width - 32 * i)
            return bits >= 32 ? v : v & ((1 << UInt32(bits)) - 1)
        }
    }
}
