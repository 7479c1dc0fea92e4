/// The one builder of the command line that replays a failing trace by hand
/// (`trapline cosim TRACE ...`): used by `cosim` for its failing prefix and by
/// the equivalence campaign for its shrunk trace (summary, JUnit, results file
/// and HTML report all show the line it builds). Options are written in one
/// order so the same failure always gives the same line.
public struct ReplayCommand: Sendable, Equatable {
    /// The trace file to replay (the failing prefix or the shrunk trace).
    public var trace: String
    /// `verilator` or `icarus` (`--sim`).
    public var simulator: String
    /// The handshake seed and gap percentages (`--seed`, `--idle`, `--stall`).
    public var handshake: Handshake
    /// Seed of Verilator's random initial values (`--init-seed`), nil for none.
    public var initSeed: UInt64?
    /// The `--rtl` file, nil for the generated router.
    public var rtl: String?
    /// The `--sim-timeout` value as given, nil for the default.
    public var simTimeout: String?
    /// Generator-parameter flags that differ from the defaults ("--vmms", "8", ...).
    public var parameterFlags: [String] = []
    /// A waveform file to write, and (Verilator) the command index it starts at.
    public var wave: String?
    /// The command index the waveform starts at (`--wave-from`, Verilator only).
    public var waveFrom: Int?

    /// A replay of `trace` under `simulator` with `handshake`; the optional flags start empty.
    public init(trace: String, simulator: String, handshake: Handshake) {
        self.trace = trace; self.simulator = simulator; self.handshake = handshake
    }

    /// The words of the command line, in the fixed order: trace, `--rtl`, `--sim`, handshake, `--init-seed`, `--sim-timeout`, parameters, `--wave`, `--wave-from`.
    public var arguments: [String] {
        var args = ["trapline", "cosim", trace]
        if let rtl { args += ["--rtl", rtl] }
        args += ["--sim", simulator]
        args += ["--seed", "\(handshake.seed)", "--idle", "\(handshake.idlePercent)", "--stall", "\(handshake.stallPercent)"]
        if let initSeed { args += ["--init-seed", "\(initSeed)"] }
        if let simTimeout { args += ["--sim-timeout", simTimeout] }
        args += parameterFlags
        if let wave { args += ["--wave", wave] }
        if let waveFrom { args += ["--wave-from", "\(waveFrom)"] }
        return args
    }

    /// The command line as one string, words separated by spaces (no shell quoting).
    public var line: String { arguments.joined(separator: " ") }
}
