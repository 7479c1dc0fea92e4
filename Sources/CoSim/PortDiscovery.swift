import Foundation

/// Model specs whose ports come from Verilator's elaboration of the design
/// (`verilator --xml-only`, read by `NetlistReader`), not from a hand-written
/// list: the top module's ports in declaration order, with the widths
/// Verilator computed (parameters, typedefs, packed structs and arrays
/// applied). Ports that are not plain bit vectors (unpacked arrays, `real`,
/// interfaces) and `inout` ports are refused with a message naming each.
extension ModelSpec {
    /// The ports of module `top` in Verilog text. `source` names the text in
    /// messages (a file path); `verilatorFlags` as in the spec (`-GW=8`
    /// changes widths). Errors: `VerilogRejected` (syntax, unknown top: the
    /// modules found are listed), `ModelError.badSpec` (a port that cannot
    /// be co-simulated), `ToolError`.
    public static func ports(verilog: String, top: String, verilatorFlags: [String] = [],
                             source: String? = nil) throws -> [ModelPort] {
        try NetlistReader.read(verilog: verilog, top: top, flags: verilatorFlags, source: source).ports(top: top)
    }

    /// The ports of module `top` in Verilog files (see `ports(verilog:top:)`);
    /// a missing file is `ModelError.badSpec`.
    public static func ports(verilogFiles: [URL], top: String, verilatorFlags: [String] = []) throws -> [ModelPort] {
        let (text, source) = try verilogText(files: verilogFiles)
        return try ports(verilog: text, top: top, verilatorFlags: verilatorFlags, source: source)
    }

    /// A complete spec for module `top` of Verilog text, its ports found by
    /// Verilator. `clock` nil: the 1-bit input named `clk` or `clock`;
    /// `reset` nil: the 1-bit input named `rst`, `reset`, `rst_n` or
    /// `reset_n` if there is one (set `reset = nil` on the result for none);
    /// `resetActiveHigh` nil: low when the reset's name ends in `_n`.
    /// `clocks`: secondary clocks, each a 1-bit input the bench drives with
    /// `VerilatedModel.tick` (`ModelSpec.clocks`; never chosen by convention).
    /// `observe`: internal signals by hierarchical path below `top`
    /// (`u_fifo.count`), their widths found in the design (`ModelSpec.observed`).
    /// A design with no clock input is
    /// `ModelError.badSpec` naming its inputs; other errors as `ports(verilog:top:)`.
    public static func discover(verilog: String, top: String, clock: String? = nil, reset: String? = nil,
                                resetActiveHigh: Bool? = nil, clocks: [String] = [], observe: [String] = [],
                                trace: Bool = false, verilatorFlags: [String] = [],
                                source: String? = nil) throws -> ModelSpec {
        let netlist = try NetlistReader.read(verilog: verilog, top: top, flags: verilatorFlags, source: source)
        let ports = try netlist.ports(top: top)
        let inputs = ports.filter { $0.direction == .input }
        func described(_ list: [ModelPort]) -> String {
            list.isEmpty ? "none" : list.map { $0.width == 1 ? $0.name : "\($0.name) [\($0.width) bits]" }.joined(separator: ", ")
        }
        let chosenClock = clock ?? conventional(["clk", "clock"], in: inputs)
        guard let chosenClock else {
            throw ModelError.badSpec("module \(top) has no 1-bit input named clk or clock to drive as its clock "
                + "(its inputs: \(described(inputs))); pass clock: \"NAME\" to ModelSpec.discover naming its clock input")
        }
        for name in [chosenClock] + clocks + [reset].compactMap({ $0 })
        where !inputs.contains(where: { $0.name == name && $0.width == 1 }) {
            throw ModelError.badSpec("module \(top) has no 1-bit input \(name) (its inputs: \(described(inputs)))")
        }
        let chosenReset = reset ?? conventional(["rst", "reset", "rst_n", "reset_n"], in: inputs)
        let activeHigh = resetActiveHigh ?? !(chosenReset?.lowercased().hasSuffix("_n") ?? false)
        let spec = ModelSpec(verilog: verilog, top: top, ports: ports, clock: chosenClock, reset: chosenReset,
                             resetActiveHigh: activeHigh, trace: trace, verilatorFlags: verilatorFlags, clocks: clocks,
                             observed: try observedSignals(observe, netlist: netlist, top: top))
        try spec.validate()
        return spec
    }

    /// `discover(verilog:top:...)` for Verilog files (one design, in the order given).
    public static func discover(verilogFiles: [URL], top: String, clock: String? = nil, reset: String? = nil,
                                resetActiveHigh: Bool? = nil, clocks: [String] = [], observe: [String] = [],
                                trace: Bool = false, verilatorFlags: [String] = []) throws -> ModelSpec {
        let (text, source) = try verilogText(files: verilogFiles)
        return try discover(verilog: text, top: top, clock: clock, reset: reset, resetActiveHigh: resetActiveHigh,
                            clocks: clocks, observe: observe, trace: trace, verilatorFlags: verilatorFlags, source: source)
    }

    /// The first 1-bit input whose name is one of `names` (any case), in declaration order.
    static func conventional(_ names: [String], in inputs: [ModelPort]) -> String? {
        inputs.first { $0.width == 1 && names.contains($0.name.lowercased()) }?.name
    }

    /// The text of `files` as one Verilog text, and how messages name it. One
    /// file: its text unchanged. Several: concatenated in order, each after a
    /// `` `line 1 "PATH" 0`` directive, so Verilator's messages and
    /// `ModelEnd` name the file and line each came from.
    static func verilogText(files: [URL]) throws(ModelError) -> (text: String, source: String) {
        guard !files.isEmpty else { throw .badSpec("no Verilog file given; pass at least one file") }
        var texts: [String] = []
        for file in files {
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw .badSpec("the Verilog file \(file.path) does not exist; give the path of an existing file")
            }
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw .badSpec("cannot read the Verilog file \(file.path) as UTF-8 text")
            }
            texts.append(text)
        }
        if files.count == 1 { return (texts[0], files[0].path) }
        let joined = zip(files, texts).map { file, text in
            "`line 1 \"\(file.path)\" 0\n" + text + (text.hasSuffix("\n") ? "" : "\n")
        }.joined()
        return (joined, files.map(\.path).joined(separator: ", "))
    }
}
