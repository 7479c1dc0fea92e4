import Foundation
import RouterModel

/// The results of one campaign run or shard as data (docs/results.md): what
/// `trapline equiv --results FILE.json` writes and `trapline merge` reads.
/// Versioned (`format`, `formatVersion`); written by `JSONEncoder` with sorted
/// keys, so the same result gives the same bytes apart from times.
public struct ResultsDocument: Codable, Sendable, Equatable {
    /// `trapline-equiv-results`, the `format` of every results file.
    public static let formatName = "trapline-equiv-results"
    /// The `formatVersion` this trapline writes and reads (1).
    public static let currentVersion = 1

    /// Always `formatName`; `merge` refuses another.
    public var format: String = formatName
    /// The version the file was written in; `merge` refuses another.
    public var formatVersion: Int = currentVersion
    /// What every shard of one campaign shares (`merge` checks it field by field).
    public var campaign: CampaignIdentity
    /// This shard's number and the shard count.
    public var shard: ShardNumber
    /// The versions of the tools that ran it.
    public var tools: ToolVersions
    /// The `--rtl` path as given (nil: the generated router).
    public var rtlPath: String?
    /// `EQUIVALENT` or `MISMATCH`.
    public var verdict: String
    /// True when nothing diverged.
    public var equivalent: Bool
    /// Wall-clock seconds of the run.
    public var seconds: Double
    /// Random streams run.
    public var randomStreams: Int
    /// Work the reference router did.
    public var reference: SimulatorStats
    /// Work each simulator did.
    public var simulators: [SimulatorStats]
    /// Coverage of the run, bin by bin.
    public var coverage: CoverageRecord
    /// When all coverage closed in this run (absent: it did not, or a merged document).
    public var coverageClosed: CoverageClosing?
    /// When the random streams' own coverage closed in this run (absent: it did not, or a merged document).
    public var randomCoverageClosed: CoverageClosing?
    /// Every testcase, in the order run.
    public var testcases: [TestCaseResult]
    /// Every divergence found.
    public var divergences: [Divergence]
    /// The shrunk first divergence, nil when none.
    public var shrink: ShrinkReport?
    /// One row per shard this document covers (one for a run; every file's for a merge).
    public var shards: [ShardRow]
    /// Present in a merged document: the shards no file gave.
    public var merge: MergeNotes?

    /// Equal when the JSON encodings are equal byte for byte.
    public static func == (a: ResultsDocument, b: ResultsDocument) -> Bool {
        (try? a.jsonData()) == (try? b.jsonData())
    }
}

/// The campaign a results file belongs to: equal across its shards.
public struct CampaignIdentity: Codable, Sendable, Equatable {
    /// The campaign seed (`--seed`).
    public var seed: UInt64
    /// The generator parameters of the design.
    public var parameters: Parameters
    /// SHA-256 of the Verilog text run (the `--rtl` file or the generated router).
    public var rtlSHA256: String
    /// The shard count N of `--shard I/N`.
    public var shardCount: Int
    /// The random budget in seconds (`--budget`).
    public var budget: Double
    /// Commands per random stream.
    public var streamCommands: Int
    /// The fixed number of random streams (`--streams`), nil when the budget decides.
    public var streams: Int?
    /// Whether random streams ran.
    public var random: Bool
    /// Whether random streams ran to the end of the budget even after coverage closed (`--full-budget`).
    public var fullBudget: Bool
    /// Commands of the random sample run under Icarus.
    public var icarusSample: Int
    /// Whether the random streams were coverage-driven (absent in files written before it existed: true).
    public var coverageDriven: Bool? = nil

    /// The generator parameters of SPEC 2, as stored in the file.
    public struct Parameters: Codable, Sendable, Equatable {
        /// V, the number of VMMs.
        public var vmms: Int
        /// G, the number of guests.
        public var guests: Int
        /// R, the number of I/O range registers.
        public var ioRanges: Int
        /// The Platform VMM of the static map.
        public var platformVMM: Int
        /// The static map's exit reasons, sorted.
        public var staticMap: [UInt16]
        /// Whether the design has I/O bitmaps.
        public var ioBitmaps: Bool
        /// The parameters of `c`.
        public init(_ c: RouterConfig) {
            vmms = c.vmms; guests = c.guests; ioRanges = c.ioRanges; platformVMM = c.platformVMM
            staticMap = c.staticMap; ioBitmaps = c.ioBitmaps
        }
        /// The parameters as a `RouterConfig`.
        public var config: RouterConfig {
            RouterConfig(vmms: vmms, guests: guests, ioRanges: ioRanges, platformVMM: platformVMM,
                         staticMap: staticMap, ioBitmaps: ioBitmaps)
        }
    }
}

/// A shard of `--shard I/N`: `index` I (1-based) of `count` N.
public struct ShardNumber: Codable, Sendable, Equatable {
    /// The shard number I, 1...count.
    public var index: Int
    /// The shard count N.
    public var count: Int
}

/// The first line each tool prints for its version ("Verilator 5.032 2025-01-01 ...").
public struct ToolVersions: Codable, Sendable, Equatable {
    /// `trapline`'s own version line.
    public var trapline: String
    /// `verilator --version`'s first line ("" when not run).
    public var verilator: String
    /// `iverilog -V`'s first line ("" when not run).
    public var iverilog: String
    /// The three version lines.
    public init(trapline: String, verilator: String, iverilog: String) {
        self.trapline = trapline; self.verilator = verilator; self.iverilog = iverilog
    }
}

/// Every coverage bin with its hit counts (all commands; random streams alone).
public struct CoverageRecord: Codable, Sendable, Equatable {
    /// Bins that can be hit under the parameters.
    public var total: Int
    /// Bins hit by any command.
    public var hit: Int
    /// `hit` as a percentage of `total`.
    public var percent: Double
    /// Bins hit by the random streams alone.
    public var randomHit: Int
    /// Every bin, in bin order.
    public var bins: [Bin]

    /// One coverage bin and its hit counts.
    public struct Bin: Codable, Sendable, Equatable {
        /// The bin's index.
        public var id: Int
        /// The bin's row in the coverage table.
        public var group: String
        /// The bin's name within its row.
        public var name: String
        /// Commands that hit it (all testcases).
        public var hits: UInt64
        /// Commands of the random streams that hit it.
        public var randomHits: UInt64
        /// Cannot be hit under these parameters: not counted in `total`.
        public var excluded: Bool
    }
}

extension ResultsDocument {
    /// The document as pretty-printed JSON with sorted keys and a final newline; throws `EncodingError`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads a document written by `jsonData()`; throws `DecodingError` for JSON that is not one.
    public static func decode(_ data: Data) throws -> ResultsDocument {
        try JSONDecoder().decode(ResultsDocument.self, from: data)
    }
}
