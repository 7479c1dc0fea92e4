/// Sub-module instances: `m.instance(child, name:, bindings:)`.
///
/// A binding names a port of the child. Inputs take any expression of the port's width.
/// An output may be bound to a wire or output of this module, which the instance then
/// drives; unbound outputs get a wire named `<instance>_<port>`. `inst.output("y")`
/// gives the signal carrying an output either way.
public struct Instance {
    let builder: ModuleBuilder
    let index: InstanceID

    /// The instance name.
    public var name: String { builder.instances[index].name }

    /// The signal carrying the child's output `port`.
    public func output(_ port: String, fileID: String = #fileID, line: Int = #line) -> Signal {
        let inst = builder.instances[index]
        if let b = inst.outputs.first(where: { $0.port == port }) {
            return Signal(width: builder.signals[b.sink].width, node: builder.signalNodes[b.sink.index], builder: builder)
        }
        let outs = inst.module.outputPorts.map { "`\(inst.module.signals[$0].name)`" }.joined(separator: ", ")
        builder.report(SourceLocation(fileID: fileID, line: line), "module `\(inst.module.name)` (instance `\(inst.name)`) has no output `\(port)`",
                       fix: "use one of its outputs: \(outs.isEmpty ? "(none)" : outs)")
        return builder.make(.constant(0), width: 1)
    }
}

extension ModuleBuilder {
    /// Instantiates `module` as `name`, connecting ports by name (see `Instance`).
    /// Every input must be bound; bindings are checked for width and existence.
    /// `parameters` set an external module's parameters (`Module.external`), by name.
    @discardableResult
    public func instance(_ module: Module, name: String, parameters: [String: UInt64] = [:], bindings: [String: Signal],
                         fileID: String = #fileID, line: Int = #line) -> Instance {
        let at = SourceLocation(fileID: fileID, line: line)
        let index = InstanceID(instances.count)
        if !parameters.isEmpty {
            if let ext = module.external {
                for key in parameters.keys.sorted() where !ext.parameters.contains(key) {
                    report(at, "instance `\(name)`: external module `\(module.name)` has no parameter `\(key)`",
                           fix: ext.parameters.isEmpty ? "declare it: Module.external(\"\(module.name)\", parameters: [\"\(key)\"])"
                                                       : "use one of: \(ext.parameters.joined(separator: ", "))")
                }
            } else {
                report(at, "instance `\(name)`: `\(module.name)` is described in Swift and has no parameters to set",
                       fix: "build the module with the values you want (a Swift function of them), or declare it with Module.external")
            }
        }
        var inputs: [PortBinding] = [], outputs: [OutputBinding] = []
        for p in module.inputPorts {
            let port = module.signals[p]
            guard let s = bindings[port.name] else {
                report(at, "instance `\(name)` of `\(module.name)` leaves input `\(port.name)` unbound", fix: "bind it: bindings: [\"\(port.name)\": ...]")
                continue
            }
            guard owns(s, at) else { continue }
            if s.width != port.width {
                report(at, "instance `\(name)`: input `\(port.name)` is \(port.width) bits but is bound to the \(s.width)-bit \(describe(s.node))",
                       fix: "bind a \(port.width)-bit value (.zeroExtended(to:) / .truncated(to:))")
                continue
            }
            inputs.append(PortBinding(port: port.name, value: s.node))
        }
        var pending: [(String, Int)] = []
        for p in module.outputPorts {
            let port = module.signals[p]
            if let s = bindings[port.name], owns(s, at) {
                if let d = s.declIndex, !signals[d].isDrivenExternally, !signals[d].isRegister, s.width == port.width {
                    outputs.append(OutputBinding(port: port.name, sink: d))
                } else {
                    report(at, "instance `\(name)`: output `\(port.name)` (\(port.width) bits) must be bound to a \(port.width)-bit wire or output, not \(describe(s.node)) (\(s.width) bits)",
                           fix: "bind a wire of that width, or leave it unbound and read inst.output(\"\(port.name)\")")
                }
            } else {
                pending.append((port.name, port.width))
            }
        }
        let known = Set(module.inputPorts.map { module.signals[$0].name } + module.outputPorts.map { module.signals[$0].name })
        for key in bindings.keys.sorted() where !known.contains(key) {
            report(at, "module `\(module.name)` has no port `\(key)` (instance `\(name)`)",
                   fix: "use one of: \(known.sorted().joined(separator: ", "))")
        }
        instances.append(InstanceDecl(name: name, module: module, inputs: inputs, outputs: [], location: at,
                                      parameters: parameters.keys.sorted().map { ParameterValue(name: $0, value: parameters[$0]!) }))
        for (port, width) in pending {
            let s = declare("\(name).\(port)", verilogName: "\(name)_\(port)", width: width,
                            kind: .instanceOutput(instance: index, port: port), at)
            outputs.append(OutputBinding(port: port, sink: s.declIndex!))
        }
        let order = module.outputPorts.map { module.signals[$0].name }
        outputs.sort { order.firstIndex(of: $0.port)! < order.firstIndex(of: $1.port)! }
        instances[index].outputs = outputs
        return Instance(builder: self, index: index)
    }
}
