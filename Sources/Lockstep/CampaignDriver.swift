import CoSim
import Foundation

/// The non-generic part of a lockstep campaign: runs and their seeds, progress,
/// the first divergence (shrunk, written, waveform, replay line), Icarus. The
/// per-cycle loop comes in as a closure specialised in the caller's module.
@usableFromInline
struct CampaignDriver {

    /// A checker's uses off the per-cycle path, each on a fresh copy.
    @usableFromInline struct Checks {
        /// Runs rows from reset under Verilator (optionally writing a VCD): the end and, on failure, what differed.
        var rows: (LockstepBench, [InputRow], UInt64, URL?) throws -> (LockstepBench.RunEnd, [String])
        /// Checks rows against outputs recorded by another simulator.
        var recorded: ([InputRow], [IcarusLockstep.Sample]) -> (LockstepBench.RunEnd, [String])
        @usableFromInline init(rows: @escaping (LockstepBench, [InputRow], UInt64, URL?) throws -> (LockstepBench.RunEnd, [String]),
                               recorded: @escaping ([InputRow], [IcarusLockstep.Sample]) -> (LockstepBench.RunEnd, [String])) {
            self.rows = rows; self.recorded = recorded
        }
    }

    let bench: LockstepBench
    let options: LockstepOptions
    let checks: Checks

    @usableFromInline init(bench: LockstepBench, options: LockstepOptions, checks: Checks) {
        self.bench = bench; self.options = options; self.checks = checks
    }

    var ports: Ports { bench.ports }

