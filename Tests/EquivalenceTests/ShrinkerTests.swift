import Lockstep
import Equivalence
import RouterModel
import Testing

@Suite struct ShrinkerTests {
    /// Fails when the candidate contains 3, 17 and 40 in order; index = position of 40.
    static func needles(_ xs: [Int]) -> Int? {
        guard let a = xs.firstIndex(of: 3), let b = xs[a...].firstIndex(of: 17), let c = xs[b...].firstIndex(of: 40) else { return nil }
        return c
    }

    @Test func ddminFindsTheMinimalSubsequence() {
        var s = Shrinker()
        let input = Array(0..<200)
        let out = s.ddmin(input, failingAt: 40) { ShrinkerTests.needles($0) }
        #expect(out == [3, 17, 40])
        #expect(s.attempts < 200)
    }

    @Test func ddminCutsAfterTheFailingIndex() {
        var s = Shrinker()
        let out = s.ddmin([5, 1, 9, 9, 9], failingAt: 1) { xs in xs.firstIndex(of: 1) }
        #expect(out == [1])
    }

    @Test func ddminKeepsAOneElementFailure() {
        var s = Shrinker()
        #expect(s.ddmin([7], failingAt: 0) { $0.contains(7) ? 0 : nil } == [7])
    }

    @Test func operandsAreZeroedOrSimplifiedWhileTheTraceStillFails() throws {
        // Fails while command 1 is an event with reason bit 4 set (any other bits irrelevant)
        // and qual bit 40 set.
        let property: Shrinker.Property<Command> = { cs in
            cs.count > 1 && cs[1].reason & 0x10 != 0 && cs[1].qual & (1 << 40) != 0 ? 1 : nil
        }
        let input: [Command] = [.vmwrite(vmcs: 3, field: 0x4002, data: 0xFFFF),
                                .event(reason: 0x1F, vector: 9, intType: 3, errValid: true, errCode: 77, qual: 1 << 40 | 0xFF)]
        var s = Shrinker()
        let out = try s.simplifyValues(input, property)
        #expect(out[0] == Command(op: Op.vmwrite))
        #expect(out[1] == .event(reason: 0x10, qual: 1 << 40))
    }
}

@Suite struct ShardTests {
    @Test func shardsPartitionTheUnits() throws {
        let shards = try (1...3).map { try Shard.parse("\($0)/3") }
        for k in 0..<30 { #expect(shards.filter { $0.owns(k) }.count == 1) }
        let units = shards.map { s in (0..<10).map { s.unit($0) } }
        #expect(Set(units.flatMap { $0 }) == Set(0..<30))
        #expect(units[1].prefix(3) == [1, 4, 7])
    }

    @Test func seedsAreDeterministicAndDistinct() {
        let a = (0..<100).map { Shard.streamSeed(campaign: 1, stream: $0) }
        #expect(a == (0..<100).map { Shard.streamSeed(campaign: 1, stream: $0) })
        #expect(Set(a).count == 100)
        #expect(Shard.streamSeed(campaign: 2, stream: 0) != a[0])
    }

    @Test(arguments: ["3/2", "0/2", "1/0", "a/b", "1", "1/2/3", "-1/2"])
    func badShardsAreRefusedWithTheForm(_ text: String) {
        #expect(throws: ShardError.self) { try Shard.parse(text) }
        do { _ = try Shard.parse(text) } catch { #expect(error.message.contains("--shard '\(text)'")) }
    }
}
