/// Finding internal signals in the netlist by hierarchical path: through
/// instances (into the instantiated module) and named or generate blocks
/// (`gen[0]`), to a variable that is not a parameter.
extension VerilatorNetlist {
    /// Where a signal lives: the module as named in the Verilog (what a
    /// Verilator configuration file names), the variable and its width.
    struct SignalLocation: Equatable, Sendable {
        var module: String
        var variable: String
        var width: Int
    }

    /// Why a path does not name an observable signal.
    enum LookupFailure: Error, Sendable {
        case missing
        case notABitVector(String)
    }

    /// The signal at `path` (components below the top module).
    func locate(_ path: [String]) throws(LookupFailure) -> SignalLocation {
        guard var module = top, let last = path.last else { throw .missing }
        var scope: [String] = []
        for component in path.dropLast() {
            if let instance = module.instances.first(where: { $0.scope == scope && $0.name == component }),
               let next = self.module(named: instance.module) {
                module = next; scope = []
            } else if module.variables.contains(where: { $0.scope.starts(with: scope + [component]) })
                        || module.instances.contains(where: { $0.scope.starts(with: scope + [component]) }) {
                scope.append(component)
            } else {
                throw .missing
            }
        }
        guard let v = module.variables.first(where: { $0.scope == scope && $0.name == last && !$0.isParameter }) else {
            throw .missing
        }
        do {
            return SignalLocation(module: module.originalName, variable: v.name, width: try width(of: v.dtypeID))
        } catch {
            throw .notABitVector(error.reason)
        }
    }

    /// Every internal signal's path below the top (the top's own ports
    /// excluded), depth first, at most `limit`: the candidates an unknown path
    /// is compared with.
    func signalPaths(limit: Int = 20_000) -> [String] {
        var out: [String] = []
        func walk(_ m: Module, _ prefix: [String], depth: Int) {
            guard depth < 64 else { return }
            for v in m.variables where !v.isParameter && !(depth == 0 && v.scope.isEmpty && v.direction != nil) {
                guard out.count < limit else { return }
                out.append((prefix + v.scope + [v.name]).joined(separator: "."))
            }
            for i in m.instances {
                if let sub = module(named: i.module) { walk(sub, prefix + i.scope + [i.name], depth: depth + 1) }
            }
        }
        if let top { walk(top, [], depth: 0) }
        return out
    }
}
