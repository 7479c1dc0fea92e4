/// Writes commands and responses as SPEC section 10 JSON lines.
///
/// Commands: `{"op":...}` then every non-zero operand in the order of
/// `TraceReader.operandKeys`; `reason`, `vector`, `intType`, `errValid`,
/// `vmcs` and `guest` as integers, `errCode`, `qual`, `field` and `data` as
/// lowercase hex strings; ops 0-5 by name, 6 and 7 by number. The line reads
/// back through `TraceReader` to the same command.
///
/// Responses: exactly the keys SPEC 10 lists for the kind, in its order; qual,
/// info, errCode, entry and data as lowercase hex without leading zeros ("0x0"
/// for zero); entities as {"vmm":n} / {"guest":n}; policies as owner, field,
/// io_range, load, static. A kind above 4 (only a broken RTL can produce one)
/// is written as a number followed by every field, so nothing is hidden.
///
/// `append(_:to:)` writes UTF-8 bytes straight into a buffer (no `String`
/// per line) for tools that print millions of lines.
public enum TraceWriter {
    /// One JSON line (no newline) for a command.
    public static func line(for c: Command) -> String {
        var out: [UInt8] = []
        append(c, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One JSON line (no newline) for a response.
    public static func line(for r: Response) -> String {
        var out: [UInt8] = []
        append(r, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A whole trace: one line per command, each ending in a newline.
    public static func text(for commands: [Command]) -> String {
        var out: [UInt8] = []
        for c in commands { append(c, to: &out); out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The longest line `write` can produce, newline included (a command
    /// with every operand at its widest is about 240 bytes; a response of an
    /// unknown kind, with every field, about 330).
    public static let maxLineBytes = 512

    /// Appends a command's JSON line (no newline) to `out`.
    public static func append(_ c: Command, to out: inout [UInt8]) {
        appendFormatted(&out) { cursor in write(c, &cursor) }
    }

    /// Appends a response's JSON line (no newline) to `out`.
    public static func append(_ r: Response, to out: inout [UInt8]) {
        appendFormatted(&out) { cursor in write(r, &cursor) }
    }

    /// Appends a response's JSON line and a newline to `out` (the streaming path: one copy per line).
    public static func appendLine(_ r: Response, to out: inout [UInt8]) {
        appendFormatted(&out) { cursor in write(r, &cursor); cursor.byte(10) }
    }

    /// Writes a response's JSON line and a newline at `p`, which must have room for
    /// `maxLineBytes`; returns the bytes written (no copy, no allocation).
    @inline(__always)
    public static func writeLine(_ r: Response, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var cursor = ByteCursor(p: p)
        write(r, &cursor); cursor.byte(10)
        let n = cursor.p - p
        precondition(n <= maxLineBytes, "a trace line of \(n) bytes overran TraceWriter.maxLineBytes")
        return n
    }

    /// Formats one line into a stack buffer of `maxLineBytes`, then appends it to `out` in one copy.
    @inline(__always)
    private static func appendFormatted(_ out: inout [UInt8], _ format: (inout ByteCursor) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLineBytes) { buffer in
            let start = buffer.baseAddress!
            var cursor = ByteCursor(p: start)
            format(&cursor)
            let n = cursor.p - start
            precondition(n <= maxLineBytes, "a trace line of \(n) bytes overran TraceWriter.maxLineBytes")
            out.append(contentsOf: UnsafeBufferPointer(start: start, count: n))
        }
    }

    private static func write(_ c: Command, _ out: inout ByteCursor) {
        if c.op < 6 {
            opNames.write(Int(c.op), &out)
        } else {
            out.raw("{\"op\":"); out.decimal(UInt64(c.op))
        }
        func int(_ key: StaticString, _ v: UInt64, _ out: inout ByteCursor) { if v != 0 { out.raw(key); out.decimal(v) } }
        func hex(_ key: StaticString, _ v: UInt64, _ out: inout ByteCursor) { if v != 0 { out.raw(key); out.quotedHex(v) } }
        int(",\"reason\":", UInt64(c.reason), &out); int(",\"vector\":", UInt64(c.vector), &out)
        int(",\"intType\":", UInt64(c.intType), &out); int(",\"errValid\":", c.errValid ? 1 : 0, &out)
        hex(",\"errCode\":", UInt64(c.errCode), &out); hex(",\"qual\":", c.qual, &out)
        int(",\"vmcs\":", UInt64(c.vmcs), &out); hex(",\"field\":", UInt64(c.field), &out)
        hex(",\"data\":", c.data, &out); int(",\"guest\":", UInt64(c.guest), &out)
        out.byte(UInt8(ascii: "}"))
    }

    private static func write(_ r: Response, _ out: inout ByteCursor) {
        switch r.kind {
        case ResponseKind.routed:
            out.raw("{\"kind\":\"routed\","); routedFields(r, &out)
        case ResponseKind.vmsucceed:
            out.raw("{\"kind\":\"vmsucceed\",\"data\":"); out.quotedHex(r.data)
            out.raw(",\"current\":"); entity(r.current, &out)
        case ResponseKind.vmfailInvalid:
            out.raw("{\"kind\":\"vmfail_invalid\"")
        case ResponseKind.vmfailValid:
            out.raw("{\"kind\":\"vmfail_valid\",\"error\":"); out.decimal(UInt64(r.error))
        case ResponseKind.rejected:
            out.raw("{\"kind\":\"rejected\",\"error\":"); out.decimal(UInt64(r.error))
        default:
            out.raw("{\"kind\":"); out.decimal(UInt64(r.kind)); out.byte(UInt8(ascii: ","))
            routedFields(r, &out)
            out.raw(",\"data\":"); out.quotedHex(r.data)
            out.raw(",\"current\":"); entity(r.current, &out)
            out.raw(",\"error\":"); out.decimal(UInt64(r.error))
        }
        out.byte(UInt8(ascii: "}"))
    }

    // MARK: pieces

    private static let opNames = ByteTable(Op.names.map { "{\"op\":\"\($0)\"" })
    private static let policyNames = ByteTable(Policy.names.map { "\"\($0)\"" })

    @inline(__always)
    private static func routedFields(_ r: Response, _ out: inout ByteCursor) {
        out.raw("\"target\":"); out.decimal(UInt64(r.target))
        if r.isSelf { out.raw(",\"self\":true") } else { out.raw(",\"self\":false") }
        if r.fallback { out.raw(",\"fallback\":true") } else { out.raw(",\"fallback\":false") }
        out.raw(",\"policy\":")
        if r.policy < 5 { policyNames.write(Int(r.policy), &out) } else { out.decimal(UInt64(r.policy)) }
        out.raw(",\"from\":"); entity(r.from, &out)
        out.raw(",\"reason\":"); out.decimal(UInt64(r.reason))
        out.raw(",\"qual\":"); out.quotedHex(r.qual)
        out.raw(",\"info\":"); out.quotedHex(UInt64(r.info))
        out.raw(",\"errCode\":"); out.quotedHex(UInt64(r.errCode))
        out.raw(",\"entry\":"); out.quotedHex(r.entry)
    }

    @inline(__always)
    private static func entity(_ raw: UInt8, _ out: inout ByteCursor) {
        let e = Entity(raw: raw)
        if e.isVMM { out.raw("{\"vmm\":") } else { out.raw("{\"guest\":") }
        out.decimal(UInt64(e.id))
        out.byte(UInt8(ascii: "}"))
    }
}

extension Command: CustomStringConvertible {
    /// The command as its trace line.
    public var description: String { TraceWriter.line(for: self) }
}

extension Response: CustomStringConvertible {
    /// The response as its SPEC 10 JSON line.
    public var description: String { TraceWriter.line(for: self) }
}
