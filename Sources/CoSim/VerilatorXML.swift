import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the XML netlist `verilator --xml-only` writes into a
/// `VerilatorNetlist`, with Foundation's streaming `XMLParser` (the file
/// holds every expression of the design; only modules, variables, instances,
/// named blocks and the type table are kept).
///
/// Shapes read (Verilator 5.006): `<module name origName topModule="1">`,
/// its `<var name dtype_id dir param>` and `<instance name defName>`, named
/// `<begin name>` blocks around them (generate blocks: `gen[0]`); variables
/// inside `<func>`/`<task>` are not signals and are skipped. Types:
/// `<basicdtype id left right>`, `<refdtype>`/`<enumdtype>`/`<constdtype>`
/// (`sub_dtype_id`), `<packarraydtype sub_dtype_id>` whose `<range>` holds two
/// `<const name="32'sh3">`, `<unpackarraydtype>`, `<structdtype>`/`<uniondtype>`
/// with `<memberdtype sub_dtype_id>`; any other `*dtype` is unsupported.
enum VerilatorXML {
    /// The XML was not readable (a Verilator that writes another shape, a truncated file).
    struct Unreadable: Error, Sendable { var reason: String }

    static func parse(_ data: Data) throws(Unreadable) -> VerilatorNetlist {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else {
            let detail = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw Unreadable(reason: "XML parse error at line \(parser.lineNumber): \(detail)")
        }
        guard reader.netlist.top != nil else { throw Unreadable(reason: "no <module topModule=\"1\"> in the netlist") }
        return reader.netlist
    }

    /// The value of a Verilog constant as Verilator prints it (`32'sh3`, `4'b1010`, `8'd7`, `5`).
    static func constantValue(_ text: String) -> Int? {
        guard let tick = text.firstIndex(of: "'") else { return Int(text) }
        guard let width = Int(text[..<tick]), width > 0 else { return nil }
        var rest = text[text.index(after: tick)...]
        var signed = false
        if rest.first == "s" || rest.first == "S" { signed = true; rest = rest.dropFirst() }
        guard let base = rest.first else { return nil }
        let radix: Int
        switch base.lowercased() {
        case "h": radix = 16
        case "d": radix = 10
        case "b": radix = 2
        case "o": radix = 8
        default: return nil
        }
        guard var value = UInt64(rest.dropFirst().replacingOccurrences(of: "_", with: ""), radix: radix) else { return nil }
        if width < 64 { value &= (UInt64(1) << UInt64(width)) - 1 }
        if signed && width <= 64 && value >> UInt64(width - 1) & 1 == 1 {
            return width == 64 ? Int(truncatingIfNeeded: value) : Int(value) - (1 << width)
        }
        return Int(exactly: value)
    }

    /// The SAX delegate: a stack of open elements and the module / type being read.
    private final class Reader: NSObject, XMLParserDelegate {
        var netlist = VerilatorNetlist()
        private var stack: [String] = []
        private var module: VerilatorNetlist.Module?
        private var scopes: [String] = []
        private var scopePushed: [Bool] = []
        private var functionDepth = 0
        private var array: (id: String, sub: String, bounds: [Int])?
        private var aggregate: (id: String, union: Bool, members: [String])?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes a: [String: String] = [:]) {
            let parent = stack.last
            stack.append(name)
            var pushed = false
            defer { scopePushed.append(pushed) }
            switch name {
            case "module":
                let n = a["name"] ?? ""
                module = .init(name: n, originalName: a["origName"] ?? n, isTop: a["topModule"] == "1")
                scopes = []
            case "begin":
                if module != nil, functionDepth == 0, let n = a["name"], !n.isEmpty { scopes.append(n); pushed = true }
            case "func", "task":
                functionDepth += 1
            case "var":
                guard module != nil, functionDepth == 0, let n = a["name"], let t = a["dtype_id"] else { return }
                module?.variables.append(.init(scope: scopes, name: n, dtypeID: t, direction: a["dir"],
                                               isParameter: a["param"] == "true" || a["localparam"] == "true"))
            case "instance":
                guard module != nil, functionDepth == 0, let n = a["name"], let d = a["defName"] else { return }
                module?.instances.append(.init(scope: scopes, name: n, module: d))
            case "const":
                if parent == "range", stack.dropLast(2).last == "packarraydtype", let v = a["name"].flatMap(VerilatorXML.constantValue) {
                    array?.bounds.append(v)
                }
            case "memberdtype":
                if let s = a["sub_dtype_id"] { aggregate?.members.append(s) }
            default:
                guard name.hasSuffix("dtype"), let id = a["id"] else { return }
                type(name, id: id, a)
            }
        }

        private func type(_ name: String, id: String, _ a: [String: String]) {
            switch name {
            case "basicdtype":
                netlist.types[id] = .basic(name: a["name"] ?? "", left: a["left"].flatMap { Int($0) }, right: a["right"].flatMap { Int($0) })
            case "refdtype", "enumdtype", "constdtype", "paramtypedtype":
                netlist.types[id] = a["sub_dtype_id"].map { .alias(sub: $0) } ?? .unsupported(name)
            case "packarraydtype":
                array = (id, a["sub_dtype_id"] ?? "", [])
            case "unpackarraydtype":
                netlist.types[id] = .unpackedArray(sub: a["sub_dtype_id"] ?? "")
            case "structdtype", "uniondtype":
                aggregate = (id, name == "uniondtype", [])
            default:
                netlist.types[id] = .unsupported(name)
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            if scopePushed.removeLast() { scopes.removeLast() }
            switch name {
            case "module":
                if let module { netlist.modules.append(module) }
                module = nil
            case "func", "task":
                functionDepth -= 1
            case "packarraydtype":
                if let a = array {
                    netlist.types[a.id] = a.bounds.count == 2 ? .packedArray(sub: a.sub, count: abs(a.bounds[0] - a.bounds[1]) + 1)
                        : .unsupported("packarraydtype without a constant range")
                }
                array = nil
            case "structdtype", "uniondtype":
                if let g = aggregate { netlist.types[g.id] = .aggregate(members: g.members, union: g.union) }
                aggregate = nil
            default:
                break
            }
        }
    }
}
