/// Adding internal signals to a spec with the widths Verilator finds.
extension ModelSpec {
    /// Appends each path to `observed` with its width in the design (one
    /// `verilator --xml-only` run). An unknown path is
    /// `ModelError.unknownSignal` listing the closest signals; Verilog that
    /// Verilator refuses is `VerilogRejected`.
    public mutating func observe(_ paths: [String]) throws {
        guard !paths.isEmpty else { return }
        let netlist = try NetlistReader.read(verilog: verilog, top: top, flags: verilatorFlags)
        observed += try Self.observedSignals(paths, netlist: netlist, top: top)
    }

    /// The signals at `paths` with their widths in `netlist`.
    static func observedSignals(_ paths: [String], netlist: VerilatorNetlist, top: String) throws(ModelError) -> [ObservedSignal] {
        var signals: [ObservedSignal] = []
        for path in paths {
            signals.append(ObservedSignal(path: path, width: try ObservedBuild.find(path, netlist: netlist, top: top).width))
        }
        return signals
    }
}
