import Foundation
import RouterModel

/// Everything a campaign needs to know (the CLI fills it from its flags).
public struct CampaignOptions: Sendable {
    public var config: RouterConfig
    /// Campaign seed: every stream seed and handshake seed derives from it.
    public var seed: UInt64 = 1
    /// Seconds of random simulation after the directed suite (which always runs whole).
    public var budget: Double = 60
    public var shard: Shard = .whole
    /// Commands per random stream (one stream per seed, from reset).
    public var commandsPerSeed = 20_000
    /// Commands of the random sample the secondary (slow) simulator runs.
    public var secondaryRandomSample = 2_000
    /// Time allowed to shrink a failing trace.
    public var shrinkSeconds: Double = 120
    /// Where shrunk traces, waveforms and the RTL copy go.
    public var outputDirectory: URL
    /// How to name the RTL in the replay command: the `--rtl` path given, or nil
    /// (then the campaign writes the Verilog it ran beside the trace).
    public var rtlPath: String?
    /// The Verilog text run (written beside a shrunk trace when `rtlPath` is nil).
    public var verilog: String
    /// The generator-parameter flags, for the replay command ("--vmms 4 ...").
    public var parameterFlags: [String] = []
    public var runDirected = true
    public var runRandom = true
    /// Keep running random streams until the budget ends even when their coverage has closed.
    public var fullBudget = false
    /// Run exactly this many random streams (0..<streams, split between shards), whatever
    /// the budget and coverage: a campaign that is the same however it is sharded. nil: by budget.
    public var streams: Int? = nil
    /// Stop the directed suite at its first failing scenario (mutation screening).
    public var stopAtFirstFailure = false
    /// Run the sweeps' samples on the primary simulator too (when the primary is a slow one).
    public var primaryUsesSamples = false
    /// Re-run the shrunk trace with a waveform.
    public var waveOnMismatch = true
    /// Shrink the first failing trace and write it (false: the divergence alone is
    /// reported; mutation runs, which only need to know what caught the mutant).
    public var shrinkFirstFailure = true

    public init(config: RouterConfig, verilog: String, outputDirectory: URL) {
        self.config = config; self.verilog = verilog; self.outputDirectory = outputDirectory
    }
}

/// One JUnit testcase: a directed scenario, a sweep, a random seed.
public struct TestCaseResult: Sendable, Codable, Equatable {
    public var classname: String
    public var name: String
    public var commands: Int
    public var seconds: Double
    public var failure: String?
    public init(classname: String, name: String, commands: Int, seconds: Double, failure: String? = nil) {
        self.classname = classname; self.name = name; self.commands = commands; self.seconds = seconds; self.failure = failure
    }
}

/// Work done by one simulator (or the reference).
public struct SimulatorStats: Sendable, Codable, Equatable {
    public var name: String
    public var commands: Int = 0
    public var cycles: UInt64 = 0
    public var runs: Int = 0
    public var seconds: Double = 0
    /// Units (scenarios, samples) this simulator was to run, and those left
    /// out because the budget was spent (0 when it runs everything).
    public var planned: Int = 0
    public var skipped: Int = 0
    public init(name: String) { self.name = name }
}

/// A shrunk failing trace and how to replay it.
public struct ShrinkReport: Sendable {
    public var originalCommands: Int
    public var commands: [Command]
    public var attempts: Int
    public var seconds: Double
    public var timedOut: Bool
    public var trace: URL?
    public var wave: URL?
    public var replay: String
    /// Why the trace or its waveform could not be written to the output folder (nil: both written).
    public var notWritten: String? = nil
    /// The divergence on the shrunk trace, with every simulator's value.
    public var divergence: Divergence
}

/// Live progress, reported a few times per second at most.
public struct CampaignProgress: Sendable {
    public var phase: String
    public var commands: Int
    public var cycles: UInt64
    public var coveragePercent: Double
    public var elapsed: Double
}

/// The outcome of a campaign.
public struct CampaignResult: Sendable {
    public var options: CampaignOptions
    public var testcases: [TestCaseResult] = []
    /// Coverage of everything run (directed and random).
    public var coverage: Coverage
    /// Coverage of the random streams alone (their stop condition).
    public var randomCoverage: Coverage
    public var reference: SimulatorStats = SimulatorStats(name: "reference")
    public var simulators: [SimulatorStats] = []
    public var divergences: [Divergence] = []
    public var shrink: ShrinkReport?
    public var randomSeeds = 0
    public var seconds: Double = 0
    /// The shards this result covers (one row for a run, one per file for `trapline merge`).
    public var shards: [ShardRow] = []
    /// Set when the result is the merge of shard results files: the missing and duplicate shards.
    public var merge: MergeNotes? = nil
    public var equivalent: Bool { divergences.isEmpty }
    public init(options: CampaignOptions, coverage: Coverage) { self.options = options; self.coverage = coverage; randomCoverage = Coverage(model: coverage.model) }
    public var verdict: String { equivalent ? "EQUIVALENT" : "MISMATCH" }
}
