/// What Trapline reads of Verilator's `--xml-only` netlist: each module with
/// its variables and instances (and the named blocks they sit in), and the
/// type table, enough to list the top module's ports with their widths and
/// to find an internal signal by its hierarchical path. Filled by
/// `VerilatorXML.parse`; ports and paths come from Verilator's own
/// elaboration (parameters applied), never from the Verilog text.
struct VerilatorNetlist: Sendable {
    /// A `<var>` of a module: a port (`direction` set), a signal or a parameter.
    struct Variable: Sendable {
        /// Names of the named blocks (`begin : gen`, generate iterations `gen[0]`) around it.
        var scope: [String]
        var name: String
        var dtypeID: String
        /// "input", "output", "inout", "ref"; nil for a signal that is not a port.
        var direction: String?
        var isParameter: Bool
    }

    /// An `<instance>` of another module inside a module.
    struct Instance: Sendable {
        var scope: [String]
        var name: String
        /// The elaborated module's name (`sub__W8` for a parameterised `sub`).
        var module: String
    }

    /// A `<module>`: `name` is Verilator's elaborated name, `originalName` the
    /// one in the Verilog (what a Verilator configuration file names).
    struct Module: Sendable {
        var name: String
        var originalName: String
        var isTop: Bool
        var variables: [Variable] = []
        var instances: [Instance] = []
    }

    /// One entry of the `<typetable>`.
    enum DataType: Sendable {
        /// `<basicdtype>`: `left`/`right` absent for a 1-bit type.
        case basic(name: String, left: Int?, right: Int?)
        /// `<refdtype>` (a typedef's use) or `<enumdtype>`: the width of `sub`.
        case alias(sub: String)
        /// `<packarraydtype>`: `count` elements of `sub`.
        case packedArray(sub: String, count: Int)
        /// `<unpackarraydtype>`: a memory; not a bit vector.
        case unpackedArray(sub: String)
        /// `<structdtype>` (`union` false: the sum of the members) or `<uniondtype>` (the widest).
        case aggregate(members: [String], union: Bool)
        /// Anything else (`real`, `string`, interfaces, queues...), by element name.
        case unsupported(String)
    }

    var modules: [Module] = []
    var types: [String: DataType] = [:]

    /// The module Verilator elaborated as the top (`topModule="1"`).
    var top: Module? { modules.first(where: \.isTop) }

    /// The module whose elaborated name is `name`.
    func module(named name: String) -> Module? { modules.first { $0.name == name } }

    /// The distinct names of the modules as written in the Verilog, sorted.
    var originalModuleNames: [String] { Array(Set(modules.map(\.originalName))).sorted() }

    /// Why a type is not a plain bit vector of a known width.
    struct WidthProblem: Error, Sendable { var reason: String }

    /// The width in bits of the type `id`: the packed bits Verilator stores.
    func width(of id: String) throws(WidthProblem) -> Int {
        try width(of: id, depth: 0)
    }

    private func width(of id: String, depth: Int) throws(WidthProblem) -> Int {
        guard depth < 64 else { throw WidthProblem(reason: "its type nests too deeply") }
        guard let type = types[id] else { throw WidthProblem(reason: "Verilator's type table has no type \(id)") }
        switch type {
        case let .basic(name, left, right):
            let bitTypes: Set = ["logic", "bit", "reg", "wire", "int", "integer", "byte", "shortint", "longint", "time"]
            guard bitTypes.contains(name) else { throw WidthProblem(reason: "it is a \(name), not a bit vector") }
            guard let left, let right else { return 1 }
            return abs(left - right) + 1
        case let .alias(sub):
            return try width(of: sub, depth: depth + 1)
        case let .packedArray(sub, count):
            return try count * width(of: sub, depth: depth + 1)
        case .unpackedArray:
            throw WidthProblem(reason: "it is an unpacked array (a memory), not a bit vector")
        case let .aggregate(members, union):
            var widths: [Int] = []
            for m in members { widths.append(try width(of: m, depth: depth + 1)) }
            return union ? (widths.max() ?? 0) : widths.reduce(0, +)
        case let .unsupported(kind):
            throw WidthProblem(reason: "its type (\(kind)) is not a bit vector")
        }
    }
}
