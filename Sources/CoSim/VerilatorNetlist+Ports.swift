/// The top module's ports as a co-simulation sees them, from the netlist.
extension VerilatorNetlist {
    /// The ports of the top module in declaration order; throws
    /// `ModelError.badSpec` listing every port that cannot be co-simulated.
    func ports(top name: String) throws(ModelError) -> [ModelPort] {
        guard let top else { throw .badSpec("Verilator's netlist has no top module \(name)") }
        var ports: [ModelPort] = [], refused: [String] = []
        for v in top.variables where v.scope.isEmpty && !v.isParameter {
            guard let direction = v.direction else { continue }
            let width: Int
            do { width = try self.width(of: v.dtypeID) } catch {
                refused.append("\(v.name): \(error.reason)")
                continue
            }
            switch direction {
            case "input": ports.append(.input(v.name, width))
            case "output": ports.append(.output(v.name, width))
            case "inout":
                refused.append("\(v.name) is an inout; a co-simulation drives inputs and reads outputs and models no "
                    + "shared bus: simulate a wrapper with separate \(v.name)_in, \(v.name)_out and \(v.name)_oe ports")
            default: refused.append("\(v.name) is a \(direction) port")
            }
        }
        guard refused.isEmpty else {
            throw .badSpec("module \(top.originalName) has ports a co-simulation cannot drive: " + refused.joined(separator: "; "))
        }
        return ports
    }
}