    @usableFromInline func run(_ runner: RandomRun) throws -> LockstepReport {
        let t0 = Date()
        let n = ports.inputs.count
        // Runs keep no record of their inputs (a whole-run buffer costs a fresh page every few
        // hundred cycles), except those Icarus replays; a failing run is run again, recorded.
        let record: UnsafeMutablePointer<UInt64>? = options.icarusRuns > 0 ? .allocate(capacity: max(1, options.cycles * n)) : nil
        defer { record?.deallocate() }
        var report = LockstepReport(design: ports.design, seed: options.seed, runs: 0, cycles: 0, seconds: 0,
                                    coverage: CoverageCounts(names: []))
        var icarusTraces: [[InputRow]] = []
        var lastProgress = t0
        for run in 0..<options.runs {
            let seed = LockstepBench.runSeed(options.seed, run: run)
            let model = try bench.makeModel(initSeed: seed)
            let kept = run < options.icarusRuns ? record : nil
            let end = runner(model, seed, options.cycles, kept, true)
            switch end {
            case .agreed:
                report.runs += 1; report.cycles += options.cycles
                if let kept { icarusTraces.append(rows(kept, count: options.cycles)) }
            case .diverged(let c), .ended(let c):
                report.cycles += c
                var lines: [String]
                if end == .ended(cycle: c), let e = model.end { lines = ["the RTL ended the simulation: \(e)"] } else { lines = [] }
                let rows: [InputRow]
                if let kept {
                    rows = self.rows(kept, count: c + 1)
                } else {
                    // The same seed gives the same stimulus and initial state: the run again, recorded.
                    let again = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, (c + 1) * n))
                    defer { again.deallocate() }
                    _ = runner(try bench.makeModel(initSeed: seed), seed, c + 1, again, false)
                    rows = self.rows(again, count: c + 1)
                }
                report.seconds = Date().timeIntervalSince(t0)   // the campaign's time, not the shrinking's
                report.divergence = try shrink(rows, run: run, seed: seed, endLines: lines)
                return report
            }
            if let progress = options.progress, Date().timeIntervalSince(lastProgress) >= 1 {
                lastProgress = Date()
                progress("run \(run + 1)/\(options.runs): \(report.cycles) cycles agreed")
            }
        }
        report.seconds = Date().timeIntervalSince(t0)
        if !icarusTraces.isEmpty {
            options.progress?("icarus: replaying \(icarusTraces.count) run\(icarusTraces.count == 1 ? "" : "s")")
            let samples = try IcarusLockstep(spec: bench.spec, ports: ports).run(icarusTraces, resetCycles: bench.resetCycles)
            for (k, t) in icarusTraces.enumerated() {
                let s = k < samples.count ? samples[k] : []
                let (end, lines) = checks.recorded(t, s)
                switch end {
                case .agreed:
                    report.icarusRuns += 1; report.icarusCycles += t.count
                case .diverged(let c), .ended(let c):
                    let why = end == .ended(cycle: c) ? ["the RTL ended the simulation under Icarus (no output after cycle \(c))"] : lines
                    let seed = LockstepBench.runSeed(options.seed, run: k)
                    report.divergence = write(Array(t.prefix(c + 1)), run: k, seed: seed, cycle: c, details: why,
                                              originalCycles: c + 1, attempts: 0, simulator: "icarus")
                    return report
                }
            }
        }
        return report
    }

    func rows(_ record: UnsafeMutablePointer<UInt64>, count: Int) -> [InputRow] {
        let n = ports.inputs.count
        return (0..<count).map { c in InputRow(Array(UnsafeBufferPointer(start: record + c * n, count: n))) }
    }

    /// Shrinks a failing run (ddmin over cycles, then value simplification), then writes it.
    func shrink(_ rows: [InputRow], run: Int, seed: UInt64, endLines: [String]) throws -> LockstepDivergence {
        var shrinker = Shrinker(deadline: Date().addingTimeInterval(options.shrinkSeconds))
        let property: Shrinker.Property<InputRow> = { candidate in
            switch try checks.rows(bench, candidate, seed, nil).0 {
            case .agreed: return nil
            case .diverged(let c), .ended(let c): return c
            }
        }
        var shrunk = rows
        if options.shrinkSeconds > 0, try property(rows) != nil {
            options.progress?("shrinking \(rows.count) cycles")
            shrunk = try shrinker.ddmin(rows, failingAt: rows.count - 1, property)
            shrunk = try shrinker.simplifyValues(shrunk, property)
        }
        let (end, lines) = try checks.rows(bench, shrunk, seed, nil)
        var cycle = shrunk.count - 1
        if case .diverged(let c) = end { cycle = c } else if case .ended(let c) = end { cycle = c }
        let details = lines.isEmpty ? (endLines.isEmpty ? ["the run diverged"] : endLines) : lines
        return write(Array(shrunk.prefix(cycle + 1)), run: run, seed: seed, cycle: cycle, details: details,
                     originalCycles: rows.count, attempts: shrinker.attempts, simulator: "verilator")
    }

    /// Writes the trace and (Verilator) its waveform; builds the report block.
    /// `existing`: the trace file being replayed (not written again; the waveform is named after it).
    func write(_ rows: [InputRow], run: Int, seed: UInt64, cycle: Int, details: [String], originalCycles: Int,
               attempts: Int, simulator: String, existing: String? = nil) -> LockstepDivergence {
        let trace = StimulusTrace(design: ports.design, seed: options.seed, run: run, initSeed: seed,
                                  resetCycles: bench.resetCycles, inputs: ports.inputs.map { ($0.name, $0.width) }, rows: rows)
        let inputs = cycle < rows.count ? ports.inputs.indices.map { "\(ports.inputs[$0].name)=\(hex(rows[cycle].values[$0]))" } : []
        var d = LockstepDivergence(simulator: simulator, run: run, cycle: cycle, inputs: inputs, details: details, trace: trace,
                                   originalCycles: originalCycles, shrinkAttempts: attempts, replay: "")
        var file = "TRACE"
        if let dir = options.outputDirectory {
            let stem = existing.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
                ?? "\(ports.design)-run\(run)-\(simulator)"
            let url = dir.appendingPathComponent(stem + ".trace")
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                if let existing { d.traceFile = existing; file = existing } else {
                    try trace.text.write(to: url, atomically: true, encoding: .utf8)
                    d.traceFile = url.path; file = url.path
                }
            } catch {
                d.notWritten = "cannot write \(url.path) (\((error as NSError).localizedDescription)); the trace is not saved"
            }
            if options.wave, simulator == "verilator", d.traceFile != nil {
                let vcd = dir.appendingPathComponent(stem + ".vcd")
                do {
                    _ = try checks.rows(bench, rows, seed, vcd)
                    d.waveFile = vcd.path
                } catch {
                    d.notWritten = "cannot write the waveform \(vcd.path): \(error)"
                }
            }
        } else if let existing {
            d.traceFile = existing; file = existing
        } else {
            d.notWritten = "no output folder: the trace is not saved (give one with --out DIR)"
        }
        d.replay = (options.replayCommand + ["--replay", file] + (simulator == "icarus" ? ["--sim", "icarus"] : []))
            .joined(separator: " ")
        return d
    }

    /// Runs a trace file once: the verdict, and the divergence (no shrinking) with its waveform.
    @usableFromInline func replay(_ trace: StimulusTrace, file: String, simulator: String) throws -> LockstepReport {
        guard trace.resetCycles == bench.resetCycles else {
            throw LockstepError.badTrace(file: file, line: 0, message: "reset-cycles \(trace.resetCycles) is not the bench's \(bench.resetCycles); replay it with the bench that wrote it")
        }
        let t0 = Date()
        var report = LockstepReport(design: ports.design, seed: trace.seed, runs: 0, cycles: 0, seconds: 0,
                                    coverage: CoverageCounts(names: []))
        var end: LockstepBench.RunEnd, lines: [String]
        if simulator == "icarus" {
            let samples = try IcarusLockstep(spec: bench.spec, ports: ports).run([trace.rows], resetCycles: trace.resetCycles)
            (end, lines) = checks.recorded(trace.rows, samples.first ?? [])
        } else {
            (end, lines) = try checks.rows(bench, trace.rows, trace.initSeed, nil)
        }
        report.seconds = Date().timeIntervalSince(t0)
        switch end {
        case .agreed:
            report.runs = 1; report.cycles = trace.rows.count
            if simulator == "icarus" { report.icarusRuns = 1; report.icarusCycles = trace.rows.count }
        case .diverged(let c), .ended(let c):
            report.cycles = c
            let details = end == .ended(cycle: c) && lines.isEmpty ? ["the RTL ended the simulation at cycle \(c)"] : lines
            var d = write(Array(trace.rows.prefix(c + 1)), run: trace.run, seed: trace.initSeed, cycle: c, details: details,
                          originalCycles: trace.rows.count, attempts: 0, simulator: simulator, existing: file)
            d.trace.seed = trace.seed
            report.divergence = d
        }
        return report
    }
}
