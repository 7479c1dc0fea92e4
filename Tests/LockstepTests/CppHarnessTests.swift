import CoSim
import Foundation
import Lockstep
import Testing
import TestSupport

/// The plain C++ harness `make bench` compares the lockstep layer against: it
/// drives the same model with the same stimulus (the same checksum of the
/// outputs as a Swift run), and a hand-written C++ scoreboard counts what differs.
@Suite struct CppHarnessTests {
    /// A C++ scoreboard of the FIFO (depth 4); `wrongCount` makes it expect one word too many.
    static func fifoCheck(wrongCount: Bool = false) -> CppHarness.Check {
        CppHarness.Check(
            declarations: "uint64_t slots[4]; int head = 0, used = 0;",
            perCycle: """
                {
                    const bool full = used == 4;
                    errors += t->in_ready != (full ? 0 : 1);
                    errors += t->out_valid != (used == 0 ? 0 : 1);
                    errors += t->count != (uint64_t)used\(wrongCount ? " + 1" : "");
                    if (used > 0) errors += t->out_data != slots[head];
                    const bool push = t->in_valid == 1 && !full, pop = used > 0 && t->out_ready == 1;
                    if (pop) { head = (head + 1) & 3; --used; }
                    if (push) { slots[(head + used) & 3] = t->in_data; ++used; }
                }
            """)
    }

    @Test func harnessDrivesWhatTheSwiftBenchDrivesAndItsScoreboardCounts() throws {
        let bench = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        let stimulus = RandomStimulus(ports: bench.ports)
        let folder = try RepoPaths.scratchDirectory("cpp-harness")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try CppHarness.build(bench: bench, stimulus: stimulus, folder: folder)
        let checked = try CppHarness.build(bench: bench, stimulus: stimulus, check: Self.fifoCheck(), folder: folder)
        let wrong = try CppHarness.build(bench: bench, stimulus: stimulus, check: Self.fifoCheck(wrongCount: true),
                                         folder: folder.appendingPathComponent("wrong"))
        let seed: UInt64 = 7, cycles = 5_000
        let a = try CppHarness.run(plain, cycles: cycles, seed: seed)
        let b = try CppHarness.run(checked, cycles: cycles, seed: seed)
        let c = try CppHarness.run(wrong, cycles: cycles, seed: seed)
        #expect(a.errors == 0 && b.errors == 0, "a correct scoreboard counted \(b.errors) differences")
        #expect(c.errors == cycles, "the wrong scoreboard differs on every cycle's count, counted \(c.errors)")
        #expect(a.checksum == b.checksum && b.checksum == c.checksum)
        #expect(a.checksum != (try CppHarness.run(plain, cycles: cycles, seed: seed + 1)).checksum, "another seed, other stimulus")

        // The Swift bench with the same seed sees the same outputs: fold them the same way.
        let model = try bench.makeModel(initSeed: seed)
        var checker = CycleChecker(ChecksumReference(outputs: bench.ports.outputSignals), ports: bench.ports)
        var stim = stimulus, random = SeededRandom(seed: seed), io = CycleIO(ports: bench.ports)
        var coverage = CoverageCounts(names: [])
        checker.reset()
        _ = bench.runCycles(model, cycles: cycles, checker: &checker, stimulus: &stim, random: &random, io: &io, coverage: &coverage)
        let hex = String(checker.reference.sum, radix: 16)
        #expect(a.checksum == String(repeating: "0", count: 16 - hex.count) + hex)
    }
}

/// Folds every actual output into the harness's checksum and expects what it sees.
struct ChecksumReference: CycleReference {
    let outputs: [OutputSignal]
    var sum: UInt64 = 0xcbf29ce484222325
    mutating func reset() { sum = 0xcbf29ce484222325 }
    mutating func cycle(_ io: inout CycleIO) {
        for o in outputs { sum = (sum ^ io.actual(o)) &* 0x100000001B3; io[o] = io.actual(o) }
    }
}
