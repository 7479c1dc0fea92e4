/// The one builder of the command line that replays a failing trace by hand
/// (`trapline cosim TRACE ...`): used by `cosim` for its failing prefix and by
/// the equivalence campaign for its shrunk trace (summary, JUnit, results file
/// and HTML report all show the line it builds). Options are written in one
/// order so the same failure always gives the same line.
public struct ReplayCommand: Sendable, Equatable {
    public var trace: String
    public var simulator: String
    public var handshake: Handshake
    /// Seed of Verilator's random initial values (`--init-seed`), nil for none.
    public var initSeed: UInt64?
    public var rtl: String?
    public var simTimeout: String?
    /// Generator-parameter flags that differ from the defaults ("--vmms", "8", ...).
    public var parameterFlags: [String] = []
    /// A waveform file to write, and (Verilator) the command index it starts at.
    public var wave: String?
    public var waveFrom: Int?

    public init(trace: String, simulator: String, handshake: Handshake) {
        self.trace = trace; self.simulator = simulator; self.handshake = handshake
    }

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

    public var line: String { arguments.joined(separator: " ") }
}
