import CoSim
import Testing

/// The documented meaning of poke / step / peek / sampled / reset, on a
/// counter and on a FIFO with valid/ready handshakes.
@Suite struct TimingSemanticsTests {
    @Test func counterStepPeekAndSampled() throws {
        let m = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache)
        let en = try m.input("en"), count = try m.output("count"), next = try m.output("next_count")
        m.poke(en, 0)
        try m.reset(cycles: 2)
        #expect(m.peek(count) == 0)
        // peek after a poke without a step re-evaluates: combinational logic follows the input.
        m.poke(en, 1)
        #expect(m.peek(next) == 1)
        #expect(m.peek(count) == 0)
        // step(1): one rising edge; peek shows the value after it, sampled the value before it.
        m.step()
        #expect(m.peek(count) == 1)
        #expect(m.sampled(count) == 0)
        #expect(m.sampled(next) == 1)
        // step(n): n edges with the inputs held; sampled is from the last cycle.
        m.step(5)
        #expect(m.peek(count) == 6)
        #expect(m.sampled(count) == 5)
        m.poke(en, 0)
        m.step(3)
        #expect(m.peek(count) == 6)
        // 8-bit wrap-around after 256 enabled cycles.
        m.poke(en, 1)
        m.step(256)
        #expect(m.peek(count) == 6)
        #expect(m.cycles == 2 + 1 + 5 + 3 + 256)
    }

    @Test func resetHoldsAndReleases() throws {
        let m = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache, seed: 7)
        let en = try m.input("en"), rst = try m.input("rst"), count = try m.output("count")
        m.poke(en, 1)
        m.step(10)
        try m.reset(cycles: 3)
        // Reset is synchronous: the count is 0 after the reset cycles, and released.
        #expect(m.peek(count) == 0)
        m.step()
        #expect(m.peek(count) == 1)
        // A manual reset through the handle behaves the same way.
        m.poke(rst, 1); m.step(); m.poke(rst, 0)
        #expect(m.peek(count) == 0)
    }

    @Test func sameSeedSameInitialState() throws {
        // --x-initial unique: registers start random, from the seed.
        let a = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache, seed: 99)
        let b = try VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache, seed: 99)
        let values = (1...12).map { seed in
            (try? VerilatedModel(Fixtures.counterSpec(), cache: Fixtures.cache, seed: UInt64(seed)))
                .map { $0.peek(try! $0.output("count")) } ?? 0
        }
        #expect(a.peek(try a.output("count")) == b.peek(try b.output("count")))
        #expect(Set(values).count > 1, "initial register values should depend on the seed: \(values)")
    }

    @Test func fifoUnderRandomHandshakes() throws {
        let m = try VerilatedModel(Fixtures.fifoSpec, cache: Fixtures.cache)
        let inValid = try m.input("in_valid"), inData = try m.input("in_data"), outReady = try m.input("out_ready")
        let inReady = try m.output("in_ready"), outValid = try m.output("out_valid"), outData = try m.output("out_data")
        let level = try m.output("level")
        m.poke(inValid, 0); m.poke(outReady, 0)
        try m.reset()
        var rng = TestRandom(state: 5)
        var model: [UInt64] = []
        var sent: UInt64 = 0
        var received: [UInt64] = []
        var presenting = false
        for cycle in 0..<3000 {
            if !presenting { presenting = rng.next() % 100 < 60 }
            let ready = rng.next() % 100 < 50
            m.poke(inValid, presenting ? 1 : 0)
            m.poke(inData, sent & 0xFF)
            m.poke(outReady, ready ? 1 : 0)
            m.step()
            // Handshakes are decided by the values sampled at the rising edge.
            let pushed = presenting && m.sampled(inReady) == 1
            let popped = ready && m.sampled(outValid) == 1
            if popped {
                #expect(m.sampled(outData) == model.first, "cycle \(cycle)")
                received.append(m.sampled(outData))
                model.removeFirst()
            }
            if pushed { model.append(sent & 0xFF); sent += 1; presenting = false }
            #expect(m.peek(level) == UInt64(model.count), "cycle \(cycle)")
            #expect((m.peek(inReady) == 1) == (model.count < 4 || ready))
        }
        #expect(received.count > 1000)
        #expect(received == (0..<UInt64(received.count)).map { $0 & 0xFF })
    }
}
