/// Reads a command trace (SPEC section 10): JSON Lines, one command object a line.
///
/// Accepted:
/// - keys `op`, `reason`, `vector`, `intType`, `errValid`, `errCode`, `qual`,
///   `vmcs`, `field`, `data`, `guest` (exact spelling); each at most once;
/// - `op` as a name (`event`, `vmread`, `vmwrite`, `launch`, `resume`,
///   `bitmap_write`) or a number 0-7;
/// - numbers as JSON integers, `"0x..."` hex strings or decimal strings, each
///   fitting its operand's width (SPEC 9); `errValid` also as `true`/`false`;
/// - omitted operands are 0; blank (or whitespace-only) lines are skipped but
///   still counted, so line numbers match an editor's.
///
/// Refused, naming the line, the key and the fix: bad JSON, a missing or
/// unknown `op`, an unknown or repeated key (nothing is silently dropped), a
/// value wider than its operand, a negative or fractional number, a value of
/// the wrong type. The whole text is parsed before anything runs.
public enum TraceReader {
    /// Parses a whole trace. `source` names it in errors (usually the path).
    public static func parse(_ text: String, source: String = "trace") throws(TraceError) -> [Command] {
        try parse(bytes: Array(text.utf8), source: source)
    }

    /// Parses a whole trace given as UTF-8 bytes.
    public static func parse(bytes: [UInt8], source: String = "trace") throws(TraceError) -> [Command] {
        var commands: [Command] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            commands.append(try parseLine(line, line: lineNumber, source: source))
        }
        return commands
    }

    /// Parses one line (without its newline); `line` is its 1-based number for errors.
    public static func parseLine(_ text: String, line: Int = 1, source: String = "trace") throws(TraceError) -> Command {
        try parseLine(Array(text.utf8)[...], line: line, source: source)
    }

    /// The operand keys with their widths in bits, in trace order.
    public static let operandKeys: [(key: String, bits: Int)] = [
        ("reason", 16), ("vector", 8), ("intType", 3), ("errValid", 1), ("errCode", 32), ("qual", 64),
        ("vmcs", 4), ("field", 32), ("data", 64), ("guest", 6),
    ]

    static func parseLine(_ bytes: ArraySlice<UInt8>, line: Int, source: String) throws(TraceError) -> Command {
        func fail(_ message: String) -> TraceError { TraceError(source: source, line: line, message: message) }
        let members: [FlatJSON.Member]
        do { members = try FlatJSON.parseObject(bytes) } catch {
            throw fail("bad JSON at column \(error.column): \(error.message)")
        }
        var command = Command(op: 0)
        var seen: UInt32 = 0          // bit 0 op, bit i+1 operandKeys[i]
        for m in members {
            let index = m.key == "op" ? -1 : operandKeys.firstIndex(where: { $0.key == m.key })
            guard let index else {
                throw fail("unknown key \"\(m.key)\": the keys are op, " + operandKeys.map(\.key).joined(separator: ", "))
            }
            guard seen & 1 << UInt32(index + 1) == 0 else {
                throw fail("key \"\(m.key)\" appears twice: give each operand once")
            }
            seen |= 1 << UInt32(index + 1)
            if index < 0 {
                command.op = try opValue(m.value, fail)
                continue
            }
            let bits = operandKeys[index].bits
            let value: UInt64
            if bits == 1, case .bool(let b) = m.value { value = b ? 1 : 0 } else {
                value = try number(m.value, key: m.key, bits: bits, fail)
            }
            switch m.key {
            case "reason": command.reason = UInt16(value)
            case "vector": command.vector = UInt8(value)
            case "intType": command.intType = UInt8(value)
            case "errValid": command.errValid = value == 1
            case "errCode": command.errCode = UInt32(value)
            case "qual": command.qual = value
            case "vmcs": command.vmcs = UInt8(value)
            case "field": command.field = UInt32(value)
            case "data": command.data = value
            default: command.guest = UInt8(value)
            }
        }
        guard seen & 1 != 0 else {
            throw fail("no \"op\": every command needs one, such as \"op\":\"event\" (names: \(Op.names.joined(separator: ", ")); or a number 0-7)")
        }
        return command
    }

    private static func opValue(_ value: FlatJSON.Value, _ fail: (String) -> TraceError) throws(TraceError) -> UInt8 {
        if case .string(let name) = value, let index = Op.names.firstIndex(of: name) { return UInt8(index) }
        if case .string(let name) = value, parseUnsigned(name) == nil {
            throw fail("\"op\": unknown op \"\(name)\": use one of \(Op.names.joined(separator: ", ")) or a number 0-7")
        }
        return UInt8(try number(value, key: "op", bits: 3, fail))
    }

    /// An operand value: a JSON integer, a "0x..." string or a decimal string, within `bits`.
    private static func number(_ value: FlatJSON.Value, key: String, bits: Int,
                               _ fail: (String) -> TraceError) throws(TraceError) -> UInt64 {
        let max: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        let range = "0...\(max) (0x\(String(max, radix: 16)))"
        let text: String
        switch value {
        case .number(let t):
            if t.hasPrefix("-") { throw fail("\"\(key)\": \(t) is negative: operands are unsigned, \(range)") }
            guard t.allSatisfy(\.isASCIIDigitOrNothing) else {
                throw fail("\"\(key)\": \(t) is not an integer: give a whole number in \(range)")
            }
            text = t
        case .string(let s):
            text = s
        case .bool(let b):
            throw fail("\"\(key)\": expected a number, found \(b): use an integer or a string such as \"0x1f\"")
        case .other(let what):
            throw fail("\"\(key)\": expected a number, found \(what): use an integer or a string such as \"0x1f\"")
        }
        let shown = value == .string(text) ? "\"\(text)\"" : text
        guard let n = parseUnsigned(text) else {
            if isNumberForm(text) {
                throw fail("\"\(key)\": \(shown) does not fit the \(bits)-bit operand: use a value in \(range)")
            }
            throw fail("\"\(key)\": \(shown) is not a number: use a JSON integer, a \"0x...\" hex string or a decimal string")
        }
        guard n <= max else {
            throw fail("\"\(key)\": \(shown) does not fit the \(bits)-bit operand: use a value in \(range)")
        }
        return n
    }

    /// Written like a number ("0x" + hex digits, or decimal digits), whatever its size.
    static func isNumberForm(_ text: String) -> Bool {
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            return text.count > 2 && text.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        return !text.isEmpty && text.allSatisfy(\.isASCIIDigitOrNothing)
    }

    /// "0x1F"/"0X1f" hex or plain decimal; nil for anything else (including overflow).
    static func parseUnsigned(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            let digits = text.dropFirst(2)
            guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
            return UInt64(digits, radix: 16)
        }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigitOrNothing) else { return nil }
        return UInt64(text)
    }
}

extension Character {
    fileprivate var isASCIIDigitOrNothing: Bool { isASCII && isNumber }
}

/// A malformed trace line: `description` reads "SOURCE:LINE: problem and fix".
public struct TraceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The trace's name as the user gave it (a path, or `-` for standard input).
    public var source: String
    /// 1-based line number of the bad line.
    public var line: Int
    /// What is wrong and how to fix it.
    public var message: String
    /// An error for line `line` of `source`.
    public init(source: String, line: Int, message: String) {
        self.source = source; self.line = line; self.message = message
    }
    /// `SOURCE:LINE: message`.
    public var description: String { "\(source):\(line): \(message)" }
}
