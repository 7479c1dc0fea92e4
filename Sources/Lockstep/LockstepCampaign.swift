import CoSim
import Foundation

extension LockstepBench {
    /// A random campaign against a cycle-level reference: `options.runs` runs of
    /// `options.cycles` cycles, each from reset with its own seed; the first
    /// divergence is shrunk, written (trace, VCD) and reported with its replay
    /// command; then `options.icarusRuns` runs are replayed under Icarus.
    @inlinable
    public func campaign<R: CycleReference, S: StimulusSource>(reference: R, stimulus: S, options: LockstepOptions) throws -> LockstepReport {
        try campaign(checker: CycleChecker(reference, ports: ports), stimulus: stimulus, options: options)
    }

    /// The same campaign with any checker (a `StreamScoreboard` for a
    /// transaction-level reference). Inlinable so that the per-cycle loop is
    /// specialised for the caller's types in the caller's module.
    @inlinable
    public func campaign<C: LockstepChecker, S: StimulusSource>(checker: C, stimulus: S, options: LockstepOptions) throws -> LockstepReport {
        try options.validate()
        let runner = RandomRunner(bench: self, checker: checker, stimulus: stimulus, checkerThread: options.checkerThread)
        let driver = CampaignDriver(bench: self, options: options, checks: Self.checks(checker, ports: ports))
        var report = try driver.run { model, seed, cycles, record, count in
            runner.run(model, seed: seed, cycles: cycles, record: record, countCoverage: count)
        }
        report.coverage = runner.coverage
        return report
    }

    /// Replays a trace file against `reference` (no shrinking): the verdict, and
    /// the divergence with a waveform in `options.outputDirectory`.
    public func replay<R: CycleReference>(_ url: URL, reference: R, options: LockstepOptions, simulator: String = "verilator") throws -> LockstepReport {
        try replay(url, checker: CycleChecker(reference, ports: ports), options: options, simulator: simulator)
    }

    /// Replays a trace file with any checker.
    public func replay<C: LockstepChecker>(_ url: URL, checker: C, options: LockstepOptions, simulator: String = "verilator") throws -> LockstepReport {
        let trace = try StimulusTrace.read(url)
        try trace.check(against: ports, file: url.path)
        let driver = CampaignDriver(bench: self, options: options, checks: Self.checks(checker, ports: ports))
        return try driver.replay(trace, file: url.path, simulator: simulator)
    }

    /// The off-path uses of a checker (shrinking, waveform, Icarus), each on a fresh copy.
    @usableFromInline
    static func checks<C: LockstepChecker>(_ prototype: C, ports: Ports) -> CampaignDriver.Checks {
        CampaignDriver.Checks(
            rows: { bench, rows, initSeed, wave in
                var c = prototype
                var cov = CoverageCounts(names: [])
                let (end, io) = try bench.run(rows: rows, initSeed: initSeed, checker: &c, coverage: &cov, wave: wave)
                // Only a divergence has the checker's lines: after an end the outputs in `io`
                // may be those of the cycle the model ended in, which the checker never checked.
                guard case .diverged = end else { return (end, []) }
                return (end, c.failure(io, ports: ports))
            },
            recorded: { rows, samples in
                var c = prototype
                var cov = CoverageCounts(names: [])
                c.reset()
                let io = CycleIO(CycleBuffers(inputs: ports.inputs.count, outputs: ports.outputs.count))
                var state = io
                for (k, s) in samples.enumerated() {
                    state.cycle = k
                    for i in rows[k].values.indices { state.inputs[i] = rows[k].values[i] }
                    for j in s.values.indices { state.actuals[j] = s.values[j]; state.unknown[j] = s.unknown[j] }
                    state.anyUnknown = s.unknown.contains(true)
                    if !c.check(&state, &cov) { return (.diverged(cycle: k), c.failure(state, ports: ports)) }
                }
                return samples.count < rows.count ? (.ended(cycle: samples.count), []) : (.agreed, [])
            })
    }
}
