import CoSim
import Foundation

/// A long random run split over two threads, the model on the caller's (a
/// Verilated model stays on the thread that created it), the checks on this
/// object's, chunk by chunk through two rings (input rows, sampled outputs):
/// - when the stimulus does not read the design's outputs
///   (`StimulusSource.readsOutputs` false, "batched"), this thread also draws
///   it, a chunk ahead into each slot it has checked (and into the run's record,
///   when it keeps one), and the model's thread only runs the model, a whole
///   chunk per C call (`VerilatedModel.run`): the two threads' shares of the
///   work are then about even;
/// - otherwise the model's thread draws the stimulus and steps the model a
///   cycle per call, so that the stimulus sees each cycle's outputs;
/// - either way this thread runs the reference and the compare on each chunk
///   the model finished, cycle by cycle.
///
/// The stimulus draws, the inputs and outputs the checker sees and the order
/// of its checks are those of the one-thread loop (`LockstepBench.runCycles`),
/// so a run's verdict, divergence cycle and coverage are the same either way;
/// only the model may have run up to a few chunks past a divergence.
///
/// The rings hold `depth` chunks of `chunk` cycles (reused: no page is touched
/// for the first time per cycle, as a whole-run record would be); two semaphores
/// hand chunks back and forth (one wait per chunk, none per cycle): a slot the
/// model may run, a chunk's outputs are ready. At the first divergence the
/// checker stops the model's thread at its next chunk. One thread serves
/// every run of a campaign (`RandomRunner`): it waits for a run, runs its
/// side, reports, and waits again; `stop()` ends it.
@usableFromInline
final class CheckerThread<C: LockstepChecker, S: StimulusSource>: @unchecked Sendable {
    /// Cycles per chunk: a hand-off between the threads costs a few microseconds.
    @usableFromInline static var chunk: Int { 2048 }
    /// Chunks in the ring: how far the model may run ahead of the checker.
    @usableFromInline static var depth: Int { 8 }
    /// Runs shorter than this stay on one thread (the hand-offs would not pay).
    @usableFromInline static var minimumCycles: Int { 2 * chunk }

    /// One run's hand-off: fresh semaphores, so that nothing of an earlier run
    /// (a chunk the model ran after the checker had stopped) leaks into it.
    @usableFromInline final class Run: @unchecked Sendable {
        /// Ring slots the model may run: free ones (the model's thread draws the stimulus), or
        /// with the stimulus in (batched: the checker's thread drew it). Created at 0 and
        /// signalled: libdispatch traps when a semaphore is freed below its initial value.
        @usableFromInline let free = DispatchSemaphore(value: 0)
        /// Chunks whose outputs are in the ring and not yet checked.
        @usableFromInline let outputsReady = DispatchSemaphore(value: 0)
        @usableFromInline let lock = NSLock()
        /// Under `lock`: the checker found a divergence, the model's thread stops.
        @usableFromInline var stopped = false
        @usableFromInline let cycles: Int
        /// The stimulus is drawn on the checker's thread and a chunk runs in one C call.
        @usableFromInline let batched: Bool
        @usableFromInline let record: UnsafeMutablePointer<UInt64>?
        @usableFromInline init(cycles: Int, batched: Bool, record: UnsafeMutablePointer<UInt64>?) {
            self.cycles = cycles; self.batched = batched; self.record = record
            if !batched { for _ in 0..<CheckerThread.depth { free.signal() } }
        }

        /// Whether the checker has stopped the run (read once per chunk).
        @inlinable var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
    }

