import CoSim
import Foundation
import HDL
import Lockstep
import Testing
import TestSupport

/// Long runs split over two threads (`LockstepOptions.checkerThread`: the model
/// a chunk of cycles per C call, the checker on its own thread) give what one
/// thread gives: the same verdict, coverage counts, divergence run, cycle and
/// trace, and the RTL's `$finish` in the same cycle. Runs here are well past
/// the two chunks (4096 cycles) from which the split is used.
@Suite struct CheckerThreadTests {
    func options(split: Bool, runs: Int, cycles: Int) -> LockstepOptions {
        var o = LockstepOptions()
        o.seed = 11; o.runs = runs; o.cycles = cycles; o.shrinkSeconds = 0; o.checkerThread = split
        return o
    }

    @Test func splitRunsAgreeAndCountTheSameCoverage() throws {
        let bench = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        var stimulus = RandomStimulus(ports: bench.ports)
        stimulus.set(try bench.ports.input("in_valid"), oneInPercent: 70)
        let reference = try FifoReference(ports: bench.ports)
        let one = try bench.campaign(reference: reference, stimulus: stimulus, options: options(split: false, runs: 3, cycles: 10_000))
        var split = options(split: true, runs: 3, cycles: 10_000)
        split.icarusRuns = 1   // the first run keeps its record, replayed under Icarus
        let two = try bench.campaign(reference: reference, stimulus: stimulus, options: split)
        #expect(one.equivalent && two.equivalent, "\(one.summary)\n\(two.summary)")
        #expect(two.runs == 3 && two.cycles == 30_000)
        #expect(two.icarusRuns == 1 && two.icarusCycles == 10_000)
        #expect(two.coverage.counts == one.coverage.counts && one.coverage.counts.allSatisfy { $0 > 0 }, "\(two.coverage.table)")
    }

    @Test func splitRunsFindTheSameDivergenceInTheSameCycle() throws {
        // The buggy FIFO differs once it is full: 4 more pushes than pops, rare
        // with few pushes and pops most cycles, so the first divergence comes
        // several chunks in.
        let bench = try LockstepBench(spec: FifoFixtures.buggySpec(), cache: FifoFixtures.cache)
        var stimulus = RandomStimulus(ports: bench.ports)
        stimulus.set(try bench.ports.input("in_valid"), oneInPercent: 30)
        stimulus.set(try bench.ports.input("out_ready"), oneInPercent: 90)
        let reference = try FifoReference(ports: bench.ports)
        let one = try bench.campaign(reference: reference, stimulus: stimulus, options: options(split: false, runs: 50, cycles: 40_000))
        let two = try bench.campaign(reference: reference, stimulus: stimulus, options: options(split: true, runs: 50, cycles: 40_000))
        let a = try #require(one.divergence, "\(one.summary)"), b = try #require(two.divergence, "\(two.summary)")
        #expect(a.cycle > 4096 || a.run > 0, "the divergence should not be in the first chunks of the first run: \(a.text)")
        #expect(b.run == a.run && b.cycle == a.cycle && b.details == a.details)
        #expect(b.trace == a.trace, "the recorded (re-run) trace is the same")
        #expect(two.cycles == one.cycles && two.coverage.counts == one.coverage.counts)
    }

    @Test func aStimulusThatFollowsTheDesignGivesTheSameVerdictsSplit() throws {
        // StreamStimulus holds valid until the design's ready: it reads the outputs, so the
        // model's thread steps a cycle per call and feeds each cycle's outputs back to it.
        let good = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        let (checker, stimulus) = try fifoStreams(good.ports)
        #expect(stimulus.readsOutputs)
        let one = try good.campaign(checker: checker, stimulus: stimulus, options: options(split: false, runs: 3, cycles: 10_000))
        let two = try good.campaign(checker: checker, stimulus: stimulus, options: options(split: true, runs: 3, cycles: 10_000))
        #expect(one.equivalent && two.equivalent, "\(one.summary)\n\(two.summary)")
        #expect(two.cycles == 30_000 && two.coverage.counts == one.coverage.counts)
        let bad = try LockstepBench(spec: FifoFixtures.buggySpec(), cache: FifoFixtures.cache)
        let (badChecker, badStimulus) = try fifoStreams(bad.ports)
        let a = try bad.campaign(checker: badChecker, stimulus: badStimulus, options: options(split: false, runs: 3, cycles: 10_000))
        let b = try bad.campaign(checker: badChecker, stimulus: badStimulus, options: options(split: true, runs: 3, cycles: 10_000))
        let da = try #require(a.divergence), db = try #require(b.divergence)
        #expect(db.run == da.run && db.cycle == da.cycle && db.trace == da.trace && db.details == da.details)
    }

