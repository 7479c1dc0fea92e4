/// A small strict parser for the one JSON shape traces use: a flat object whose
/// values are scalars. Integers keep all 64 bits (no trip through `Double`),
/// which Foundation's JSONSerialization does not promise above 2^53.
struct FlatJSON {
    enum Value: Equatable {
        /// A JSON number, as written (may be negative, fractional or huge).
        case number(String)
        case string(String)
        case bool(Bool)
        /// null, an array or an object: named for the error message.
        case other(String)
    }
    struct Member { var key: String; var value: Value }

    /// A syntax error with a 1-based column.
    struct SyntaxError: Error { var column: Int; var message: String }

    /// Parses one line holding one object.
    static func parseObject(_ bytes: ArraySlice<UInt8>) throws(SyntaxError) -> [Member] {
        var p = FlatJSON(bytes: Array(bytes))
        return try p.object()
    }

    private let bytes: [UInt8]
    private var i = 0
    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var column: Int { i + 1 }
    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func describe(_ b: UInt8?) -> String {
        guard let b else { return "the end of the line" }
        return b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    private mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { i += 1 }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(SyntaxError) {
        skipSpace()
        guard peek == c else { throw SyntaxError(column: column, message: "expected \(what), found \(describe(peek))") }
        i += 1
    }

    private mutating func object() throws(SyntaxError) -> [Member] {
        try expect(UInt8(ascii: "{"), "'{' (each line is one JSON object)")
        var members: [Member] = []
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1 } else {
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else {
                    throw SyntaxError(column: column, message: "expected a key in double quotes, found \(describe(peek))")
                }
                let key = try string()
                try expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
                skipSpace()
                members.append(Member(key: key, value: try value()))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; break }
                throw SyntaxError(column: column, message: "expected ',' or '}' after the value of \"\(key)\", found \(describe(peek))")
            }
        }
        skipSpace()
        guard peek == nil else {
            throw SyntaxError(column: column, message: "unexpected \(describe(peek)) after the closing '}': put one object on each line")
        }
        return members
    }

    private mutating func value() throws(SyntaxError) -> Value {
        guard let b = peek else { throw SyntaxError(column: column, message: "expected a value, found the end of the line") }
        switch b {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            i += 1
            while let c = peek, (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                i += 1
            }
            return .number(String(decoding: bytes[start..<i], as: UTF8.self))
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .other("null")
        case UInt8(ascii: "["): try skipNested(); return .other("an array")
        case UInt8(ascii: "{"): try skipNested(); return .other("an object")
        default: throw SyntaxError(column: column, message: "expected a value, found \(describe(b))")
        }
    }

    private mutating func word(_ w: String) throws(SyntaxError) {
        let start = column
        for c in w.utf8 {
            guard peek == c else { throw SyntaxError(column: start, message: "expected a value (did you mean \(w)?)") }
            i += 1
        }
    }

    /// Skips a nested array or object (only to name its type in an error).
    private mutating func skipNested() throws(SyntaxError) {
        let start = column
        var depth = 0
        repeat {
            guard let b = peek else { throw SyntaxError(column: start, message: "unterminated array or object") }
            if b == UInt8(ascii: "\"") { _ = try string(); continue }
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1 }
            if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { depth -= 1 }
            i += 1
        } while depth > 0
    }

    private mutating func string() throws(SyntaxError) -> String {
        let start = column
        i += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard let b = peek else { throw SyntaxError(column: start, message: "unterminated string: add the closing '\"'") }
            i += 1
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw SyntaxError(column: column - 1, message: "control character in a string") }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard let e = peek else { continue }
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(code) else {
                    throw SyntaxError(column: column - 2, message: "bad \\u escape: use four hex digits")
                }
                i += 4
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw SyntaxError(column: column - 2, message: "unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