    @usableFromInline let inputCount: Int
    @usableFromInline let outputCount: Int
    /// `depth` x `chunk` rows of `outputCount` sampled outputs.
    @usableFromInline let ring: UnsafeMutablePointer<UInt64>
    /// `depth` x `chunk` rows of `inputCount` input values.
    @usableFromInline let inputRing: UnsafeMutablePointer<UInt64>
    /// Per ring slot: the cycles it holds (fewer than asked: the model ended the simulation).
    @usableFromInline let counts: UnsafeMutablePointer<Int>
    @usableFromInline let begin = DispatchSemaphore(value: 0)
    @usableFromInline let done = DispatchSemaphore(value: 0)
    // Handed over with `begin` and back with `done`: the thread touches them only in between.
    @usableFromInline var checker: C
    @usableFromInline var coverage = CoverageCounts(names: [])
    /// A batched run's stimulus, drawn here, a chunk ahead of the model per free slot.
    @usableFromInline var stimulus: S?
    @usableFromInline var random = SeededRandom(seed: 0)
    /// The stimulus's cycle (its inputs persist from cycle to cycle, as on one thread).
    @usableFromInline var stimulusIO: CycleIO
    /// The checker's cycle (inputs and outputs copied from the rings).
    @usableFromInline var io: CycleIO
    @usableFromInline var run: Run?
    @usableFromInline var result: LockstepBench.RunEnd = .agreed

    @inlinable init(checker: C, inputs: Int, outputs: Int) {
        self.checker = checker
        inputCount = inputs; outputCount = outputs
        io = CycleIO(CycleBuffers(inputs: inputs, outputs: outputs))
        stimulusIO = CycleIO(CycleBuffers(inputs: inputs, outputs: outputs))
        ring = .allocate(capacity: max(1, Self.chunk * Self.depth * outputs))
        ring.initialize(repeating: 0, count: max(1, Self.chunk * Self.depth * outputs))
        inputRing = .allocate(capacity: max(1, Self.chunk * Self.depth * inputs))
        inputRing.initialize(repeating: 0, count: max(1, Self.chunk * Self.depth * inputs))
        counts = .allocate(capacity: Self.depth)
        counts.initialize(repeating: 0, count: Self.depth)
        let body = ThreadBody { [self] in serve() }   // a Sendable box: the thread's closure captures no generic type
        let thread = Thread { body.run() }
        thread.name = "trapline-lockstep-checker"
        thread.start()
    }

    deinit { ring.deallocate(); inputRing.deallocate(); counts.deallocate() }

    /// Ends the thread (which holds this object until then): once, when the campaign is over.
    @usableFromInline func stop() { run = nil; begin.signal() }

    @inlinable func serve() {
        while true {
            begin.wait()
            guard let run else { return }
            result = work(run)
            done.signal()
        }
    }

    /// Runs `cycles` cycles of `model` (reset) on the caller's thread (each
    /// cycle's inputs copied to `record` when given): how the run ended.
    /// `batched` (the stimulus does not read the design's outputs): the
    /// checker's thread draws the stimulus a chunk ahead (from `stimulus` and
    /// `random`, set before with `checker` and `coverage`) and the model runs a
    /// chunk per C call. Otherwise the stimulus is drawn here from `st` and
    /// `rng`, a cycle per call, each cycle's outputs in `sio.actual` before the
    /// next draw, as on one thread.
    @inlinable func run(_ model: VerilatedModel, cycles: Int, batched: Bool, stimulus st: inout S, random rng: inout SeededRandom,
                        io sio: inout CycleIO, record: UnsafeMutablePointer<UInt64>?,
                        inputSlots: UnsafeBufferPointer<Int>, outputSlots: UnsafeBufferPointer<Int>) -> LockstepBench.RunEnd {
        let r = Run(cycles: cycles, batched: batched, record: record)
        run = r
        io.buffers.clear(); stimulusIO.buffers.clear()   // as the one-thread loop starts a run
        begin.signal()
        let nIn = inputCount, nOut = outputCount, chunk = Self.chunk, inputs = sio.inputs
        var c = 0, k = 0
        while c < cycles {
            r.free.wait()
            if r.isStopped { break }
            let slot = k % Self.depth, want = min(chunk, cycles - c), rows = inputRing + slot * chunk * nIn
            let outs = ring + slot * chunk * nOut
            var n = 0
            if batched {
                n = model.run(cycles: want, inputs: rows, inputSlots: inputSlots, outputs: outs, outputSlots: outputSlots)
            } else {
                // The stimulus follows the design: one cycle per call, its outputs back in `sio` for the next draw.
                let raw = model.rawInputs, sampled = model.rawSampled, actuals = sio.actuals
                while n < want {
                    sio.cycle = c + n
                    st.next(&sio, &rng)
                    let row = rows + n * nIn
                    for j in 0..<nIn { let v = inputs[j]; raw[inputSlots[j]] = v; row[j] = v }
                    if _slowPath(!model.step()) { break }
                    let out = outs + n * nOut
                    for j in 0..<nOut { let v = sampled[outputSlots[j]]; actuals[j] = v; out[j] = v }
                    n += 1
                }
                // The row of a cycle the simulation ended in was applied: it belongs to the record.
                if let record { (record + c * nIn).update(from: rows, count: min(want, n + 1) * nIn) }
            }
            counts[slot] = n
            r.outputsReady.signal()
            if n < want { break }   // the model ended the simulation: the checker reports it after the cycles before
            c += want; k += 1
        }
        done.wait()
        run = nil
        return result
    }

