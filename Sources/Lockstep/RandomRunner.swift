import CoSim
import Foundation

/// One random run of a campaign, as the non-generic driver calls it (once per
/// run): model, seed, cycles, the buffer that records the inputs (nil: none),
/// whether the run counts towards coverage (false: a run repeated). A closure
/// formed in `LockstepBench.campaign` (inlinable), where the checker and
/// stimulus types are concrete: a protocol witness of the generic runner would
/// run the per-cycle loop unspecialised, through witness tables (the profile of
/// the FIFO bench showed the generic checker and the reference's witness as its
/// hottest functions that way).
@usableFromInline
typealias RandomRun = (VerilatedModel, UInt64, Int, UnsafeMutablePointer<UInt64>?, Bool) -> LockstepBench.RunEnd

/// Holds a campaign's checker, stimulus, buffers and coverage between runs.
/// Created in the caller's module (`LockstepBench.campaign` is inlinable), so
/// `run` and the per-cycle loop are specialised for the caller's types; the
/// state is copied to locals for the run (class properties and closure
/// captures would be checked for exclusive access at run time, per cycle).
@usableFromInline
final class RandomRunner<C: LockstepChecker, S: StimulusSource> {
    @usableFromInline let bench: LockstepBench
    @usableFromInline var checker: C
    @usableFromInline var stimulus: S
    @usableFromInline var io: CycleIO
    @usableFromInline var coverage: CoverageCounts
    /// Split long runs over two threads (`CheckerThread`, started on the first such run).
    @usableFromInline let checkerThread: Bool
    @usableFromInline var thread: CheckerThread<C, S>?

    @inlinable init(bench: LockstepBench, checker: C, stimulus: S, checkerThread: Bool = false) {
        self.bench = bench; self.checker = checker; self.stimulus = stimulus
        io = CycleIO(CycleBuffers(inputs: bench.ports.inputs.count, outputs: bench.ports.outputs.count))
        coverage = CoverageCounts(names: checker.coverageBins)
        self.checkerThread = checkerThread && ProcessInfo.processInfo.activeProcessorCount > 1
    }

    @inlinable deinit { thread?.stop() }

    @inlinable func run(_ model: VerilatedModel, seed: UInt64, cycles: Int, record: UnsafeMutablePointer<UInt64>?,
                        countCoverage: Bool = true) -> LockstepBench.RunEnd {
        let kept = countCoverage ? nil : coverage
        defer { if let kept { coverage = kept } }
        var ch = checker, st = stimulus, lio = io, cov = coverage
        coverage = CoverageCounts(names: [])   // the local holds the only reference: no copy on the first hit
        ch.reset(); st.start(); lio.buffers.clear()
        var random = SeededRandom(seed: seed)
        let end: LockstepBench.RunEnd
        if checkerThread, cycles >= CheckerThread<C, S>.minimumCycles {
            let t = thread ?? CheckerThread(checker: ch, inputs: bench.ports.inputs.count, outputs: bench.ports.outputs.count)
            thread = t
            // Moved, not copied: the thread's values are the only references to their storage.
            t.checker = consume ch; t.coverage = consume cov
            end = t.run(model, cycles: cycles, batched: !st.readsOutputs, stimulus: &st, random: &random, io: &lio, record: record,
                        inputSlots: UnsafeBufferPointer(start: bench.inputSlots, count: bench.ports.inputs.count),
                        outputSlots: UnsafeBufferPointer(start: bench.outputSlots, count: bench.ports.outputs.count))
            ch = t.checker; cov = t.coverage
            t.coverage = CoverageCounts(names: [])   // the runner's copy is the only one again
        } else {
            end = bench.runCycles(model, cycles: cycles, checker: &ch, stimulus: &st, random: &random,
                                  io: &lio, coverage: &cov, record: record)
        }
        checker = ch; stimulus = st; io = lio; coverage = cov
        return end
    }
}