    /// Counts from reset and calls `$finish` when the count reaches 5000.
    static let ender = ModelSpec(verilog: """
        module ender(input clk, input rst, input [7:0] noise, output reg [15:0] count);
            always @(posedge clk) begin
                if (rst) count <= 16'd0;
                else count <= count + 16'd1;
                if (!rst && count == 16'd5000) $finish;
            end
        endmodule

        """, top: "ender", ports: [.input("clk"), .input("rst"), .input("noise", 8), .output("count", 16)], reset: "rst")

    struct Counter: CycleReference {
        let count: OutputSignal
        var next: UInt64 = 0
        init(ports: Ports) throws { count = try ports.output("count") }
        mutating func reset() { next = 0 }
        mutating func cycle(_ io: inout CycleIO) { io[count] = next; next += 1 }
    }

    /// Random values on the one input, declared as reading the outputs (the default).
    struct FollowingStimulus: StimulusSource {
        let noise: InputSignal
        mutating func next(_ io: inout CycleIO, _ random: inout SeededRandom) { io[noise] = random.next() }
    }

    @Test(arguments: [(false, false), (true, false), (true, true)])
    func theRTLsFinishEndsTheRunInItsCycle(split: Bool, followsDesign: Bool) throws {
        let bench = try LockstepBench(spec: Self.ender, cache: FifoFixtures.cache)
        let o = options(split: split, runs: 2, cycles: 20_000)
        let report = followsDesign
            ? try bench.campaign(reference: Counter(ports: bench.ports), stimulus: FollowingStimulus(noise: try bench.ports.input("noise")), options: o)
            : try bench.campaign(reference: Counter(ports: bench.ports), stimulus: RandomStimulus(ports: bench.ports), options: o)
        let d = try #require(report.divergence, "\(report.summary)")
        #expect(d.run == 0 && d.cycle == 5000, "\(d.text)")
        #expect(d.details.first?.hasPrefix("the RTL ended the simulation: the RTL called $finish") == true, "\(d.details)")
        #expect(report.cycles == 5000, "the cycles before the end were checked")
    }

    @Test func theCommandLineCanKeepOneThread() throws {
        #expect(try LockstepCommandLine.parse([], program: "p").options.checkerThread)
        #expect(try !LockstepCommandLine.parse(["--one-thread"], program: "p").options.checkerThread)
        #expect(LockstepCommandLine.usage(program: "p", flags: []).contains("--one-thread"))
    }

    @Test func aBatchOfCyclesIsTheSameAsSteppingThem() throws {
        let bench = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        let nIn = bench.ports.inputs.count, nOut = bench.ports.outputs.count, cycles = 300
        var random = SeededRandom(seed: 3)
        let rows = (0..<cycles * nIn).map { i in random.next() & bench.ports.inputSignals[i % nIn].mask }
        let stepped = try bench.makeModel(initSeed: 7), batched = try bench.makeModel(initSeed: 7)
        let inSlots = try bench.ports.inputs.map { try stepped.input($0.name) }
        let outSlots = try bench.ports.outputs.map { try stepped.output($0.name) }
        var expected: [UInt64] = []
        for c in 0..<cycles {
            for j in 0..<nIn { stepped.poke(inSlots[j], rows[c * nIn + j]) }
            #expect(stepped.step())
            expected += outSlots.map { stepped.sampled($0) }
        }
        var outputs = [UInt64](repeating: 0, count: cycles * nOut)
        let done = rows.withUnsafeBufferPointer { r in
            inSlots.map(\.slot).withUnsafeBufferPointer { i in
                outSlots.map(\.slot).withUnsafeBufferPointer { o in
                    outputs.withUnsafeMutableBufferPointer { out in
                        batched.run(cycles: cycles, inputs: r.baseAddress!, inputSlots: i, outputs: out.baseAddress!, outputSlots: o)
                    }
                }
            }
        }
        #expect(done == cycles && outputs == expected)
        #expect(batched.cycles == stepped.cycles)
    }
}
