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
enum GenericLockstepBench {
    /// The FIFO's reference, folding the design's outputs into the harness's checksum.
    struct FifoReference: CycleReference {
        let inValid, inData, outReady: InputSignal
        let outputs: [OutputSignal]
        let inReady, outValid, outData, count: OutputSignal
        var queue: [UInt64] = []
        var checksum: UInt64 = 0xcbf29ce484222325

        init(ports: Ports) throws {
            inValid = try ports.input("in_valid"); inData = try ports.input("in_data"); outReady = try ports.input("out_ready")
            inReady = try ports.output("in_ready"); outValid = try ports.output("out_valid")
            outData = try ports.output("out_data"); count = try ports.output("count")
            outputs = ports.outputSignals
            queue.reserveCapacity(8)
        }

        mutating func reset() { queue.removeAll(keepingCapacity: true); checksum = 0xcbf29ce484222325 }

        mutating func cycle(_ io: inout CycleIO) {
            for o in outputs { checksum = (checksum ^ io.actual(o)) &* 0x100000001B3 }
            let full = queue.count == 4
            io[inReady] = full ? 0 : 1
            io[outValid] = queue.isEmpty ? 0 : 1
            io[count] = UInt64(queue.count)
            if let head = queue.first { io[outData] = head } else { io.ignore(outData) }
            let push = io[inValid] == 1 && !full, pop = !queue.isEmpty && io[outReady] == 1
            if pop { queue.removeFirst() }
            if push { queue.append(io[inData]) }
        }
    }

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
        _ = try cache.entry(for: spec)
        let build = Date().timeIntervalSince(t)
        t = Date()
        let bench = try LockstepBench(spec: spec, cache: cache)
        let load = Date().timeIntervalSince(t)
        let stimulus = RandomStimulus(ports: bench.ports)
        note("generic lockstep: building its C++ harness...")
        let harness = try CppHarness.build(bench: bench, stimulus: stimulus, folder: work)
        var options = LockstepOptions()
        options.runs = 1; options.cycles = cycles; options.seed = 1
        let seed = LockstepBench.runSeed(1, run: 0)
        var swiftBest = 0.0, cppBest = 0.0
        note("generic lockstep: \(rounds) interleaved rounds of \(cycles) cycles, Swift and C++...")
        for _ in 0..<rounds {
            let reference = try FifoReference(ports: bench.ports)
            let report = try bench.campaign(reference: reference, stimulus: stimulus, options: options)
            guard report.equivalent else { throw CLIError.tool("the FIFO diverged from its reference in the bench:\n\(report.summary)") }
            swiftBest = max(swiftBest, report.cyclesPerSecond)
            let cpp = try CppHarness.run(harness, cycles: cycles, seed: seed)
            cppBest = max(cppBest, cpp.cyclesPerSecond)
            // The same stimulus and outputs: the run's checksum, from Swift once more.
            let mine = try checksum(bench: bench, stimulus: stimulus, cycles: cycles, seed: seed)
            guard cpp.checksum == mine else {
                throw CLIError.tool("the C++ harness checksummed \(cpp.checksum), the Swift bench \(mine): they did not drive the same stimulus")
            }
        }
        return [("lockstep_fifo_cycles_per_s", String(format: "%.0f", swiftBest)),
                ("lockstep_fifo_cpp_cycles_per_s", String(format: "%.0f", cppBest)),
                ("lockstep_fifo_vs_cpp", String(format: "%.3f", swiftBest / cppBest)),
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
