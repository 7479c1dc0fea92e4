import CoSim
import Foundation
import HDL
import Lockstep

/// The generic lockstep layer's figures (issue 11), on the DSL FIFO
/// (`Examples.fifo`, 4 x 8 bits) as a user would run it: `LockstepBench`, a
/// cycle-level Swift reference, `RandomStimulus`; beside the plain C++ harness
/// (`CppHarness`, Verilator's public API only) on the same model with the same
/// stimulus, in interleaved rounds (best of each). Both fold the sampled
/// outputs into the same checksum, which must agree: the two drove the same thing.
/// The C++ harness runs twice: driving only (`lockstep_fifo_vs_cpp`, what the
/// Swift layer costs over touching the model at all), and with a hand-written
/// C++ scoreboard of the same FIFO (`lockstep_fifo_vs_cpp_checked`: the Swift
/// lockstep layer against the C++ test bench a Verilator user would write).
/// The Swift layer runs as a campaign does by default (the model's thread and
/// a checker thread, `LockstepOptions.checkerThread`), and on one thread
/// (`lockstep_fifo_one_thread_*`).
enum GenericLockstepBench {
    /// The FIFO's reference, folding the design's outputs into the harness's
    /// checksum. A ring of four slots, as the C++ scoreboard below (`cppCheck`):
    /// the two sides run the same algorithm.
    struct FifoReference: CycleReference {
        let inValid, inData, outReady: InputSignal
        let outputs: [OutputSignal]
        let inReady, outValid, outData, count: OutputSignal
        var slots = [UInt64](repeating: 0, count: 4)
        var head = 0, used = 0
        var checksum: UInt64 = 0xcbf29ce484222325

        init(ports: Ports) throws {
            inValid = try ports.input("in_valid"); inData = try ports.input("in_data"); outReady = try ports.input("out_ready")
            inReady = try ports.output("in_ready"); outValid = try ports.output("out_valid")
            outData = try ports.output("out_data"); count = try ports.output("count")
            outputs = ports.outputSignals
        }

        mutating func reset() { head = 0; used = 0; checksum = 0xcbf29ce484222325 }

        mutating func cycle(_ io: inout CycleIO) {
            for o in outputs { checksum = (checksum ^ io.actual(o)) &* 0x100000001B3 }
            let full = used == 4
            io[inReady] = full ? 0 : 1
            io[outValid] = used == 0 ? 0 : 1
            io[count] = UInt64(used)
            if used > 0 { io[outData] = slots[head] } else { io.ignore(outData) }
            let push = io[inValid] == 1 && !full, pop = used > 0 && io[outReady] == 1
            if pop { head = (head + 1) & 3; used -= 1 }
            if push { slots[(head + used) & 3] = io[inData]; used += 1 }
        }
    }

    /// The same reference as a hand-written C++ scoreboard: the test bench a
    /// Verilator user would write in C++ instead of using the lockstep layer.
    static let cppCheck = CppHarness.Check(
        declarations: "uint64_t slots[4]; int head = 0, used = 0;",
        perCycle: """
                {
                    const bool full = used == 4;
                    errors += t->in_ready != (full ? 0 : 1);
                    errors += t->out_valid != (used == 0 ? 0 : 1);
                    errors += t->count != (uint64_t)used;
                    if (used > 0) errors += t->out_data != slots[head];
                    const bool push = t->in_valid == 1 && !full, pop = used > 0 && t->out_ready == 1;
                    if (pop) { head = (head + 1) & 3; --used; }
                    if (push) { slots[(head + used) & 3] = t->in_data; ++used; }
                }
        """)

