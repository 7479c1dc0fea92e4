import CoSim
import Foundation
import Lockstep
import RouterModel

/// Runs a router RTL (SPEC 9 interface, top `trapline_router`) compiled by
/// Verilator, driven cycle by cycle from Swift through CoSim.
///
/// - `run(_:handshake:wave:)` (`RouterSimulator`): every response, in order.
/// - `lockstep(_:handshake:config:wave:waveFrom:)`: compares each response with the
///   reference `Router` as it arrives and stops at the first mismatch.
/// - `lockstepRandom(count:seed:handshake:config:wave:waveFrom:lines:)`: the same on
///   generated commands, streamed (memory independent of `count`), the line of each
///   checked response written to a `LineWriter`.
///
/// The model is built (or found in the cache) by `init`; a run with a wave
/// file uses a second, `--trace` build of the same text, made on first use.
/// Each run uses a fresh model instance whose random initial register values
/// come from `seed`, then holds reset for 2 cycles.
///
/// An RTL that calls `$finish` or `$stop`, or that Verilator stops with a
/// fatal error, makes every run method throw `SimulationEnded` (never a
/// short or partial result).
public final class VerilatorRouter: RouterSimulator {
    /// `verilator`, the simulator's name in reports and replay lines.
    public let name = "verilator"
    /// The text of the Verilog file under test (top module `trapline_router`).
    public let verilog: String
    /// The cache holding the compiled model (and its `--trace` build when a waveform is asked for).
    public let cache: ModelCache
    /// Seed of Verilator's random initial register values (`--init-seed`).
    public let seed: UInt64
    /// The cache entry of the model without waveform support.
    public var entry: ModelCache.Entry { bench.entry }
    /// The router as a design of the generic lockstep layer: every run goes
    /// through its per-cycle loop (`drive`).
    let bench: LockstepBench
    let signals: RouterSignals
    /// How messages name the RTL file (`SimulationEnded.source`), e.g. the `--rtl` path.
    public let sourceName: String?
    /// Wall-clock seconds one run may take, as a function of its number of
    /// commands; nil (the default): no limit. The model evaluates in this
    /// process and cannot be interrupted, so a run past its limit ends the
    /// process (`ProcessGuard.Watchdog`: exit 1, "timed out after S s").
    /// Verilator's own convergence limit already turns a combinational loop
    /// that does not settle into a fatal error (`SimulationEnded`); this is
    /// for an evaluation that never returns at all.
    public var timeLimit: (@Sendable (Int) -> Double)?

    /// The CLI's default limit: 60 s plus 1 ms per command (the debug build
    /// runs the router at ~0.1-1 M commands per second).
    public static func defaultTimeLimit(commands: Int) -> Double { 60 + Double(commands) / 1000 }

    /// Arms the watchdog of a run of `commands` commands (nil: no limit).
    func watchdog(_ commands: Int) -> ProcessGuard.Watchdog? {
        guard let limit = timeLimit?(commands) else { return nil }
        let what = sourceName.map { "--rtl \($0)" } ?? "the RTL"
        return ProcessGuard.Watchdog(seconds: limit) {
            "the verilator simulation of \(commands) commands timed out after \(limit == limit.rounded() ? String(Int(limit)) : String(format: "%.1f", limit)) s (set the limit with --sim-timeout) before it finished: the model's evaluation of \(what) did not return (the RTL did not settle) or the run is far slower than it should be; no verdict on this run"
        }
    }

    /// Builds (or finds in `cache`) the model of `verilog`; `sourceName` names the file in messages. Throws `VerilogRejected` (with `source` set) when Verilator refuses the text, or a `ToolError` when the build fails.
    public init(verilog: String, cache: ModelCache = ModelCache(), seed: UInt64 = 1, sourceName: String? = nil) throws {
        self.verilog = verilog; self.cache = cache; self.seed = seed; self.sourceName = sourceName
        let spec = RouterSignals.spec(verilog: verilog, trace: false)
        let entry: ModelCache.Entry
        do { entry = try cache.entry(for: spec) } catch var rejected as VerilogRejected {
            rejected.source = sourceName
            throw rejected
        }
        bench = try LockstepBench(spec: spec, entry: entry, cache: cache, resetCycles: 2)
        signals = try RouterSignals(bench.ports)
    }

    /// A fresh instance (with VCD support when `wave` is given; the trace is
    /// opened now when `waveFrom` is 0, else by the driver when command
    /// `waveFrom` is first offered).
    func instance(wave: URL?, waveFrom: Int = 0) throws -> VerilatedModel {
        guard let wave else { return try VerilatedModel(bench.spec, entry: bench.entry, seed: seed) }   // built and looked up once, by init
        let m = try VerilatedModel(RouterSignals.spec(verilog: verilog, trace: true), cache: cache, seed: seed)
        if waveFrom <= 0 { try m.openTrace(wave.path) }
        return m
    }

    /// Runs `commands` from reset with `handshake`'s gaps and backpressure and returns every response, writing a VCD to `wave` when given. Throws `ProtocolViolation` or `SimulationEnded`.
    public func run(_ commands: [Command], handshake: Handshake, wave: URL?) throws -> SimRun {
        try run(commands, handshake: handshake, wave: wave, waveFrom: 0)
    }

