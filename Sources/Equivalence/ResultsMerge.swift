import Foundation

/// `trapline merge`: shard results files of one campaign become one result.
/// The files must share format version and campaign (seed, parameters, RTL
/// digest, shard count, budget, stream length and count); a shard number
/// given twice is refused; absent shard numbers are reported in `merge.missing`.
/// Coverage hit counts, commands, cycles, runs and times are summed, testcases
/// and divergences are listed in shard order; the shrunk trace is the first shard's.
public enum ResultsMerge {
    /// Why files cannot be merged: names the file, the field and both values, and the fix.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        /// The problem: file, field, both values and the fix.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// One result from the shard files `files` (name as given, document); throws `Problem` for no file, another format version, a field of the campaign that differs, or a shard given twice.
    public static func merge(_ files: [(name: String, document: ResultsDocument)]) throws(Problem) -> ResultsDocument {
        guard let (firstName, first) = files.first else { throw Problem(message: "give at least one results file (trapline equiv --results FILE.json)") }
        for (name, d) in files {
            guard d.format == ResultsDocument.formatName, d.formatVersion == ResultsDocument.currentVersion else {
                throw Problem(message: "\(name): format \(d.format) version \(d.formatVersion); this trapline reads \(ResultsDocument.formatName) version \(ResultsDocument.currentVersion): rerun the shard with this trapline")
            }
            guard d.merge == nil else {
                throw Problem(message: "\(name): it is already a merged result; merge the shard files it came from instead")
            }
            if let field = difference(first.campaign, d.campaign) {
                throw Problem(message: "\(name) is not a shard of the campaign of \(firstName): \(field.name) is \(field.this) there and \(field.first) in \(firstName); merge only the shards of one campaign (same --seed, parameters, RTL, --shard count, --budget, --stream-commands, --streams)")
            }
        }
        var byShard: [Int: String] = [:]
        for (name, d) in files {
            if let other = byShard[d.shard.index] {
                throw Problem(message: "shard \(d.shard.index)/\(d.shard.count) is given twice: \(other) and \(name); give each shard's file once")
            }
            byShard[d.shard.index] = name
        }
        let count = first.campaign.shardCount
        let ordered = files.sorted { $0.document.shard.index < $1.document.shard.index }
        let results = ordered.map { $0.document.campaignResult() }
        var merged = results[0]
        merged.options.shard = Shard(uncheckedIndex: 0, count: count)
        merged.shards = zip(results, ordered).map { ShardRow($0, file: $1.name) }
        for r in results.dropFirst() {
            merged.testcases += r.testcases
            merged.coverage.merge(r.coverage)
            merged.randomCoverage.merge(r.randomCoverage)
            merged.reference = sum(merged.reference, r.reference)
            for s in r.simulators {
                if let i = merged.simulators.firstIndex(where: { $0.name == s.name }) {
                    merged.simulators[i] = sum(merged.simulators[i], s)
                } else { merged.simulators.append(s) }
            }
            merged.divergences += r.divergences
            if merged.shrink == nil { merged.shrink = r.shrink }
            merged.randomSeeds += r.randomSeeds
            merged.seconds = max(merged.seconds, r.seconds)
        }
        merged.closed = nil          // when a shard closed says nothing about the union
        merged.randomClosed = nil
        merged.merge = MergeNotes(files: files.count, missing: (1...max(count, 1)).filter { byShard[$0] == nil })
        return ResultsDocument(merged, tools: first.tools, rtlSHA256: first.campaign.rtlSHA256)
    }

    static func sum(_ a: SimulatorStats, _ b: SimulatorStats) -> SimulatorStats {
        var s = a
        s.commands += b.commands; s.cycles += b.cycles; s.runs += b.runs; s.seconds += b.seconds
        s.planned += b.planned; s.skipped += b.skipped
        return s
    }

    /// The first campaign field that differs, with both values as JSON text.
    static func difference(_ one: CampaignIdentity, _ this: CampaignIdentity) -> (name: String, first: String, this: String)? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func fields(_ c: CampaignIdentity) -> [String: String] {
            guard let data = try? encoder.encode(c),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
            var out: [String: String] = [:]
            for (k, v) in object {
                if let sub = v as? [String: Any] {
                    for (k2, v2) in sub { out["\(k).\(k2)"] = text(v2) }
                } else { out[k] = text(v) }
            }
            return out
        }
        let a = fields(one), b = fields(this)
        // The fields that say "another campaign" first, then the rest in name order.
        let first = ["seed", "parameters", "rtlSHA256", "shardCount"]
        let keys = Set(a.keys).union(b.keys).sorted { x, y in
            let i = first.firstIndex { x.hasPrefix($0) } ?? first.count, j = first.firstIndex { y.hasPrefix($0) } ?? first.count
            return i != j ? i < j : x < y
        }
        for key in keys where a[key] != b[key] {
            return ("campaign." + key, a[key] ?? "absent", b[key] ?? "absent")
        }
        return nil
    }

    private static func text(_ v: Any) -> String {
        if let data = try? JSONSerialization.data(withJSONObject: [v], options: [.sortedKeys]),
           let s = String(data: data, encoding: .utf8) { return String(s.dropFirst().dropLast()) }
        return "\(v)"
    }
}
