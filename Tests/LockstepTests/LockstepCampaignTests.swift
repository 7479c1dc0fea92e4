import CoSim
import Foundation
import HDL
import Lockstep
import Testing
import TestSupport

/// Lockstep campaigns on a real design (the DSL FIFO) under Verilator and Icarus:
/// a correct design agrees, a seeded bug is found, shrunk, written and replayed.
@Suite struct LockstepCampaignTests {
    func options(runs: Int = 20, cycles: Int = 200, out: URL? = nil) -> LockstepOptions {
        var o = LockstepOptions()
        o.seed = 5; o.runs = runs; o.cycles = cycles; o.outputDirectory = out; o.shrinkSeconds = 60
        o.replayCommand = ["fifo-check"]
        return o
    }

    @Test func correctFifoAgreesWithItsReferenceAndCoversItsBins() throws {
        let bench = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        var stimulus = RandomStimulus(ports: bench.ports)
        stimulus.set(try bench.ports.input("in_valid"), oneInPercent: 70)
        let report = try bench.campaign(reference: FifoReference(ports: bench.ports), stimulus: stimulus, options: options())
        #expect(report.equivalent, "\(report.summary)")
        #expect(report.runs == 20 && report.cycles == 20 * 200)
        #expect(report.coverage.holes.isEmpty, "\(report.coverage.table)")
        #expect(report.summary.hasSuffix("EQUIVALENT"))
    }

    @Test func seededBugIsFoundShrunkWrittenAndReplayed() throws {
        let out = try RepoPaths.scratchDirectory("lockstep-bug")
        let bench = try LockstepBench(spec: FifoFixtures.buggySpec(), cache: FifoFixtures.cache)
        let reference = try FifoReference(ports: bench.ports)
        let report = try bench.campaign(reference: reference, stimulus: RandomStimulus(ports: bench.ports), options: options(out: out))
        let d = try #require(report.divergence, "the seeded bug was not found: \(report.summary)")
        #expect(d.simulator == "verilator")
        // Overflowing needs 5 pushes without a pop: the shrunk trace is that short.
        #expect(d.trace.rows.count <= 8 && d.trace.rows.count < d.originalCycles, "\(d.text)")
        #expect(d.details.contains { $0.hasPrefix("in_ready: expected 0x0, design 0x1") }, "\(d.details)")
        let traceFile = try #require(d.traceFile), waveFile = try #require(d.waveFile)
        #expect(d.replay == "fifo-check --replay \(traceFile)")
        #expect(try String(contentsOfFile: waveFile, encoding: .utf8).contains("$enddefinitions"))
        // The file reads back as the trace, and replays to the same divergence under both simulators.
        #expect(try StimulusTrace.read(URL(fileURLWithPath: traceFile)) == d.trace)
        let again = try bench.replay(URL(fileURLWithPath: traceFile), reference: reference, options: options(out: out))
        #expect(again.divergence?.cycle == d.trace.rows.count - 1)
        #expect(again.divergence?.details == d.details)
        let icarus = try bench.replay(URL(fileURLWithPath: traceFile), reference: reference, options: options(out: out), simulator: "icarus")
        #expect(icarus.divergence?.simulator == "icarus")
        #expect(icarus.divergence?.cycle == d.trace.rows.count - 1, "\(icarus.summary)")
        #expect(report.junit.xml.contains("<failure message=\"in_ready: expected 0x0, design 0x1\""))
    }

    @Test func verilogFileWithDiscoveredPortsRunsInLockstep() throws {
        // A design from a Verilog file, its ports from Verilator's netlist (no DSL involved).
        let file = RepoPaths.root.appendingPathComponent("rtl/examples/fifo.v")
        let spec = try ModelSpec.discover(verilogFiles: [file], top: "fifo")
        #expect(spec.clock == "clk" && spec.reset == "rst")
        let bench = try LockstepBench(spec: spec, cache: FifoFixtures.cache)
        let report = try bench.campaign(reference: FifoReference(ports: bench.ports), stimulus: RandomStimulus(ports: bench.ports),
                                        options: options(runs: 5, cycles: 300))
        #expect(report.equivalent, "\(report.summary)")
    }

    @Test func icarusAgreesOnTheCorrectFifo() throws {
        let bench = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        var o = options(runs: 3, cycles: 300)
        o.icarusRuns = 2
        let report = try bench.campaign(reference: FifoReference(ports: bench.ports), stimulus: RandomStimulus(ports: bench.ports), options: o)
        #expect(report.equivalent, "\(report.summary)")
        #expect(report.icarusRuns == 2 && report.icarusCycles == 600)
    }

    @Test func streamScoreboardAgreesAndCatchesTheBug() throws {
        let good = try LockstepBench(spec: FifoFixtures.spec(), cache: FifoFixtures.cache)
        let (checker, stimulus) = try fifoStreams(good.ports)
        var o = options(runs: 10, cycles: 500)
        o.icarusRuns = 1
        let ok = try good.campaign(checker: checker, stimulus: stimulus, options: o)
        #expect(ok.equivalent, "\(ok.summary)")
        let bad = try LockstepBench(spec: FifoFixtures.buggySpec(), cache: FifoFixtures.cache)
        let (badChecker, badStimulus) = try fifoStreams(bad.ports)
        let found = try bad.campaign(checker: badChecker, stimulus: badStimulus, options: options(out: try RepoPaths.scratchDirectory("lockstep-stream")))
        let d = try #require(found.divergence, "\(found.summary)")
        #expect(d.details.first?.hasPrefix("out: expected beat") == true, "\(d.details)")
    }

    @Test func sameSeedSameRunsDifferentSeedOtherRuns() throws {
        let bench = try LockstepBench(spec: FifoFixtures.buggySpec(), cache: FifoFixtures.cache)
        let reference = try FifoReference(ports: bench.ports)
        var o = options(); o.shrinkSeconds = 0
        let a = try bench.campaign(reference: reference, stimulus: RandomStimulus(ports: bench.ports), options: o)
        let b = try bench.campaign(reference: reference, stimulus: RandomStimulus(ports: bench.ports), options: o)
        #expect(a.divergence?.trace == b.divergence?.trace && a.divergence != nil)
        o.seed = 6
        let c = try bench.campaign(reference: reference, stimulus: RandomStimulus(ports: bench.ports), options: o)
        #expect(c.divergence?.trace.rows != a.divergence?.trace.rows)
    }
}