    /// `[(key, value)]` for the bench table: rates, their ratio, model load and build times.
    static func figures(cycles: Int, rounds: Int, note: (String) -> Void) throws -> [(String, String)] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("trapline-bench-lockstep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let cache = ModelCache(log: { _ in })
        // A cold build of a small design (runtime objects already in the cache): a fresh comment, so a new key.
        var spec = try ModelSpec(module: Examples.fifo())
        spec.verilog += "// bench \(UUID().uuidString)\n"
        note("generic lockstep: building the FIFO model (cold)...")
        var t = Date()
        let entry = try cache.entry(for: spec)
        let build = Date().timeIntervalSince(t)
        // The entry exists for this measurement only: leave the user's cache as it was.
        defer { try? FileManager.default.removeItem(at: entry.directory) }
        t = Date()
        let bench = try LockstepBench(spec: spec, cache: cache)
        let load = Date().timeIntervalSince(t)
        let stimulus = RandomStimulus(ports: bench.ports)
        note("generic lockstep: building its C++ harness...")
        let harness = try CppHarness.build(bench: bench, stimulus: stimulus, folder: work)
        let checked = try CppHarness.build(bench: bench, stimulus: stimulus, check: cppCheck, folder: work)
        var options = LockstepOptions()
        options.runs = 1; options.cycles = cycles; options.seed = 1
        var oneThread = options
        oneThread.checkerThread = false
        let seed = LockstepBench.runSeed(1, run: 0)
        var swiftBest = 0.0, oneBest = 0.0, cppBest = 0.0, checkedBest = 0.0
        note("generic lockstep: \(rounds) interleaved rounds of \(cycles) cycles, Swift (two threads, one thread) and C++...")
        for _ in 0..<rounds {
            for (o, isSplit) in [(options, true), (oneThread, false)] {
                let report = try bench.campaign(reference: try FifoReference(ports: bench.ports), stimulus: stimulus, options: o)
                guard report.equivalent else { throw CLIError.tool("the FIFO diverged from its reference in the bench:\n\(report.summary)") }
                if isSplit { swiftBest = max(swiftBest, report.cyclesPerSecond) } else { oneBest = max(oneBest, report.cyclesPerSecond) }
            }
            let cpp = try CppHarness.run(harness, cycles: cycles, seed: seed)
            cppBest = max(cppBest, cpp.cyclesPerSecond)
            let cppChecked = try CppHarness.run(checked, cycles: cycles, seed: seed)
            guard cppChecked.errors == 0, cppChecked.checksum == cpp.checksum else {
                throw CLIError.tool("the C++ FIFO scoreboard counted \(cppChecked.errors) differences (checksum \(cppChecked.checksum), unchecked \(cpp.checksum)): it and the Swift reference disagree")
            }
            checkedBest = max(checkedBest, cppChecked.cyclesPerSecond)
            // The same stimulus and outputs: the run's checksum, from Swift once more.
            let mine = try checksum(bench: bench, stimulus: stimulus, cycles: cycles, seed: seed)
            guard cpp.checksum == mine else {
                throw CLIError.tool("the C++ harness checksummed \(cpp.checksum), the Swift bench \(mine): they did not drive the same stimulus")
            }
        }
        return [("lockstep_fifo_cycles_per_s", String(format: "%.0f", swiftBest)),
                ("lockstep_fifo_cpp_cycles_per_s", String(format: "%.0f", cppBest)),
                ("lockstep_fifo_vs_cpp", String(format: "%.3f", swiftBest / cppBest)),
                ("lockstep_fifo_one_thread_cycles_per_s", String(format: "%.0f", oneBest)),
                ("lockstep_fifo_one_thread_vs_cpp", String(format: "%.3f", oneBest / cppBest)),
                ("lockstep_fifo_cpp_checked_cycles_per_s", String(format: "%.0f", checkedBest)),
                ("lockstep_fifo_vs_cpp_checked", String(format: "%.3f", swiftBest / checkedBest)),
                ("lockstep_fifo_model_load_ms", String(format: "%.2f", load * 1000)),
                ("lockstep_fifo_model_build_s", String(format: "%.3f", build))]
    }

    /// The checksum of the outputs of one run (the reference folds them as it checks).
    static func checksum(bench: LockstepBench, stimulus: RandomStimulus, cycles: Int, seed: UInt64) throws -> String {
        let model = try bench.makeModel(initSeed: seed)
        var checker = CycleChecker(try FifoReference(ports: bench.ports), ports: bench.ports)
        var stim = stimulus, random = SeededRandom(seed: seed)
        var io = CycleIO(ports: bench.ports)
        var coverage = CoverageCounts(names: [])
        checker.reset()
        _ = bench.runCycles(model, cycles: cycles, checker: &checker, stimulus: &stim, random: &random, io: &io, coverage: &coverage)
        let hex = String(checker.reference.checksum, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
