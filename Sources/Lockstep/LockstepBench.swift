import CoSim
import Foundation

/// A design compiled into a Verilator model, ready to run in lockstep with a
/// Swift reference. Built once (the model comes from the `ModelCache`); each run
/// uses a fresh instance, reset by the bench, so runs are independent and a run
/// replays exactly from its seed.
public final class LockstepBench {
    /// The model's description (Verilog, top, ports, clock, reset).
    public let spec: ModelSpec
    /// The ports the stimulus drives and the checker compares.
    public let ports: Ports
    /// Where the model (and its traced build, for waveforms) is cached.
    public let cache: ModelCache
    /// The cached model every run instantiates.
    public let entry: ModelCache.Entry
    /// Cycles the reset input is held active before each run (0: no reset).
    public var resetCycles: Int
    /// Model buffer slots of `ports.inputs` and `ports.outputs`, in order (owned; freed in deinit).
    @usableFromInline let inputSlots: UnsafeMutablePointer<Int>
    @usableFromInline let outputSlots: UnsafeMutablePointer<Int>
    /// The driven inputs take consecutive slots of the model's input buffer, and
    /// the outputs consecutive slots of its sampled buffer (every design whose
    /// reset is declared before or after its other inputs): `runCycles` then lets
    /// the stimulus and the checker work on the model's buffers, no copy per cycle.
    @usableFromInline let slotsContiguous: Bool

    /// Builds (or loads from the cache) the model of `spec`.
    public convenience init(spec: ModelSpec, cache: ModelCache = ModelCache(), resetCycles: Int = 2) throws {
        try self.init(spec: spec, cache: cache, resetCycles: resetCycles) { try cache.entry(for: spec) }
    }

    /// The bench of `spec`, whose model `entry` of `cache` already holds (looked up by the caller).
    public convenience init(spec: ModelSpec, entry: ModelCache.Entry, cache: ModelCache, resetCycles: Int = 2) throws {
        try self.init(spec: spec, cache: cache, resetCycles: resetCycles) { entry }
    }

    /// The ports and the reset length are checked before `entry` is asked for (a build, maybe).
    private init(spec: ModelSpec, cache: ModelCache, resetCycles: Int, entry: () throws -> ModelCache.Entry) throws {
        ports = try Ports(spec: spec)
        guard (0...1000).contains(resetCycles) else { throw LockstepError.badArgument("reset cycles \(resetCycles) is outside 0...1000") }
        self.spec = spec
        self.resetCycles = spec.reset == nil ? 0 : resetCycles
        self.cache = cache
        self.entry = try entry()
        let probe = try VerilatedModel(spec, entry: self.entry, seed: 1)
        let ins = try ports.inputs.map { try probe.input($0.name).slot }, outs = try ports.outputs.map { try probe.output($0.name).slot }
        inputSlots = .allocate(capacity: max(1, ins.count)); inputSlots.initialize(from: ins, count: ins.count)
        outputSlots = .allocate(capacity: max(1, outs.count)); outputSlots.initialize(from: outs, count: outs.count)
        func consecutive(_ s: [Int]) -> Bool { s.indices.allSatisfy { s[$0] == s[0] + $0 } }
        slotsContiguous = !ins.isEmpty && !outs.isEmpty && consecutive(ins) && consecutive(outs)
    }

    deinit { inputSlots.deallocate(); outputSlots.deallocate() }

    /// A fresh instance of the model, reset.
    public func makeModel(initSeed: UInt64) throws -> VerilatedModel {
        let m = try VerilatedModel(spec, entry: entry, seed: initSeed)
        if resetCycles > 0 { try m.reset(cycles: resetCycles) }
        return m
    }

    /// How a run ended.
    public enum RunEnd: Equatable, Sendable {
        /// Every cycle agreed.
        case agreed
        /// The checker found a divergence in this cycle (from 0 after reset).
        case diverged(cycle: Int)
        /// The RTL ended the simulation (`$finish`, `$stop`, a fatal error) in this cycle.
        case ended(cycle: Int)
    }

