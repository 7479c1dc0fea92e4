import HDL
import RouterSpec

/// The SPEC's numbers as localparams of the generated RTL: `m.spec("OP_VMREAD")` declares
/// `localparam [2:0] OP_VMREAD = 3'd1;` (name, value and width from `RouterSpec`) and
/// returns it, so the Verilog body reads `cmd_op_q == OP_VMREAD` instead of a bare 1.
extension ModuleBuilder {
    func spec(_ name: String, fileID: String = #fileID, line: Int = #line) -> Signal {
        guard let c = SpecNames.byName[name] else { preconditionFailure("RouterSpec has no constant named \(name)") }
        return localparam(c.name, c.value, width: c.width, fileID: fileID, line: line)
    }

    /// The localparam of exit reason `reason` (`EXIT_REASON_<VT-x name>`, 16 bits).
    func spec(exitReason reason: UInt16, fileID: String = #fileID, line: Int = #line) -> Signal {
        guard let name = ExitReason.name(of: reason) else { preconditionFailure("exit reason \(reason) is not supported") }
        return spec("EXIT_REASON_" + name, fileID: fileID, line: line)
    }
}

enum SpecNames {
    static let byName: [String: SpecConstant] = Dictionary(uniqueKeysWithValues: SpecConstants.all.map { ($0.name, $0) })
}
