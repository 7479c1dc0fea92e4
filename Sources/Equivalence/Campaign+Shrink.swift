import Lockstep
import Foundation
import RouterModel
import RouterSim

extension Campaign {
    /// Shrinks a failing trace with the simulator that saw it (ddmin over
    /// commands, then operand simplification; each attempt is one simulator run
    /// from reset of a short trace, on the already loaded model), writes it as a
    /// trace file with the RTL beside it when needed, re-runs it with a waveform,
    /// and runs every simulator on it for the three-way report.
    func shrink(_ f: Failure) throws -> ShrinkReport {
        let t0 = Date()
        let config = options.config
        let sim = f.simulator
        var shrinker = Shrinker(deadline: Date().addingTimeInterval(options.shrinkSeconds))
        let property: Shrinker.Property<Command> = { candidate in
            let reference = Compare.reference(candidate, config: config)
            return Compare.firstDifference(reference, try Compare.run(sim, candidate, handshake: f.handshake))
        }
        progress?(CampaignProgress(phase: "shrinking \(f.commands.count) commands", commands: 0, cycles: 0,
                                   coveragePercent: 0, elapsed: elapsed))
        var trace = try shrinker.ddmin(f.commands, failingAt: f.index, property)
        trace = try shrinker.simplifyValues(trace, property)
        // The divergence on the shrunk trace, with every simulator's value.
        let reference = Compare.reference(trace, config: config)
        var sims: [any RouterSimulator] = [primary]
        if let secondary { sims.append(secondary) }
        var outcomes: [(String, SimOutcome)] = []
        for s in sims { outcomes.append((s.name, try Compare.run(s, trace, handshake: f.handshake))) }
        let index = outcomes.compactMap { Compare.firstDifference(reference, $0.1) }.min() ?? trace.count - 1
        let divergence = Divergence(testcase: f.testcase + " (shrunk)", index: index, command: trace[index],
                                    reference: reference[index],
                                    values: outcomes.map { ($0.0, Compare.value($0.1, at: index)) })
        // Files: the trace, the RTL when it was generated, the waveform.
        let fm = FileManager.default
        var traceURL: URL?, waveURL: URL?
        let dir = options.outputDirectory
        let stem = "mismatch-" + Campaign.slug(f.testcase)
        var rtl = options.rtlPath ?? dir.appendingPathComponent("trapline_router.v").path
        var notWritten: String?
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let url = dir.appendingPathComponent(stem + ".jsonl")
            try TraceWriter.text(for: trace).write(to: url, atomically: true, encoding: .utf8)
            traceURL = url
            if options.rtlPath == nil { try options.verilog.write(toFile: rtl, atomically: true, encoding: .utf8) }
        } catch {
            rtl = options.rtlPath ?? "FILE.v"
            notWritten = "cannot write the shrunk trace into \(dir.path) (\((error as NSError).localizedDescription)); the commands are shown above"
        }
        if options.waveOnMismatch, traceURL != nil {
            let url = dir.appendingPathComponent(stem + ".vcd")
            if (try? sim.run(trace, handshake: f.handshake, wave: url)) != nil || fm.fileExists(atPath: url.path) {
                waveURL = url
            } else {
                notWritten = "cannot write the waveform \(url.path); the replay line makes it"
            }
        }
        var replay = ReplayCommand(trace: traceURL?.path ?? "TRACE.jsonl", simulator: sim.name, handshake: f.handshake)
        replay.rtl = rtl
        // The campaign's Verilator model draws its random initial values from the campaign seed.
        if sim.name == "verilator" { replay.initSeed = options.seed }
        replay.parameterFlags = options.parameterFlags
        return ShrinkReport(originalCommands: f.commands.count, commands: trace, attempts: shrinker.attempts,
                            seconds: Date().timeIntervalSince(t0), timedOut: shrinker.timedOut, trace: traceURL,
                            wave: waveURL, replay: replay.line, notWritten: notWritten, divergence: divergence)
    }

    /// A file-name-safe form of a testcase name.
    static func slug(_ name: String) -> String {
        var out = ""
        var dash = false
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch); dash = false } else if !dash && !out.isEmpty { out.append("-"); dash = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }
}
