import Foundation
import RouterModel
import RouterSpec

/// Reads back a response line as `TraceWriter.line(for:)` writes it (SPEC 10),
/// so a divergence stored in a results file comes back as the same `Response`.
/// Only for results files: the hardware never reads responses.
enum ResponseLine {
    static func parse(_ line: String) -> Response? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        var r = Response(kind: 0)
        if let name = object["kind"] as? String {
            guard let k = ResponseKind.names.firstIndex(of: name) else { return nil }
            r.kind = UInt8(k)
        } else if let k = object["kind"] as? Int {
            r.kind = UInt8(truncatingIfNeeded: k)
        } else { return nil }
        func int(_ key: String) -> UInt64 {
            if let n = object[key] as? Int { return UInt64(truncatingIfNeeded: n) }
            if let s = object[key] as? String, s.hasPrefix("0x") { return UInt64(s.dropFirst(2), radix: 16) ?? 0 }
            return 0
        }
        func entity(_ key: String) -> UInt8 {
            guard let e = object[key] as? [String: Any] else { return 0 }
            if let v = e["vmm"] as? Int { return Entity.vmm(v).raw }
            return Entity.guest(e["guest"] as? Int ?? 0).raw
        }
        r.target = UInt8(truncatingIfNeeded: int("target"))
        r.isSelf = object["self"] as? Bool ?? false
        r.fallback = object["fallback"] as? Bool ?? false
        if let name = object["policy"] as? String { r.policy = UInt8(Policy.names.firstIndex(of: name) ?? 0) } else { r.policy = UInt8(truncatingIfNeeded: int("policy")) }
        r.from = entity("from")
        r.reason = UInt16(truncatingIfNeeded: int("reason"))
        r.qual = int("qual")
        r.info = UInt32(truncatingIfNeeded: int("info"))
        r.errCode = UInt32(truncatingIfNeeded: int("errCode"))
        r.entry = int("entry")
        r.data = int("data")
        r.current = entity("current")
        r.error = UInt8(truncatingIfNeeded: int("error"))
        return r
    }
}