    /// `run` with a waveform window: with `waveFrom` > 0 the VCD starts when
    /// command `waveFrom` is first offered, so a failure late in a long trace
    /// gives a small file.
    public func run(_ commands: [Command], handshake: Handshake, wave: URL?, waveFrom: Int) throws -> SimRun {
        try Self.checkHandshake(handshake)
        let m = try instance(wave: wave, waveFrom: waveFrom)
        defer { m.closeTrace() }
        let limit = watchdog(commands.count)
        defer { limit?.disarm() }
        var collected = CollectResponses()
        collected.responses.reserveCapacity(commands.count)
        let (_, cycles) = try drive(m, ArrayCommands(commands: commands), count: commands.count, handshake, &collected,
                                    trace: Self.window(wave, waveFrom))
        return SimRun(responses: collected.responses, cycles: cycles)
    }

    /// The outcome of a lockstep run.
    public struct LockstepResult: Sendable {
        /// The RTL's responses up to and including the first mismatch (empty when `keepResponses` was false).
        public var responses: [Response]
        /// Responses compared (equal ones, plus the mismatching one).
        public var compared: Int
        /// Cycles after reset.
        public var cycles: UInt64
        /// The first difference, nil when every response matched.
        public var mismatch: (index: Int, expected: Response, actual: Response)?
    }

    /// Runs `commands` from reset with the reference `Router(config:)` in lockstep.
    /// `keepResponses: false` keeps nothing per command (the benchmark).
    /// `pipelined`: the reference runs on a second thread ahead of the
    /// simulation (`ReferencePipeline`; used for runs of at least
    /// 16384 commands); false runs it on the simulation thread, response by response.
    public func lockstep(_ commands: [Command], handshake: Handshake, config: RouterConfig,
                         wave: URL? = nil, waveFrom: Int = 0,
                         keepResponses: Bool = true, pipelined: Bool = true) throws -> LockstepResult {
        try Self.checkHandshake(handshake)
        let m = try instance(wave: wave, waveFrom: waveFrom)
        defer { m.closeTrace() }
        let limit = watchdog(commands.count)
        defer { limit?.disarm() }
        let trace = Self.window(wave, waveFrom)
        if pipelined && commands.count >= ReferencePipeline.minimumCommands {
            let pipeline = ReferencePipeline(commands: commands, config: config)
            defer { pipeline.finish() }
            var checked = ComparedResponses(pipeline, keep: keepResponses)
            if keepResponses { checked.responses.reserveCapacity(commands.count) }
            let (got, cycles) = try drive(m, ArrayCommands(commands: commands), count: commands.count, handshake, &checked, trace: trace)
            return LockstepResult(responses: checked.responses, compared: got, cycles: cycles, mismatch: checked.mismatch)
        }
        var reference = ComparedResponses(InlineReference(commands, config: config), keep: keepResponses)
        if keepResponses { reference.responses.reserveCapacity(commands.count) }
        let (got, cycles) = try drive(m, ArrayCommands(commands: commands), count: commands.count, handshake, &reference, trace: trace)
        return LockstepResult(responses: reference.responses, compared: got, cycles: cycles, mismatch: reference.mismatch)
    }

    /// The delayed trace start for the driver, if any.
    static func window(_ wave: URL?, _ waveFrom: Int) -> (from: Int, path: String)? {
        guard let wave, waveFrom > 0 else { return nil }
        return (waveFrom, wave.path)
    }

    static func checkHandshake(_ h: Handshake) throws {
        guard (0...99).contains(h.idlePercent), (0...99).contains(h.stallPercent) else {
            throw ProtocolViolation("handshake idle \(h.idlePercent)% / stall \(h.stallPercent)%: each must be 0...99, otherwise no command or response can ever pass",
                                    commandIndex: 0, cycle: 0)
        }
    }
}

extension VerilatorRouter {
    /// Lockstep on `count` constrained-random commands of seed `seed`, streamed:
    /// the commands, the reference responses and their trace lines are made on a
    /// second thread (`ReferencePipeline(randomCount:seed:config:lines:)`), each
    /// response is compared as it arrives, and the lines of each fully checked chunk
    /// go to `lines` (from the calling thread, one call per chunk), so memory stays
    /// the same whatever `count` is and the simulation thread only drives, compares
    /// and writes.
    /// Stops at the first mismatch; the lines before it and the mismatching
    /// response's line are written, also when the driver throws (the lines of the
    /// responses checked before it). The result keeps no responses.
    public func lockstepRandom(count: Int, seed: UInt64, handshake: Handshake, config: RouterConfig,
                               wave: URL? = nil, waveFrom: Int = 0, lines: LineWriter) throws -> LockstepResult {
        try Self.checkHandshake(handshake)
        let m = try instance(wave: wave, waveFrom: waveFrom)
        defer { m.closeTrace() }
        let limit = watchdog(count)
        defer { limit?.disarm() }
        let pipeline = ReferencePipeline(randomCount: count, seed: seed, config: config, lines: lines)
        var checked = ComparedResponses(pipeline, keep: false)
        defer {
            pipeline.finish()
            pipeline.finishLines(checked: checked.checked, then: checked.mismatch?.actual)
        }
        let (got, cycles) = try drive(m, PipelineCommands(pipeline: pipeline), count: count, handshake, &checked,
                                      trace: Self.window(wave, waveFrom))
        return LockstepResult(responses: [], compared: got, cycles: cycles, mismatch: checked.mismatch)
    }
}
