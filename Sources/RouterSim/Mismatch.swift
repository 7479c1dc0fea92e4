import Foundation
import RouterModel

/// The first difference between a simulated router and the reference, with
/// everything needed to replay it by hand: the command index and trace line,
/// both responses as SPEC 10 JSON lines, the seeds, the command line that
/// replays it, and the failing prefix of the trace written to a file.
public struct Mismatch: Error, CustomStringConvertible, Sendable {
    /// 0-based index of the command whose response differs.
    public var index: Int
    /// The command at `index`.
    public var command: Command
    /// The reference router's response to it.
    public var expected: Response
    /// The simulated router's response to it.
    public var actual: Response
    /// "verilator" or "icarus".
    public var simulator: String
    /// Seed of the random stimulus (nil for a trace file).
    public var stimulusSeed: UInt64?
    /// The handshake pattern of the run (its seed and percentages replay it).
    public var handshake: Handshake
    /// Commands 0...index as a trace file (nil when it could not be written).
    public var prefixTrace: URL?
    /// A command line that replays the failure.
    public var replay: String

    /// A mismatch with every field given; `writePrefix` makes `prefixTrace`.
    public init(index: Int, command: Command, expected: Response, actual: Response, simulator: String,
                stimulusSeed: UInt64?, handshake: Handshake, prefixTrace: URL?, replay: String) {
        self.index = index; self.command = command; self.expected = expected; self.actual = actual
        self.simulator = simulator; self.stimulusSeed = stimulusSeed; self.handshake = handshake
        self.prefixTrace = prefixTrace; self.replay = replay
    }

    /// Writes commands 0...index as a SPEC 10 trace into `directory`
    /// (created if needed) and returns its path; nil if it cannot be written.
    public static func writePrefix(_ commands: [Command], through index: Int, directory: URL,
                                   name: String = "mismatch-prefix.jsonl") -> URL? {
        let url = directory.appendingPathComponent(name)
        let text = TraceWriter.text(for: Array(commands.prefix(index + 1)))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        } catch { return nil }
    }

    /// The report: the command and both responses as SPEC 10 lines, the seeds, the prefix trace and the replay line.
    public var description: String {
        var lines = [
            "mismatch at command \(index) (\(simulator) vs reference):",
            "  command:  \(TraceWriter.line(for: command))",
            "  expected: \(TraceWriter.line(for: expected))",
            "  actual:   \(TraceWriter.line(for: actual))",
        ]
        let diff = Self.differingFields(expected, actual)
        if !diff.isEmpty { lines.append("  differing fields: \(diff.joined(separator: ", "))") }
        var seeds = "  handshake: seed \(handshake.seed), idle \(handshake.idlePercent)%, stall \(handshake.stallPercent)%"
        if let s = stimulusSeed { seeds = "  stimulus seed: \(s);" + seeds.dropFirst(1) }
        lines.append(seeds)
        if let prefixTrace { lines.append("  failing prefix (commands 0...\(index)): \(prefixTrace.path)") }
        lines.append("  replay: \(replay)")
        return lines.joined(separator: "\n")
    }

    /// Names of the response fields that differ.
    public static func differingFields(_ a: Response, _ b: Response) -> [String] {
        var d: [String] = []
        func check<T: Equatable>(_ name: String, _ x: T, _ y: T) { if x != y { d.append(name) } }
        check("kind", a.kind, b.kind); check("target", a.target, b.target); check("self", a.isSelf, b.isSelf)
        check("fallback", a.fallback, b.fallback); check("policy", a.policy, b.policy); check("from", a.from, b.from)
        check("reason", a.reason, b.reason); check("qual", a.qual, b.qual); check("info", a.info, b.info)
        check("errCode", a.errCode, b.errCode); check("entry", a.entry, b.entry); check("data", a.data, b.data)
        check("current", a.current, b.current); check("error", a.error, b.error)
        return d
    }
}
