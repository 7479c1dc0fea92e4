import ArgumentParser
import Equivalence
import Foundation

/// `trapline merge FILE.json...`: the shards of one campaign (`equiv --shard I/N
/// --results FILE.json`) become one result: coverage hit counts and counts
/// summed, testcases and divergences listed, the usual summary and verdict.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the results files of a sharded campaign into one summary, verdict and report.",
        discussion: """
        Every file must come from the same campaign: format version, seed, parameters, RTL \
        (SHA-256), shard count, budget, --stream-commands and --streams; otherwise exit 2 naming the \
        file and the field. A shard given twice is exit 2; missing shards are listed, and without \
        --allow-missing they make the merge exit 2 (unless a shard found a mismatch: exit 1). \
        Exit codes: 0 equivalent, 1 a mismatch, 2 bad input. See docs/results.md.
        """)

    @Argument(help: "Results files written by `trapline equiv --results FILE.json`, one per shard.")
    var files: [String] = []
    @Option(help: "Write a JUnit XML report of the merged campaign to FILE.")
    var junit: String?
    @Option(help: "Write a self-contained HTML report of the merged campaign (verdict, parameters, shards, coverage holes, divergence with its waveform) to FILE.")
    var html: String?
    @Option(help: "Write the merged results as JSON to FILE.")
    var results: String?
    @Flag(name: .customLong("allow-missing"), help: "Give the verdict of the shards present even when some are missing.")
    var allowMissing = false

    func run() throws {
        guard !files.isEmpty else {
            throw CLIError.badInput("give the results files of the shards: trapline merge shard-1.json shard-2.json ... (written by trapline equiv --shard I/N --results FILE.json)")
        }
        if let junit { try OutputPaths.checkFile("--junit", junit, what: "JUnit report") }
        if let results { try OutputPaths.checkFile("--results", results, what: "results JSON") }
        if let html { try OutputPaths.checkFile("--html", html, what: "HTML report") }
        try OutputPaths.distinct([("--junit", junit), ("--results", results), ("--html", html)])
        for (flag, path) in [("--junit", junit), ("--results", results), ("--html", html)] {
            if let path, files.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL == URL(fileURLWithPath: path).standardizedFileURL }) {
                throw CLIError.badInput("\(flag) \(path) is one of the input files; write the merged report elsewhere")
            }
        }
        let documents = try files.map { ($0, try Self.read($0)) }
        let merged: ResultsDocument
        do { merged = try ResultsMerge.merge(documents) } catch { throw CLIError.badInput(error.message) }
        let result = merged.campaignResult()
        try StandardOutput.print(Summary.text(result))
        try ReportFiles.finish(result, junit: junit, results: results, document: { try merged.jsonData() }, html: html)
        if let missing = merged.merge?.missing, !missing.isEmpty, !allowMissing {
            throw CLIError.badInput("shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(merged.campaign.shardCount)" }.joined(separator: ", ")) missing: no verdict on the whole campaign; run \(missing.count == 1 ? "it" : "them") with --results and merge again (or --allow-missing for the verdict of the shards given)")
        }
    }

    /// One results file; unreadable or not a results file is bad input naming the file.
    static func read(_ path: String) throws -> ResultsDocument {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CLIError.badInput("\(path): cannot read it (\((error as NSError).localizedDescription)); give the results file written by trapline equiv --results")
        }
        do { return try ResultsDocument.decode(data) } catch let e as DecodingError {
            throw CLIError.badInput("\(path): not a trapline results file (\(describe(e))); give the file written by trapline equiv --results")
        } catch {
            throw CLIError.badInput("\(path): not a trapline results file (\(error)); give the file written by trapline equiv --results")
        }
    }

    private static func describe(_ e: DecodingError) -> String {
        func path(_ c: [CodingKey]) -> String { c.isEmpty ? "the document" : c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let ctx): return "\(path(ctx.codingPath + [key])) is missing"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "not JSON" : "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
