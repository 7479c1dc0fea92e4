import Foundation
import RouterModel

/// Everything a campaign needs to know (the CLI fills it from its flags).
public struct CampaignOptions: Sendable {
    /// The generator parameters of the design (the reference router runs with the same).
    public var config: RouterConfig
    /// Campaign seed: every stream seed and handshake seed derives from it.
    public var seed: UInt64 = 1
    /// Seconds of random simulation after the directed suite (which always runs whole).
    public var budget: Double = 60
    /// Which part of the campaign this job runs (`--shard I/N`); the whole campaign by default.
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
    /// Run the directed suite and sweeps (`DirectedSuite`, `Sweeps`).
    public var runDirected = true
    /// Run constrained-random streams after the directed suite.
    public var runRandom = true
    /// Keep running random streams until the budget ends even when their coverage has closed.
    public var fullBudget = false
    /// Run exactly this many random streams (0..<streams, split between shards), whatever
    /// the budget and coverage: a campaign that is the same however it is sharded. nil: by budget.
    public var streams: Int? = nil
    /// Workers running random streams at once, each with its own model instance
    /// (`--jobs`); the shard's first stream runs alone, to measure one worker.
    public var jobs = 1
    /// Coverage-driven random streams: each stream leans towards the holes the streams
    /// before it left (`StreamPlanner`, `CoverageFeedback`); false: plain random (`--no-coverage-driven`).
    public var coverageDriven = true
    /// Stop the directed suite at its first failing scenario (mutation screening).
    public var stopAtFirstFailure = false
    /// Run the sweeps' samples on the primary simulator too (when the primary is a slow one).
    public var primaryUsesSamples = false
    /// Re-run the shrunk trace with a waveform.
    public var waveOnMismatch = true
    /// Shrink the first failing trace and write it (false: the divergence alone is
    /// reported; mutation runs, which only need to know what caught the mutant).
    public var shrinkFirstFailure = true

    /// Options for the design of `config` whose Verilog is `verilog`, writing into `outputDirectory`; every other option has its default.
    public init(config: RouterConfig, verilog: String, outputDirectory: URL) {
        self.config = config; self.verilog = verilog; self.outputDirectory = outputDirectory
    }
}

/// One JUnit testcase: a directed scenario, a sweep, a random seed.
public struct TestCaseResult: Sendable, Codable, Equatable {
    /// The JUnit class: `directed`, `sweep` or `random`.
    public var classname: String
    /// The scenario's name or "random seed 0x...".
    public var name: String
    /// Commands run.
    public var commands: Int
    /// Wall-clock seconds the testcase took.
    public var seconds: Double
    /// The divergence's first lines when the testcase failed, nil when it passed.
    public var failure: String?
    /// A testcase result with every field given (nil `failure`: passed).
    public init(classname: String, name: String, commands: Int, seconds: Double, failure: String? = nil) {
        self.classname = classname; self.name = name; self.commands = commands; self.seconds = seconds; self.failure = failure
    }
}

/// Work done by one simulator (or the reference).
public struct SimulatorStats: Sendable, Codable, Equatable {
    /// `verilator`, `icarus` or `reference`.
    public var name: String
    /// Commands run.
    public var commands: Int = 0
    /// Clock cycles simulated (0 for the reference).
    public var cycles: UInt64 = 0
    /// Runs (traces from reset).
    public var runs: Int = 0
    /// Wall-clock seconds spent running.
    public var seconds: Double = 0
    /// Units (scenarios, samples) this simulator was to run, and those left
    /// out because the budget was spent (0 when it runs everything).
    public var planned: Int = 0
    /// Units left out because the budget was spent.
    public var skipped: Int = 0
    /// Empty statistics for the simulator `name`.
    public init(name: String) { self.name = name }
}

