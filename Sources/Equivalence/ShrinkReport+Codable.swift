import Foundation
import RouterModel

/// The shrunk trace in a results file: its commands as SPEC 10 lines, the
/// trace and waveform paths, the replay command and the divergence on it.
extension ShrinkReport: Codable {
    private enum Keys: String, CodingKey {
        case originalCommands, commands, attempts, seconds, timedOut, trace, wave, replay, notWritten, divergence
    }

    /// Writes the shrunk trace's commands as SPEC 10 lines with the counts, times, paths, replay line and divergence.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(originalCommands, forKey: .originalCommands)
        try c.encode(commands.map { TraceWriter.line(for: $0) }, forKey: .commands)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(trace?.path, forKey: .trace)
        try c.encode(wave?.path, forKey: .wave)
        try c.encode(replay, forKey: .replay)
        try c.encode(notWritten, forKey: .notWritten)
        try c.encode(divergence, forKey: .divergence)
    }

    /// Reads a report written by `encode(to:)`; throws `DecodingError` for a missing key or a command line that does not parse.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        originalCommands = try c.decode(Int.self, forKey: .originalCommands)
        let lines = try c.decode([String].self, forKey: .commands)
        do { commands = try lines.map { line throws(TraceError) in try TraceReader.parseLine(line) } } catch {
            throw DecodingError.dataCorruptedError(forKey: .commands, in: c, debugDescription: "not a SPEC 10 command line: \(error)")
        }
        attempts = try c.decode(Int.self, forKey: .attempts)
        seconds = try c.decode(Double.self, forKey: .seconds)
        timedOut = try c.decode(Bool.self, forKey: .timedOut)
        trace = try c.decodeIfPresent(String.self, forKey: .trace).map { URL(fileURLWithPath: $0) }
        wave = try c.decodeIfPresent(String.self, forKey: .wave).map { URL(fileURLWithPath: $0) }
        replay = try c.decode(String.self, forKey: .replay)
        notWritten = try c.decodeIfPresent(String.self, forKey: .notWritten)
        divergence = try c.decode(Divergence.self, forKey: .divergence)
    }
}
