import CoSim
import Foundation

/// A long random run split over two threads:
/// - the model's thread (the caller's: a Verilated model stays on the thread
///   that created it) draws a chunk of stimulus into a ring of input rows
///   (and the run's record, when it keeps one) and runs the chunk, outputs
///   sampled into a second ring: in one C call (`VerilatedModel.run`) when the
///   stimulus does not read the design's outputs (`StimulusSource.readsOutputs`
///   false), else a cycle per call, the stimulus seeing each cycle's outputs;
/// - this object's thread checks each chunk once the model has run it (the
///   reference and the compare, cycle by cycle).
///
/// The stimulus draws, the inputs and outputs the checker sees and the order
/// of its checks are those of the one-thread loop (`LockstepBench.runCycles`),
/// so a run's verdict, divergence cycle and coverage are the same either way;
/// only the model may have run up to a few chunks past a divergence.
///
/// The rings hold `depth` chunks of `chunk` cycles (reused: no page is touched
/// for the first time per cycle, as a whole-run record would be); two semaphores
/// hand chunks back and forth (one wait per chunk, none per cycle): a slot is
/// free, a chunk's outputs are ready. At the first divergence the
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
        /// Ring slots the model may fill (created at 0 and signalled: libdispatch
        /// traps when a semaphore is freed below the value it was created with).
        @usableFromInline let free = DispatchSemaphore(value: 0)
        /// Chunks whose outputs are in the ring and not yet checked.
        @usableFromInline let outputsReady = DispatchSemaphore(value: 0)
        @usableFromInline let lock = NSLock()
        /// Under `lock`: the checker found a divergence, the model's thread stops.
        @usableFromInline var stopped = false
        @usableFromInline let cycles: Int
        @usableFromInline init(cycles: Int) {
            self.cycles = cycles
            for _ in 0..<CheckerThread.depth { free.signal() }
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
    /// The checker's cycle (inputs and outputs copied from the rings).
    @usableFromInline var io: CycleIO
    @usableFromInline var run: Run?
    @usableFromInline var result: LockstepBench.RunEnd = .agreed

    @inlinable init(checker: C, inputs: Int, outputs: Int) {
        self.checker = checker
        inputCount = inputs; outputCount = outputs
        io = CycleIO(CycleBuffers(inputs: inputs, outputs: outputs))
        ring = lineAligned(UInt64.self, max(1, Self.chunk * Self.depth * outputs), 0)
        inputRing = lineAligned(UInt64.self, max(1, Self.chunk * Self.depth * inputs), 0)
        counts = lineAligned(Int.self, Self.depth, 0)
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

    /// Runs `cycles` cycles of `model` (reset) on the caller's thread, the
    /// stimulus drawn there (and each cycle's inputs copied to `record` when
    /// given): how the run ended. `batched`: a chunk per C call (the stimulus
    /// must not read the design's outputs); else a cycle per call, each cycle's
    /// outputs in `sio.actual` before the next draw, as in the one-thread loop.
    /// `checker` and `coverage` must be set (the checker reset) before.
    @inlinable func run(_ model: VerilatedModel, cycles: Int, batched: Bool, stimulus st: inout S, random rng: inout SeededRandom,
                        io sio: inout CycleIO, record: UnsafeMutablePointer<UInt64>?,
                        inputSlots: UnsafeBufferPointer<Int>, outputSlots: UnsafeBufferPointer<Int>) -> LockstepBench.RunEnd {
        let r = Run(cycles: cycles)
        run = r
        io.buffers.clear()   // as the one-thread loop starts a run
        begin.signal()
        let nIn = inputCount, nOut = outputCount, chunk = Self.chunk, inputs = sio.inputs, actuals = sio.actuals
        defer {   // the stimulus's last view of the outputs, back in its own buffer
            if sio.actuals != actuals { actuals.update(from: sio.actuals, count: nOut); sio.actuals = actuals }
        }
        var c = 0, k = 0
        while c < cycles {
            r.free.wait()
            if r.isStopped { break }
            let slot = k % Self.depth, want = min(chunk, cycles - c), rows = inputRing + slot * chunk * nIn
            let outs = ring + slot * chunk * nOut
            var n = 0
            if batched {
                for i in 0..<want {
                    sio.cycle = c + i
                    st.next(&sio, &rng)
                    let row = rows + i * nIn
                    for j in 0..<nIn { row[j] = inputs[j] }
                }
                if let record { (record + c * nIn).update(from: rows, count: want * nIn) }
                n = model.run(cycles: want, inputs: rows, inputSlots: inputSlots, outputs: outs, outputSlots: outputSlots)
            } else {
                // The stimulus follows the design: one cycle per call, its outputs back in `sio` for
                // the next draw (`sio.actual` reads the ring row the outputs were sampled into).
                let raw = model.rawInputs, sampled = model.rawSampled
                while n < want {
                    sio.cycle = c + n
                    st.next(&sio, &rng)
                    let row = rows + n * nIn
                    for j in 0..<nIn { let v = inputs[j]; raw[inputSlots[j]] = v; row[j] = v }
                    if _slowPath(!model.step()) { break }
                    let out = outs + n * nOut
                    for j in 0..<nOut { out[j] = sampled[outputSlots[j]] }
                    sio.actuals = out
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

    /// This thread's side of a run: each chunk checked once the model has run it.
    @inlinable func work(_ run: Run) -> LockstepBench.RunEnd {
        var ch = checker, cov = coverage, lio = io
        // The checker reads each cycle's inputs and outputs where the model's thread put them.
        let ownInputs = lio.inputs, ownActuals = lio.actuals
        defer {
            if lio.inputs != ownInputs { ownInputs.update(from: lio.inputs, count: inputCount); lio.inputs = ownInputs }
            if lio.actuals != ownActuals { ownActuals.update(from: lio.actuals, count: outputCount); lio.actuals = ownActuals }
            checker = ch; coverage = cov; io = lio
        }
        let nIn = inputCount, nOut = outputCount, chunk = Self.chunk
        var c = 0, k = 0
        while c < run.cycles {
            run.outputsReady.wait()
            let slot = k % Self.depth, n = counts[slot], base = ring + slot * chunk * nOut, rows = inputRing + slot * chunk * nIn
            for i in 0..<n {
                let cycle = c + i
                lio.cycle = cycle
                lio.inputs = rows + i * nIn
                lio.actuals = base + i * nOut
                if _slowPath(!ch.check(&lio, &cov)) {
                    run.lock.lock(); run.stopped = true; run.lock.unlock()
                    run.free.signal()   // the model's thread may be waiting for a slot
                    return .diverged(cycle: cycle)
                }
            }
            let wanted = min(chunk, run.cycles - c)
            c += n; k += 1
            run.free.signal()
            if n < wanted { return .ended(cycle: c) }
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