/// A shrunk failing trace and how to replay it.
public struct ShrinkReport: Sendable {
    /// Commands of the failing trace before shrinking.
    public var originalCommands: Int
    /// The shrunk trace.
    public var commands: [Command]
    /// Candidate traces tried.
    public var attempts: Int
    /// Wall-clock seconds the shrink took.
    public var seconds: Double
    /// The shrink stopped at its time limit (`shrinkSeconds`), so the trace may shrink further.
    public var timedOut: Bool
    /// The shrunk trace file in the output folder (nil when it could not be written).
    public var trace: URL?
    /// The waveform of the shrunk trace's re-run (nil when not written or not asked for).
    public var wave: URL?
    /// The command line that replays the shrunk trace (`ReplayCommand`).
    public var replay: String
    /// Why the trace or its waveform could not be written to the output folder (nil: both written).
    public var notWritten: String? = nil
    /// The divergence on the shrunk trace, with every simulator's value.
    public var divergence: Divergence
}

/// Live progress, reported a few times per second at most.
public struct CampaignProgress: Sendable {
    /// What is running: `directed`, `random`, `shrinking N commands`.
    public var phase: String
    /// Commands run so far.
    public var commands: Int
    /// Clock cycles simulated so far.
    public var cycles: UInt64
    /// Coverage of everything run so far, in percent.
    public var coveragePercent: Double
    /// Seconds since the campaign started.
    public var elapsed: Double
}

/// The outcome of a campaign.
public struct CampaignResult: Sendable {
    /// The options the campaign ran with.
    public var options: CampaignOptions
    /// Every testcase, in the order run.
    public var testcases: [TestCaseResult] = []
    /// Coverage of everything run (directed and random).
    public var coverage: Coverage
    /// Coverage of the random streams alone (their stop condition).
    public var randomCoverage: Coverage
    /// Work the reference router did.
    public var reference: SimulatorStats = SimulatorStats(name: "reference")
    /// Work each simulator did, primary first.
    public var simulators: [SimulatorStats] = []
    /// Every divergence found (the first is the one shrunk).
    public var divergences: [Divergence] = []
    /// The shrunk first divergence, nil when there was none (or no shrink).
    public var shrink: ShrinkReport?
    /// Random streams run.
    public var randomSeeds = 0
    /// How the random streams used the workers (`CampaignOptions.jobs`); nil when
    /// fewer than two streams ran (and in a merged result).
    public var parallel: ParallelRun? = nil
    /// When all coverage (directed and random) closed; nil while it has not (or for a merge).
    public var closed: CoverageClosing? = nil
    /// When the random streams' own coverage closed; nil while it has not (or for a merge).
    public var randomClosed: CoverageClosing? = nil
    /// Wall-clock seconds of the campaign.
    public var seconds: Double = 0
    /// The shards this result covers (one row for a run, one per file for `trapline merge`).
    public var shards: [ShardRow] = []
    /// Set when the result is the merge of shard results files: the missing and duplicate shards.
    public var merge: MergeNotes? = nil
    /// True when no simulator diverged from the reference.
    public var equivalent: Bool { divergences.isEmpty }
    /// An empty result for `options` with `coverage`'s model (random coverage starts empty too).
    public init(options: CampaignOptions, coverage: Coverage) { self.options = options; self.coverage = coverage; randomCoverage = Coverage(model: coverage.model) }
    /// `EQUIVALENT` or `MISMATCH`.
    public var verdict: String { equivalent ? "EQUIVALENT" : "MISMATCH" }
}

/// How the random streams ran on `CampaignOptions.jobs` workers: the first
/// stream alone (one worker's rate), then the rest on every worker.
public struct ParallelRun: Sendable, Equatable {
    /// Workers after the first stream.
    public var workers: Int
    /// Commands per second of the first stream, run alone (reference and simulator).
    public var singleRate: Double
    /// Commands per second of wall time of the streams after the first.
    public var parallelRate: Double
    /// `parallelRate / singleRate`: the speed-up over one worker.
    public var speedUp: Double { singleRate > 0 ? parallelRate / singleRate : 0 }
}
