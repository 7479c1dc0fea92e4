import RouterModel
import Stimulus
import Testing

@Suite struct RandomTraceTests {
    @Test func sameSeedSameTrace() {
        let a = RandomTrace.generate(count: 3000, seed: 42)
        let b = RandomTrace.generate(count: 3000, seed: 42)
        #expect(a == b)
        #expect(a != RandomTrace.generate(count: 3000, seed: 43))
    }

    @Test func streamingMatchesArray() {
        var g = RandomTraceGenerator(seed: 9)
        let streamed = (0..<2000).map { _ in g.next() }
        #expect(streamed == RandomTrace.generate(count: 2000, seed: 9))
    }

    /// The trace reads back from its JSON lines unchanged (SPEC 10 round trip).
    @Test func traceRoundTripsThroughJSON() throws {
        let commands = RandomTrace.generate(count: 5000, seed: 5, config: RouterConfig(vmms: 16, guests: 64, ioRanges: 16))
        #expect(try TraceReader.parse(TraceWriter.text(for: commands)) == commands)
    }

    /// Seed 1's first command is pinned: a change of the distribution is a deliberate act.
    @Test func firstCommandIsPinned() {
        let first = RandomTrace.generate(count: 1, seed: 1)[0]
        #expect(first.op == Op.vmwrite && first.vmcs == 0 && first.field == VMCSField.hostRIP)
    }
}

/// Every corner of the parameter space generates (no trap) and replays.
@Suite struct ParameterSweepTests {
    @Test func extremesOfEveryParameter() {
        for vmms in [2, 3, 16] {
            for guests in [1, 64] {
                for ranges in [0, 1, 16] {
                    for bitmaps in [false, true] {
                        let config = RouterConfig(vmms: vmms, guests: guests, ioRanges: ranges, platformVMM: vmms - 1,
                                                  staticMap: ranges == 1 ? [] : [0, 30, 55], ioBitmaps: bitmaps)
                        let trace = RandomTrace.generate(count: 1500, seed: UInt64(vmms * 1000 + guests * 10 + ranges), config: config)
                        var r = Router(config: config)
                        var routed = 0
                        for c in trace where r.execute(c).kind == ResponseKind.routed { routed += 1 }
                        #expect(routed > 50, "\(config)")
                        #expect(trace.allSatisfy { $0.vmcs < 16 && $0.guest < 64 && $0.intType < 8 && $0.op < 8 })
                    }
                }
            }
        }
    }
}