    /// Draws chunk `k` of a batched run into its ring slot (and the record).
    @inlinable @inline(__always)
    func draw(_ k: Int, _ run: Run, _ st: inout S, _ rng: inout SeededRandom, _ sio: inout CycleIO) {
        let nIn = inputCount, chunk = Self.chunk, inputs = sio.inputs
        let first = k * chunk, count = min(chunk, run.cycles - first), rows = inputRing + (k % Self.depth) * chunk * nIn
        for i in 0..<count {
            sio.cycle = first + i
            st.next(&sio, &rng)
            let row = rows + i * nIn
            for j in 0..<nIn { row[j] = inputs[j] }
        }
        if let record = run.record { (record + first * nIn).update(from: rows, count: count * nIn) }
    }

    /// This thread's side of a run: each chunk checked once the model has run
    /// it; in a batched run also the stimulus, a chunk per slot the checks free.
    @inlinable func work(_ run: Run) -> LockstepBench.RunEnd {
        var ch = checker, cov = coverage, lio = io
        defer { checker = ch; coverage = cov; io = lio }
        var st = stimulus, rng = random, sio = stimulusIO
        stimulus = nil   // the local holds the only reference while it draws
        defer { stimulus = st; random = rng; stimulusIO = sio }
        let nIn = inputCount, nOut = outputCount, chunk = Self.chunk
        let inputs = lio.inputs, actuals = lio.actuals
        let chunks = (run.cycles + chunk - 1) / chunk
        var drawn = 0
        if run.batched, st != nil {
            while drawn < min(Self.depth, chunks) {
                draw(drawn, run, &st!, &rng, &sio); drawn += 1
                run.free.signal()
            }
        }
        var c = 0, k = 0
        while c < run.cycles {
            run.outputsReady.wait()
            let slot = k % Self.depth, n = counts[slot], base = ring + slot * chunk * nOut, rows = inputRing + slot * chunk * nIn
            for i in 0..<n {
                let cycle = c + i
                lio.cycle = cycle
                let row = rows + i * nIn
                for j in 0..<nIn { inputs[j] = row[j] }
                let sampled = base + i * nOut
                for j in 0..<nOut { actuals[j] = sampled[j] }
                if _slowPath(!ch.check(&lio, &cov)) {
                    run.lock.lock(); run.stopped = true; run.lock.unlock()
                    run.free.signal()   // the model's thread may be waiting for a slot
                    return .diverged(cycle: cycle)
                }
            }
            let wanted = min(chunk, run.cycles - c)
            c += n; k += 1
            if n < wanted { run.free.signal(); return .ended(cycle: c) }
            if !run.batched {
                run.free.signal()
            } else if drawn < chunks, st != nil {
                draw(drawn, run, &st!, &rng, &sio); drawn += 1
                run.free.signal()
            }
        }
        return .agreed
    }
}

/// A closure handed to a `Thread` (which wants a Sendable one); the closure runs
/// on that thread alone.
@usableFromInline
final class ThreadBody: @unchecked Sendable {
    @usableFromInline let run: () -> Void
    @usableFromInline init(_ run: @escaping () -> Void) { self.run = run }
}
