/// External Verilog modules (black boxes): a vendor primitive, a RAM macro, a block written by
/// hand. Their ports and parameter names are declared in Swift; their Verilog lives in a file
/// of its own, which the simulators and synthesis read beside the emitted design.
///
///     let sync = try Module.external("sync_cell", parameters: ["WIDTH"]) { m in
///         m.input("clk"); m.input("d", width: 8); m.output("q", width: 8)
///     }
///     m.instance(sync, name: "u_sync", parameters: ["WIDTH": 8], bindings: ["clk": clk, "d": d, "q": q])
///
/// emits `sync_cell #(.WIDTH(8)) u_sync (.clk(clk), .d(d), .q(q));` and no `module sync_cell`.
/// Port widths are the Swift declaration's: give parameters that make the external module's
/// ports those widths (Verilator and Icarus report a mismatch when they read both files).

/// What the emitter and the checks know about an external module.
public struct ExternalInfo: Sendable, Equatable {
    /// Parameter names an instance may set.
    public var parameters: [String]
    /// For each output port, the input ports it depends on combinationally (for loop checks
    /// across instances); an output not listed depends on none (a registered output).
    public var combinationalPaths: [String: [String]]
}

extension Module {
    /// An external module named `name`: `ports` declares its inputs and outputs on a builder
    /// (no logic: a wire, register, memory, instance or driver there is an error); instances
    /// may set `parameters`; `combinationalPaths` lists, per output, the inputs it follows
    /// without a register (none by default).
    public static func external(_ name: String, parameters: [String] = [], combinationalPaths: [String: [String]] = [:],
                                fileID: String = #fileID, line: Int = #line,
                                ports: (ModuleBuilder) -> Void) throws -> Module {
        let b = ModuleBuilder(name, fileID: fileID, line: line)
        ports(b)
        return try b.buildExternal(parameters: parameters, combinationalPaths: combinationalPaths)
    }
}

extension ModuleBuilder {
    func buildExternal(parameters: [String], combinationalPaths: [String: [String]]) throws -> Module {
        var found = problems
        checkNames(into: &found)
        let at = location
        let logic = signals.filter { !$0.isPort }.map(\.swiftName) + memories.map(\.name) + instances.map(\.name)
        if !logic.isEmpty || !scopes.body.isEmpty {
            let what = logic.isEmpty ? "drivers" : logic.map { "`\($0)`" }.joined(separator: ", ")
            found.append(Problem(at, "external module `\(name)` declares \(what): an external module has ports only",
                                                  fix: "declare only m.input/m.output in its ports closure; its logic is in its own Verilog file"))
        }
        var seen = Set<String>()
        for p in parameters where !seen.insert(p).inserted || !Self.isIdentifier(p) {
            found.append(Problem(at, "external module `\(name)`: parameter name `\(p)` is repeated or not a Verilog identifier",
                                                  fix: "give each parameter once, as a Verilog identifier"))
        }
        let inputs = signals.indices.filter { signals[$0].kind == .input }
        let outputs = signals.indices.filter { signals[$0].kind == .output }
        let inputNames = Dictionary(uniqueKeysWithValues: inputs.map { (signals[$0].name, $0) })
        var paths: [[SignalID]] = []
        for o in outputs {
            let listed = combinationalPaths[signals[o].name] ?? []
            paths.append(listed.compactMap { inputNames[$0].map(SignalID.init) })
            for i in listed where inputNames[i] == nil {
                found.append(Problem(at, "external module `\(name)`: combinational path to `\(signals[o].name)` names `\(i)`, which is not an input",
                                                      fix: "name inputs: \(inputNames.keys.sorted().joined(separator: ", "))"))
            }
        }
        for key in combinationalPaths.keys.sorted() where !outputs.contains(where: { signals[$0].name == key }) {
            found.append(Problem(at, "external module `\(name)`: combinational path for `\(key)`, which is not an output",
                                                  fix: "key the paths by output port names"))
        }
        if !found.isEmpty { throw ElaborationError(module: name, problems: found) }
        return Module(name: name, location: location, signals: signals, exprs: exprs, memories: [], parameters: [],
                      statements: [], instances: [], processes: [], combinationalInputs: paths,
                      external: ExternalInfo(parameters: parameters, combinationalPaths: combinationalPaths))
    }

    /// A plain Verilog identifier: a letter or `_`, then letters, digits or `_` (ASCII).
    static func isIdentifier(_ s: String) -> Bool {
        let letter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" }
        guard let f = s.unicodeScalars.first, letter(f) else { return false }
        return s.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }
}
