/// A small reader of Value Change Dump files (IEEE 1364 §18) as Verilator and
/// Icarus write them: the variables of every scope (`$var`), then value changes
/// per time step (`#t`; scalars `0!`, vectors `b0101 !`; reals are skipped).
/// Enough to draw the signals around a failure; not a full VCD implementation.
public struct VCD: Sendable {
    /// One `$var` of the file.
    public struct Variable: Sendable, Equatable {
        /// Scope path ("TOP", "TOP.trapline_router") and the variable's name (without its range).
        public var scope: String
        /// The variable's name, without its bit range.
        public var name: String
        /// Width in bits.
        public var width: Int
        /// The identifier code its value changes are written under (`!`, `"#`, ...).
        public var code: String
        /// A variable `name` of `width` bits in `scope`, written as `code`.
        public init(scope: String, name: String, width: Int, code: String) {
            self.scope = scope; self.name = name; self.width = width; self.code = code
        }
    }
    /// The `$timescale` text (`1ps`, `1 ns`), empty when the file has none.
    public var timescale: String = ""
    /// Every variable, in declaration order.
    public var variables: [Variable] = []
    /// Per identifier code: (time, value) in time order; vectors as binary digits
    /// (MSB first, as written), scalars as one character (0, 1, x, z).
    public var changes: [String: [(time: UInt64, value: String)]] = [:]
    /// The last time step in the file.
    public var endTime: UInt64 = 0

    /// The value of `code` at `time` (the last change at or before it), nil before the first.
    public func value(_ code: String, at time: UInt64) -> String? {
        guard let list = changes[code] else { return nil }
        var lo = 0, hi = list.count   // first index with time > `time`
        while lo < hi { let mid = (lo + hi) / 2; if list[mid].time <= time { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? nil : list[lo - 1].value
    }

    /// The first variable named `name` in the shallowest scope that has it.
    public func variable(named name: String) -> Variable? {
        variables.filter { $0.name == name }.min { $0.scope.split(separator: ".").count < $1.scope.split(separator: ".").count }
    }
}

/// Parses VCD text into a `VCD`.
public enum VCDReader {
    /// A file the reader cannot parse: `message` says where and why.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What is wrong with the file.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// The variables and value changes of `text`; throws `Failure` for a malformed header or value change.
    public static func parse(_ text: String) throws(Failure) -> VCD {
        var vcd = VCD()
        var scopes: [String] = []
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })[...]
        // Header: declarations up to $enddefinitions.
        func until(_ end: Substring = "$end") -> [Substring] {
            var out: [Substring] = []
            while let t = tokens.popFirst(), t != end { out.append(t) }
            return out
        }
        var sawEnd = false
        while let t = tokens.popFirst() {
            switch t {
            case "$scope": let p = until(); scopes.append(p.count > 1 ? String(p[1]) : "?")
            case "$upscope": _ = until(); _ = scopes.popLast()
            case "$timescale": vcd.timescale = until().joined(separator: " ")
            case "$var":
                let p = until()
                guard p.count >= 4, let width = Int(p[1]) else { throw Failure(message: "a $var declaration without width, code and name: \(p.joined(separator: " "))") }
                vcd.variables.append(.init(scope: scopes.joined(separator: "."), name: String(p[3]), width: width, code: String(p[2])))
            case "$enddefinitions": _ = until(); sawEnd = true
            default: if t.hasPrefix("$") { _ = until() }
            }
            if sawEnd { break }
        }
        guard sawEnd else { throw Failure(message: "no $enddefinitions: not a VCD file, or cut short in its header") }
        // Value changes.
        var time: UInt64 = 0
        while let t = tokens.popFirst() {
            guard let first = t.first else { continue }
            switch first {
            case "#":
                guard let n = UInt64(t.dropFirst()) else { throw Failure(message: "a time step that is not a number: \(t)") }
                time = n; vcd.endTime = max(vcd.endTime, n)
            case "b", "B":
                guard let code = tokens.popFirst() else { throw Failure(message: "a vector value without its identifier: \(t)") }
                vcd.changes[String(code), default: []].append((time, String(t.dropFirst()).lowercased()))
            case "r", "R": _ = tokens.popFirst()
            case "$": if t != "$end" && t != "$dumpvars" && t != "$dumpall" && t != "$dumpon" && t != "$dumpoff" { _ = until() }
            case "0", "1", "x", "X", "z", "Z":
                vcd.changes[String(t.dropFirst()), default: []].append((time, String(first).lowercased()))
            default: continue
            }
        }
        return vcd
    }
}
