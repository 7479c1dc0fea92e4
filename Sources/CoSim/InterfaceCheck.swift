import Foundation

/// Compares the ports Verilator found in the top module (read from the
/// generated `V<top>.h`, whose `VL_IN8(&name,msb,lsb)`-style declarations list
/// every port with its direction and width) with the spec's port list, so a
/// Verilog file with the wrong interface is refused with a message naming each
/// difference instead of failing later in the C++ compiler.
public enum InterfaceCheck {
    /// A port as a simulator's front end found it in the Verilog.
    public struct Declared: Equatable, Sendable {
        /// Input or output.
        public var direction: ModelPort.Direction
        /// Width in bits.
        public var width: Int
        /// A port of `width` bits in `direction`.
        public init(direction: ModelPort.Direction, width: Int) { self.direction = direction; self.width = width }
    }

    static func declaredPorts(header: String) -> [String: Declared] {
        var ports: [String: Declared] = [:]
        for line in header.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("VL_IN") || t.hasPrefix("VL_OUT"), let open = t.firstIndex(of: "("),
                  let close = t.firstIndex(of: ")") else { continue }
            let macro = t[..<open]
            let args = t[t.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard args.count >= 3, args[0].hasPrefix("&"), let msb = Int(args[1]), let lsb = Int(args[2]) else { continue }
            let direction: ModelPort.Direction = macro.hasPrefix("VL_INOUT") || macro.hasPrefix("VL_OUT") ? .output : .input
            ports[String(args[0].dropFirst())] = Declared(direction: direction, width: abs(msb - lsb) + 1)
        }
        return ports
    }

    /// Throws `ModelError.interfaceMismatch` listing every difference.
    static func check(spec: ModelSpec, header: String) throws(ModelError) {
        let declared = declaredPorts(header: header)
        guard !declared.isEmpty else { return }   // unknown header shape: let the compiler judge
        let problems = problems(expected: spec.ports, declared: declared)
        if !problems.isEmpty {
            throw .interfaceMismatch(top: spec.top, problems: problems)
        }
    }

    /// Every difference between the `expected` port list and the ports `declared`
    /// in the Verilog (missing, wrong direction or width, unexpected), worded
    /// the same whichever simulator found them.
    public static func problems(expected: [ModelPort], declared: [String: Declared]) -> [String] {
        var problems: [String] = []
        for p in expected {
            guard let d = declared[p.name] else {
                problems.append("missing \(p.direction.rawValue) [\(p.width - 1):0] \(p.name)")
                continue
            }
            if d.direction != p.direction {
                problems.append("\(p.name) is an \(d.direction.rawValue) in the Verilog but an \(p.direction.rawValue) in the port list")
            } else if d.width != p.width {
                problems.append("\(p.name) is \(d.width) bits wide in the Verilog, \(p.width) in the port list")
            }
        }
        let listed = Set(expected.map(\.name))
        for name in declared.keys.sorted() where !listed.contains(name) {
            problems.append("unexpected \(declared[name]!.direction.rawValue) \(name) (not in the port list)")
        }
        return problems
    }
}
