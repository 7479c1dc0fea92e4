import Foundation
import RouterModel

/// The results of one campaign run or shard as data (docs/results.md): what
/// `trapline equiv --results FILE.json` writes and `trapline merge` reads.
/// Versioned (`format`, `formatVersion`); written by `JSONEncoder` with sorted
/// keys, so the same result gives the same bytes apart from times.
public struct ResultsDocument: Codable, Sendable, Equatable {
    public static let formatName = "trapline-equiv-results"
    public static let currentVersion = 1

    public var format: String = formatName
    public var formatVersion: Int = currentVersion
    /// What every shard of one campaign shares (`merge` checks it field by field).
    public var campaign: CampaignIdentity
    public var shard: ShardNumber
    public var tools: ToolVersions
    /// The `--rtl` path as given (nil: the generated router).
    public var rtlPath: String?
    public var verdict: String
    public var equivalent: Bool
    public var seconds: Double
    public var randomStreams: Int
    public var reference: SimulatorStats
    public var simulators: [SimulatorStats]
    public var coverage: CoverageRecord
    public var testcases: [TestCaseResult]
    public var divergences: [Divergence]
    public var shrink: ShrinkReport?
    /// One row per shard this document covers (one for a run; every file's for a merge).
    public var shards: [ShardRow]
    /// Present in a merged document: the shards no file gave.
    public var merge: MergeNotes?

    public static func == (a: ResultsDocument, b: ResultsDocument) -> Bool {
        (try? a.jsonData()) == (try? b.jsonData())
    }
}

/// The campaign a results file belongs to: equal across its shards.
public struct CampaignIdentity: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var parameters: Parameters
    /// SHA-256 of the Verilog text run (the `--rtl` file or the generated router).
    public var rtlSHA256: String
    public var shardCount: Int
    public var budget: Double
    public var streamCommands: Int
    /// The fixed number of random streams (`--streams`), nil when the budget decides.
    public var streams: Int?
    public var random: Bool
    public var fullBudget: Bool
    public var icarusSample: Int

    public struct Parameters: Codable, Sendable, Equatable {
        public var vmms: Int
        public var guests: Int
        public var ioRanges: Int
        public var platformVMM: Int
        public var staticMap: [UInt16]
        public var ioBitmaps: Bool
        public init(_ c: RouterConfig) {
            vmms = c.vmms; guests = c.guests; ioRanges = c.ioRanges; platformVMM = c.platformVMM
            staticMap = c.staticMap; ioBitmaps = c.ioBitmaps
        }
        public var config: RouterConfig {
            RouterConfig(vmms: vmms, guests: guests, ioRanges: ioRanges, platformVMM: platformVMM,
                         staticMap: staticMap, ioBitmaps: ioBitmaps)
        }
    }
}

public struct ShardNumber: Codable, Sendable, Equatable {
    public var index: Int
    public var count: Int
}

/// The first line each tool prints for its version ("Verilator 5.032 2025-01-01 ...").
public struct ToolVersions: Codable, Sendable, Equatable {
    public var trapline: String
    public var verilator: String
    public var iverilog: String
    public init(trapline: String, verilator: String, iverilog: String) {
        self.trapline = trapline; self.verilator = verilator; self.iverilog = iverilog
    }
}

/// Every coverage bin with its hit counts (all commands; random streams alone).
public struct CoverageRecord: Codable, Sendable, Equatable {
    public var total: Int
    public var hit: Int
    public var percent: Double
    public var randomHit: Int
    public var bins: [Bin]

    public struct Bin: Codable, Sendable, Equatable {
        public var id: Int
        public var group: String
        public var name: String
        public var hits: UInt64
        public var randomHits: UInt64
        /// Cannot be hit under these parameters: not counted in `total`.
        public var excluded: Bool
    }
}

extension ResultsDocument {
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    public static func decode(_ data: Data) throws -> ResultsDocument {
        try JSONDecoder().decode(ResultsDocument.self, from: data)
    }
}