    /// Runs `cycles` cycles on `model` (already reset), the checker already reset:
    /// per cycle the stimulus sets the inputs, the model steps, its sampled
    /// outputs go to `io.actual`, the checker checks and counts coverage. When
    /// `record` is given, each cycle's inputs are copied there (`cycles` rows of
    /// `ports.inputs.count` values). No allocation, lookup or dynamic dispatch.
    /// After `.ended`, `io`'s outputs may be those the model showed in the cycle it
    /// ended in (never checked); after `.diverged`, those of the diverging cycle.
    @inlinable
    public func runCycles<C: LockstepChecker, S: StimulusSource>(
        _ model: VerilatedModel, cycles: Int, checker: inout C, stimulus: inout S, random: inout SeededRandom,
        io: inout CycleIO, coverage: inout CoverageCounts, record: UnsafeMutablePointer<UInt64>? = nil
    ) -> RunEnd {
        // Work on locals, written back at the end: the caller's values may live in a
        // closure's box, where every access would be checked for exclusivity at run time.
        var ch = checker, st = stimulus, rng = random, lio = io, cov = coverage
        defer { checker = ch; stimulus = st; random = rng; io = lio; coverage = cov }
        let b = lio.buffers
        let nIn = b.inputCount, nOut = b.outputCount
        let raw = model.rawInputs, sampled = model.rawSampled
        let inSlots = inputSlots, outSlots = outputSlots
        if slotsContiguous && record == nil {
            // The stimulus writes the model's inputs and the checker reads its sampled
            // outputs in place; the values go back to the run's buffers at the end.
            let ownInputs = lio.inputs, ownActuals = lio.actuals
            let modelInputs = raw + inSlots[0], modelOutputs = UnsafeMutablePointer(mutating: sampled) + outSlots[0]
            modelInputs.update(from: ownInputs, count: nIn); modelOutputs.update(from: ownActuals, count: nOut)
            lio.inputs = modelInputs; lio.actuals = modelOutputs
            defer {
                ownInputs.update(from: modelInputs, count: nIn); ownActuals.update(from: modelOutputs, count: nOut)
                lio.inputs = ownInputs; lio.actuals = ownActuals
            }
            for c in 0..<cycles {
                lio.cycle = c
                st.next(&lio, &rng)
                if _slowPath(!model.step()) { return .ended(cycle: c) }
                if _slowPath(!ch.check(&lio, &cov)) { return .diverged(cycle: c) }
            }
            return .agreed
        }
        let inputs = lio.inputs, actuals = lio.actuals
        for c in 0..<cycles {
            lio.cycle = c
            st.next(&lio, &rng)
            if let record {
                let row = record + c * nIn
                for i in 0..<nIn { let v = inputs[i]; raw[inSlots[i]] = v; row[i] = v }
            } else {
                for i in 0..<nIn { raw[inSlots[i]] = inputs[i] }
            }
            if _slowPath(!model.step()) { return .ended(cycle: c) }
            for j in 0..<nOut { actuals[j] = sampled[outSlots[j]] }
            if _slowPath(!ch.check(&lio, &cov)) { return .diverged(cycle: c) }
        }
        return .agreed
    }

    /// Runs `rows` from reset on a fresh instance (seeded `initSeed`): the
    /// shrinker's property and the replay of a trace file. With `wave`, on the
    /// model built for tracing (once, on first use), writing a VCD from reset.
    public func run<C: LockstepChecker>(rows: [InputRow], initSeed: UInt64, checker: inout C,
                                        coverage: inout CoverageCounts, wave: URL? = nil) throws -> (RunEnd, CycleIO) {
        let model: VerilatedModel
        if let wave {
            var traced = spec
            traced.trace = true
            model = try VerilatedModel(traced, cache: cache, seed: initSeed)
            try model.openTrace(wave.path)
            if resetCycles > 0 { try model.reset(cycles: resetCycles) }
        } else {
            model = try makeModel(initSeed: initSeed)
        }
        defer { if wave != nil { model.closeTrace() } }
        let io = CycleIO(CycleBuffers(inputs: ports.inputs.count, outputs: ports.outputs.count))
        var stimulus = TraceStimulus(rows)
        var random = SeededRandom(seed: 0)
        var state = io
        checker.reset()
        let end = runCycles(model, cycles: rows.count, checker: &checker, stimulus: &stimulus, random: &random,
                            io: &state, coverage: &coverage)
        return (end, state)
    }

    /// The seed of run `run` of a campaign seeded `seed` (stimulus and initial values).
    public static func runSeed(_ seed: UInt64, run: Int) -> UInt64 {
        var r = SeededRandom(seed: seed ^ (UInt64(run) &* 0xD6E8_FEB8_6659_FD93))
        return r.next()
    }
}
