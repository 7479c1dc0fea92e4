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
public enum TraceWriter {
    /// One JSON line (no newline) for a command.
    public static func line(for c: Command) -> String {
        var s = c.op < 6 ? "{\"op\":\"\(Op.names[Int(c.op)])\"" : "{\"op\":\(c.op)"
        func int(_ key: String, _ v: UInt64) { if v != 0 { s += ",\"\(key)\":\(v)" } }
        func hex(_ key: String, _ v: UInt64) { if v != 0 { s += ",\"\(key)\":\"\(hexString(v))\"" } }
        int("reason", UInt64(c.reason)); int("vector", UInt64(c.vector)); int("intType", UInt64(c.intType))
        int("errValid", c.errValid ? 1 : 0); hex("errCode", UInt64(c.errCode)); hex("qual", c.qual)
        int("vmcs", UInt64(c.vmcs)); hex("field", UInt64(c.field)); hex("data", c.data); int("guest", UInt64(c.guest))
        return s + "}"
    }

    /// A whole trace: one line per command, each ending in a newline.
    public static func text(for commands: [Command]) -> String {
        var s = ""
        for c in commands { s += line(for: c); s += "\n" }
        return s
    }

    /// One JSON line (no newline) for a response.
    public static func line(for r: Response) -> String {
        func entity(_ raw: UInt8) -> String {
            let e = Entity(raw: raw)
            return e.isVMM ? "{\"vmm\":\(e.id)}" : "{\"guest\":\(e.id)}"
        }
        func policyName(_ p: UInt8) -> String { p < 5 ? "\"\(Policy.names[Int(p)])\"" : "\(p)" }
        func hex(_ v: UInt64) -> String { "\"\(hexString(v))\"" }
        let routedFields = "\"target\":\(r.target),\"self\":\(r.isSelf),\"fallback\":\(r.fallback),\"policy\":\(policyName(r.policy))"
            + ",\"from\":\(entity(r.from)),\"reason\":\(r.reason),\"qual\":\(hex(r.qual)),\"info\":\(hex(UInt64(r.info)))"
            + ",\"errCode\":\(hex(UInt64(r.errCode))),\"entry\":\(hex(r.entry))"
        switch r.kind {
        case ResponseKind.routed: return "{\"kind\":\"routed\"," + routedFields + "}"
        case ResponseKind.vmsucceed: return "{\"kind\":\"vmsucceed\",\"data\":\(hex(r.data)),\"current\":\(entity(r.current))}"
        case ResponseKind.vmfailInvalid: return "{\"kind\":\"vmfail_invalid\"}"
        case ResponseKind.vmfailValid: return "{\"kind\":\"vmfail_valid\",\"error\":\(r.error)}"
        case ResponseKind.rejected: return "{\"kind\":\"rejected\",\"error\":\(r.error)}"
        default:
            return "{\"kind\":\(r.kind)," + routedFields
                + ",\"data\":\(hex(r.data)),\"current\":\(entity(r.current)),\"error\":\(r.error)}"
        }
    }

    /// Lowercase hex with "0x" and no leading zeros ("0x0" for zero).
    public static func hexString(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}

extension Command: CustomStringConvertible {
    /// The command as its trace line.
    public var description: String { TraceWriter.line(for: self) }
}

extension Response: CustomStringConvertible {
    /// The response as its SPEC 10 JSON line.
    public var description: String { TraceWriter.line(for: self) }
}
