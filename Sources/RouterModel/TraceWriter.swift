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

    /// Appends a command's JSON line (no newline) to `out`.
    public static func append(_ c: Command, to out: inout [UInt8]) {
        if c.op < 6 {
            out.append(contentsOf: opNames[Int(c.op)])
        } else {
            raw("{\"op\":", &out); decimal(UInt64(c.op), &out)
        }
        func int(_ key: StaticString, _ v: UInt64) { if v != 0 { raw(key, &out); decimal(v, &out) } }
        func hex(_ key: StaticString, _ v: UInt64) { if v != 0 { raw(key, &out); quotedHex(v, &out) } }
        int(",\"reason\":", UInt64(c.reason)); int(",\"vector\":", UInt64(c.vector)); int(",\"intType\":", UInt64(c.intType))
        int(",\"errValid\":", c.errValid ? 1 : 0); hex(",\"errCode\":", UInt64(c.errCode)); hex(",\"qual\":", c.qual)
        int(",\"vmcs\":", UInt64(c.vmcs)); hex(",\"field\":", UInt64(c.field)); hex(",\"data\":", c.data)
        int(",\"guest\":", UInt64(c.guest))
        out.append(UInt8(ascii: "}"))
    }

    /// Appends a response's JSON line (no newline) to `out`.
    public static func append(_ r: Response, to out: inout [UInt8]) {
        switch r.kind {
        case ResponseKind.routed:
            raw("{\"kind\":\"routed\",", &out); routedFields(r, &out)
        case ResponseKind.vmsucceed:
            raw("{\"kind\":\"vmsucceed\",\"data\":", &out); quotedHex(r.data, &out)
            raw(",\"current\":", &out); entity(r.current, &out)
        case ResponseKind.vmfailInvalid:
            raw("{\"kind\":\"vmfail_invalid\"", &out)
        case ResponseKind.vmfailValid:
            raw("{\"kind\":\"vmfail_valid\",\"error\":", &out); decimal(UInt64(r.error), &out)
        case ResponseKind.rejected:
            raw("{\"kind\":\"rejected\",\"error\":", &out); decimal(UInt64(r.error), &out)
        default:
            raw("{\"kind\":", &out); decimal(UInt64(r.kind), &out); out.append(UInt8(ascii: ","))
            routedFields(r, &out)
            raw(",\"data\":", &out); quotedHex(r.data, &out)
            raw(",\"current\":", &out); entity(r.current, &out)
            raw(",\"error\":", &out); decimal(UInt64(r.error), &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    // MARK: pieces

    private static let opNames: [[UInt8]] = Op.names.map { Array("{\"op\":\"\($0)\"".utf8) }
    private static let policyNames: [[UInt8]] = Policy.names.map { Array("\"\($0)\"".utf8) }
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func routedFields(_ r: Response, _ out: inout [UInt8]) {
        raw("\"target\":", &out); decimal(UInt64(r.target), &out)
        raw(r.isSelf ? ",\"self\":true" : ",\"self\":false", &out)
        raw(r.fallback ? ",\"fallback\":true" : ",\"fallback\":false", &out)
        raw(",\"policy\":", &out)
        if r.policy < 5 { out.append(contentsOf: policyNames[Int(r.policy)]) } else { decimal(UInt64(r.policy), &out) }
        raw(",\"from\":", &out); entity(r.from, &out)
        raw(",\"reason\":", &out); decimal(UInt64(r.reason), &out)
        raw(",\"qual\":", &out); quotedHex(r.qual, &out)
        raw(",\"info\":", &out); quotedHex(UInt64(r.info), &out)
        raw(",\"errCode\":", &out); quotedHex(UInt64(r.errCode), &out)
        raw(",\"entry\":", &out); quotedHex(r.entry, &out)
    }

    @inline(__always)
    private static func raw(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private static func entity(_ raw: UInt8, _ out: inout [UInt8]) {
        let e = Entity(raw: raw)
        Self.raw(e.isVMM ? "{\"vmm\":" : "{\"guest\":", &out)
        decimal(UInt64(e.id), &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func decimal(_ v: UInt64, _ out: inout [UInt8]) {
        if v < 10 { out.append(UInt8(ascii: "0") + UInt8(v)); return }
        let start = out.count
        var x = v
        while x > 0 { out.append(UInt8(ascii: "0") + UInt8(x % 10)); x /= 10 }
        out[start...].reverse()
    }

    private static func quotedHex(_ v: UInt64, _ out: inout [UInt8]) {
        raw("\"0x", &out)
        var shift = v == 0 ? 0 : (63 - v.leadingZeroBitCount) / 4 * 4
        while shift >= 0 { out.append(hexDigits[Int(v >> UInt64(shift) & 0xF)]); shift -= 4 }
        out.append(UInt8(ascii: "\""))
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
