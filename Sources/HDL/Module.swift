/// An elaborated, checked, immutable hardware module: the result of `ModuleBuilder.build()`
/// and the input of `VerilogEmitter.emit`.
public final class Module: Sendable, Equatable {
    /// The Verilog module name.
    public let name: String
    /// Where the module's builder was created in Swift.
    public let location: SourceLocation
    /// Every declared signal; ports are listed in `ports` in declaration order.
    public let signals: [SignalDecl]
    /// Expression nodes (operands before users).
    public let exprs: [ExprNode]
    /// Memories and register arrays, in declaration order.
    public let memories: [MemoryDecl]
    /// Named constants (`localparam`s), in declaration order.
    public let parameters: [ParameterDecl]
    /// The module body as recorded (every sink's drivers under their conditions), before
    /// it is split per sink into `processes`: the emitter groups registers from it.
    public let statements: [Statement]
    /// Sub-module instances, in declaration order.
    public let instances: [InstanceDecl]
    /// Enumerations (`m.enumeration`): their values are localparams in `parameters`.
    public let enumerations: [EnumerationDecl]
    /// Assertions, assumptions and cover points (`m.assert`, `m.assume`, `m.cover`).
    public let properties: [PropertyDecl]
    /// One process per driven sink (wire, output, register, memory), in declaration order.
    public let processes: [SinkLogic]
    /// For each output port (in `outputPorts` order), the input ports it depends on
    /// combinationally (used for loop checks across instances).
    public let combinationalInputs: [[SignalID]]
    /// An external module (`Module.external`): ports and parameter names only; its Verilog is
    /// written elsewhere and the emitter writes instances of it, never its body.
    public let external: ExternalInfo?

    init(name: String, location: SourceLocation, signals: [SignalDecl], exprs: [ExprNode], memories: [MemoryDecl],
         parameters: [ParameterDecl], statements: [Statement],
         instances: [InstanceDecl], processes: [SinkLogic], combinationalInputs: [[SignalID]],
         enumerations: [EnumerationDecl] = [], properties: [PropertyDecl] = [], external: ExternalInfo? = nil) {
        self.external = external
        self.enumerations = enumerations
        self.properties = properties
        self.parameters = parameters
        self.statements = statements
        self.name = name
        self.location = location
        self.signals = signals
        self.exprs = exprs
        self.memories = memories
        self.instances = instances
        self.processes = processes
        self.combinationalInputs = combinationalInputs
    }

    /// The ports, in declaration order.
    public var ports: [SignalID] { signals.ids.filter { signals[$0].isPort } }
    /// The input ports, in declaration order.
    public var inputPorts: [SignalID] { signals.ids.filter { signals[$0].kind == .input } }
    /// The output ports, in declaration order.
    public var outputPorts: [SignalID] { signals.ids.filter { signals[$0].kind == .output } }

    /// The same module with the signals in `names` (signal -> new Verilog name) renamed: how the
    /// emitter writes a register under the name of the output port it drives (`output reg`).
    public func renamingSignals(_ names: [SignalID: String]) -> Module {
        var renamed = signals
        for (d, name) in names { renamed[d].name = name }
        return Module(name: name, location: location, signals: renamed, exprs: exprs, memories: memories,
                      parameters: parameters, statements: statements, instances: instances, processes: processes,
                      combinationalInputs: combinationalInputs, enumerations: enumerations, properties: properties,
                      external: external)
    }

    /// Structural equality: same name, signals, expressions, memories, parameters, instances and processes (or the same object).
    public static func == (a: Module, b: Module) -> Bool {
        a === b || (a.name == b.name && a.signals == b.signals && a.exprs == b.exprs && a.memories == b.memories && a.parameters == b.parameters
            && a.instances == b.instances && a.processes == b.processes)
    }
}

/// The logic driving one sink, lowered from the recorded statements: only the
/// statements that drive this sink, with the conditions that lead to them.
/// (Not named `Process`, which would clash with Foundation's in files importing both.)
public struct SinkLogic: Sendable, Equatable {
    /// What a process drives.
    public enum Kind: Sendable, Equatable {
        /// A wire or output: `assign` or `always @*`.
        case combinational(SignalID)
        /// A register: `always @(posedge clock)`.
        case register(SignalID)
        /// A memory's write ports.
        case memory(MemoryID)
    }
    /// The sink the process drives.
    public var kind: Kind
    /// The sink's statements only, with the conditions that lead to them.
    public var body: [Statement]

    /// The value when the body is one unconditional assignment (emitted as `assign`).
    public var singleAssignment: ExprID? {
        if body.count == 1, case .assign(_, let v, _) = body[0] { return v }
        return nil
    }
}
