import Foundation
import RouterModel
import RouterSim

/// A divergence in a results file (docs/results.md): the command and every
/// response as their SPEC 10 lines, each simulator's value as a response line,
/// a message (the RTL broke) or "not run", and the fields that differ. It
/// reads back as the same `Divergence`, so `merge` prints and reports it
/// exactly as the run that found it did.
extension Divergence: Codable {
    private enum Keys: String, CodingKey { case testcase, index, command, reference, values, text }
    private enum ValueKeys: String, CodingKey { case simulator, response, broken, notRun, differs }

    /// Writes the testcase, index, command and reference as SPEC 10 lines, each simulator's value (with the differing fields) and the text.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(testcase, forKey: .testcase)
        try c.encode(index, forKey: .index)
        try c.encode(TraceWriter.line(for: command), forKey: .command)
        try c.encode(TraceWriter.line(for: reference), forKey: .reference)
        try c.encode(description, forKey: .text)
        var list = c.nestedUnkeyedContainer(forKey: .values)
        for (name, value) in values {
            var v = list.nestedContainer(keyedBy: ValueKeys.self)
            try v.encode(name, forKey: .simulator)
            switch value {
            case .response(let r):
                try v.encode(TraceWriter.line(for: r), forKey: .response)
                try v.encode(Mismatch.differingFields(reference, r), forKey: .differs)
            case .broken(let message): try v.encode(message, forKey: .broken)
            case .notRun: try v.encode(true, forKey: .notRun)
            }
        }
    }

    /// Reads a divergence written by `encode(to:)`; throws `DecodingError` for a missing key or a trace line that does not parse.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        testcase = try c.decode(String.self, forKey: .testcase)
        index = try c.decode(Int.self, forKey: .index)
        let commandLine = try c.decode(String.self, forKey: .command)
        do { command = try TraceReader.parseLine(commandLine) } catch {
            throw DecodingError.dataCorruptedError(forKey: .command, in: c, debugDescription: "not a SPEC 10 command line: \(error.message)")
        }
        reference = try Self.response(c.decode(String.self, forKey: .reference), key: .reference, in: c)
        var list = try c.nestedUnkeyedContainer(forKey: .values)
        values = []
        while !list.isAtEnd {
            let v = try list.nestedContainer(keyedBy: ValueKeys.self)
            let name = try v.decode(String.self, forKey: .simulator)
            if let line = try v.decodeIfPresent(String.self, forKey: .response) {
                guard let r = ResponseLine.parse(line) else {
                    throw DecodingError.dataCorruptedError(forKey: .response, in: v, debugDescription: "not a SPEC 10 response line: \(line)")
                }
                values.append((name, .response(r)))
            } else if let message = try v.decodeIfPresent(String.self, forKey: .broken) {
                values.append((name, .broken(message)))
            } else {
                values.append((name, .notRun))
            }
        }
    }

    private static func response(_ line: String, key: Keys, in c: KeyedDecodingContainer<Keys>) throws -> Response {
        guard let r = ResponseLine.parse(line) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a SPEC 10 response line: \(line)")
        }
        return r
    }
}
