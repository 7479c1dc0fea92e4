/// One mutation of a netlist as Yosys' `mutate -list N` writes it:
/// `mutate -mode inv -module m -cell $procmux$12 -port Y -portbit 3 [-ctrlbit 2]
/// [-wire w -wirebit 3] -src file:l.c-l.c ...`. Applying the line (`mutate -mode ...`)
/// inverts, forces or ties one bit of one cell port.
public struct YosysMutation: Sendable, Codable, Equatable {
    /// 1-based position in the list (also the value of the mutant select signal).
    public var id: Int
    /// inv, const0, const1, cnot0, cnot1.
    public var mode: String
    /// The module holding the cell (`-module`; the top, as the netlist is flattened).
    public var module: String
    /// The cell whose port is changed (`-cell`), e.g. `$procmux$12`.
    public var cell: String
    /// The cell port changed (`-port`), e.g. `Y`, `A`, `DATA`.
    public var port: String
    /// The bit of that port changed (`-portbit`), 0-based.
    public var portBit: Int
    /// For cnot0 / cnot1, the other bit of the same port xored in (`-ctrlbit`), 0-based; nil for the other modes.
    public var ctrlBit: Int?
    /// The named wire the mutated bit drives (`-wire`); nil when Yosys named none.
    public var wire: String?
    /// The bit of `wire` that is the mutated bit (`-wirebit`), 0-based; nil when Yosys named no wire.
    public var wireBit: Int?
    /// Every `-src` attribute, in the order Yosys gave them.
    public var sources: [MutationSource]
    /// The line as Yosys wrote it (applied as is, with `-ctrl` in front).
    public var command: String

    /// Parses one line of a `mutate -list` file; nil for a blank line or another command.
    public init?(line: String, id: Int) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.first == "mutate" else { return nil }
        var values: [String: String] = [:]
        var sources: [MutationSource] = []
        var i = 1
        while i + 1 < words.count {
            let key = words[i], value = words[i + 1]
            guard key.hasPrefix("-") else { i += 1; continue }
            if key == "-src" { if let s = MutationSource(value) { sources.append(s) } } else { values[String(key.dropFirst())] = value }
            i += 2
        }
        guard let mode = values["mode"], let module = values["module"], let cell = values["cell"],
              let port = values["port"], let bit = values["portbit"].flatMap({ Int($0) }) else { return nil }
        self.id = id; self.mode = mode; self.module = module; self.cell = cell; self.port = port; portBit = bit
        ctrlBit = values["ctrlbit"].flatMap { Int($0) }
        wire = values["wire"]
        wireBit = values["wirebit"].flatMap { Int($0) }
        self.sources = sources
        command = words.joined(separator: " ")
    }

    /// Every mutation of a `mutate -list` output, numbered from 1 in order.
    public static func parseList(_ text: String) -> [YosysMutation] {
        var list: [YosysMutation] = []
        for line in text.split(separator: "\n") {
            if let m = YosysMutation(line: String(line), id: list.count + 1) { list.append(m) }
        }
        return list
    }

    /// The source line the mutation names (see `MutationSource.primary`).
    public var source: MutationSource? { MutationSource.primary(sources, hasWire: wire != nil) }

    /// What is changed, in words: "inv of $procmux$12 port Y bit 3 (wire rsp_data[3])".
    public var what: String {
        var s = "\(mode) \(cell) port \(port) bit \(portBit)"
        if let ctrlBit { s += " ctrl bit \(ctrlBit)" }
        if let wire { s += " (wire \(wire)[\(wireBit ?? 0)])" }
        return s
    }

    /// The command that applies this mutation only when `select` == `id`.
    public func controlledCommand(select: String, width: Int) -> String {
        "mutate -ctrl \(select) \(width) \(id) " + command.dropFirst("mutate ".count)
    }
}
