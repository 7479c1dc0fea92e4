import RouterModel

/// One line of the Icarus bench's responses file or pipe
/// (`IcarusTestBench`): a response, the bench's closing `DONE`, a `TIMEOUT`
/// (the cycle limit), or `EOF` (a streamed bench's command pipe ran dry).
enum IcarusBenchLine: Equatable {
    case response(Response)
    case done(cycles: UInt64)
    case timeout(cycles: String, accepted: String, responses: String)
    case endOfCommands(at: String)

    /// Parses `line` (no newline; not empty), line `lineNumber` of the file,
    /// which would be the response to command `index`. Throws
    /// `IcarusRunError` for undefined (x/z) bits or a line of another shape.
    /// Bytes only: no String per response.
    static func parse<Bytes: Collection<UInt8>>(_ line: Bytes, lineNumber: Int, index: Int) throws -> IcarusBenchLine {
        if line.first == UInt8(ascii: "D") || line.first == UInt8(ascii: "T") || line.first == UInt8(ascii: "E") {
            let words = line.split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
            if words.first == "DONE", words.count == 2, let cycles = UInt64(words[1]) { return .done(cycles: cycles) }
            if words.first == "TIMEOUT", words.count == 4 {
                return .timeout(cycles: words[1], accepted: words[2], responses: words[3])
            }
            if words.first == "EOF", words.count == 2 { return .endOfCommands(at: words[1]) }
            throw IcarusRunError("\(IcarusTestBench.responsesFile) line \(lineNumber): unexpected '\(String(decoding: line, as: UTF8.self))'")
        }
        // The 14 fields, in a buffer on the stack.
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 14) { v in
            v.initialize(repeating: 0)
            var field = 0
            var value: UInt64 = 0
            var digits = 0
            for b in line {
                if b == 32 {
                    guard field < 14, digits > 0 else { break }
                    v[field] = value; field += 1; value = 0; digits = 0
                    continue
                }
                let nibble: UInt8
                switch b {
                case 48...57: nibble = b - 48
                case 97...102: nibble = b - 87
                default:
                    let name = field < 14 ? IcarusRouter.fieldNames[field] : "?"
                    throw IcarusRunError("response \(index): rsp_\(name) has undefined (x/z) bits in \(IcarusTestBench.responsesFile) line \(lineNumber): \(String(decoding: line, as: UTF8.self))")
                }
                value = value << 4 | UInt64(nibble); digits += 1
            }
            if digits > 0 && field < 14 { v[field] = value; field += 1 }
            guard field == 14 else {
                throw IcarusRunError("\(IcarusTestBench.responsesFile) line \(lineNumber): expected 14 hex fields, found '\(String(decoding: line, as: UTF8.self))'")
            }
            return .response(Response(kind: UInt8(v[0]), target: UInt8(v[1]), isSelf: v[2] != 0, fallback: v[3] != 0,
                                      policy: UInt8(v[4]), from: UInt8(v[5]), reason: UInt16(v[6]), qual: v[7],
                                      info: UInt32(v[8]), errCode: UInt32(v[9]), entry: v[10], data: v[11],
                                      current: UInt8(v[12]), error: UInt8(v[13])))
        }
    }

    /// The hang report of a `TIMEOUT` line after `got` of `expected` responses.
    static func hang(cycles: String, accepted: String, responses: String, expected: Int, got: Int) -> IcarusRunError {
        IcarusRunError("the router hung under Icarus: after \(cycles) cycles the router had accepted \(accepted) of \(expected) commands and given \(responses) responses (cycle limit reached); the command after the last response is index \(got)")
    }
}
