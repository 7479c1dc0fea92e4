/// Records one hardware module: its ports, wires, registers, memories, instances and
/// the drivers of each, under conditional scopes. `build()` checks the design and
/// returns an immutable `Module`.
///
/// Storage is flat (arrays of nodes referring to each other by index) so designs of
/// tens of thousands of nodes elaborate quickly.
public final class ModuleBuilder {
    /// The Verilog module name (checked by `build()`: legal, not reserved).
    public let name: String
    let location: SourceLocation
    var signals: [SignalDecl] = []
    /// Expression node of each declared signal (same index as `signals`).
    var signalNodes: [ExprID] = []
    var exprs: [ExprNode] = []
    /// Node -> index, for hash-consing in `make`.
    var nodeIndex: [ExprNode: ExprID] = [:]
    var memories: [MemoryDecl] = []
    /// Named constants (`localparam`), in declaration order.
    var parameters: [ParameterDecl] = []
    var instances: [InstanceDecl] = []
    /// Enumerations (`m.enumeration`), in declaration order.
    var enumerations: [EnumerationDecl] = []
    /// Assertions, assumptions and cover points, in declaration order.
    var properties: [PropertyDecl] = []
    /// The recorded statements under the open `when`/`switch` scopes (`Scopes.swift`).
    var scopes = ScopeStack()
    var problems: [Problem] = []
    /// Sinks whose driver was refused (e.g. width mismatch): not reported again as undriven.
    var refusedSinks = Set<SignalID>()

    /// A builder for a module named `name` (a legal Verilog identifier, not a reserved word).
    public init(_ name: String, fileID: String = #fileID, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID: fileID, line: line)
        exprs.reserveCapacity(256)
    }

    // MARK: declarations

    /// An input port (`width` bits, 1 by default). Ports keep their exact name in Verilog.
    public func input(_ name: String, width: Int = 1, fileID: String = #fileID, line: Int = #line) -> Signal {
        declare(name, verilogName: name, width: width, kind: .input, SourceLocation(fileID: fileID, line: line))
    }

    /// An output port: a combinational sink that must be driven on every path.
    public func output(_ name: String, width: Int = 1, fileID: String = #fileID, line: Int = #line) -> Signal {
        declare(name, verilogName: name, width: width, kind: .output, SourceLocation(fileID: fileID, line: line))
    }

    /// A combinational wire: must be driven on every path (or it is a latch).
    public func wire(_ name: String, width: Int = 1, fileID: String = #fileID, line: Int = #line) -> Signal {
        declare(name, verilogName: Naming.snakeCase(name), width: width, kind: .wire, SourceLocation(fileID: fileID, line: line))
    }

    /// A register clocked on the rising edge of `clock`, with an optional synchronous
    /// active-high `reset` to `resetValue` and an optional `enable` (loads only when 1;
    /// reset wins). It keeps its value on paths that don't assign it.
    /// `resetKind` makes the reset asynchronous and/or active low (see `ResetKind`); an
    /// asynchronous reset must be a 1-bit declared signal (it is in the sensitivity list).
    public func reg(_ name: String, width: Int = 1, clock: Signal, reset: Signal? = nil, resetKind: ResetKind = .syncHigh,
                    resetValue: Int = 0, enable: Signal? = nil, fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        var info = registerInfo(name, width: width, clock: clock, reset: reset, resetValue: resetValue, enable: enable, at)
        info.resetKind = resetKind
        if resetKind != .syncHigh && reset == nil {
            report(at, "register `\(name)` has resetKind \(resetKind) but no reset", fix: "pass reset: the reset signal, or drop resetKind")
        }
        if resetKind.isAsync, let reset, reset.declIndex == nil || reset.declIndex == info.clock {
            report(at, "the asynchronous reset of register `\(name)` is \(describe(reset.node)); it must be a declared 1-bit signal other than the clock (it goes in the sensitivity list)",
                   fix: "pass the reset input itself, or compute the reset into a register and use that")
        }
        return declare(name, verilogName: Naming.snakeCase(name), width: width, kind: .register(info), at)
    }

    /// A constant (`value` must fit in `width` bits).
    public func const(_ value: Int, width: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        if width < 1 { report(at, "a constant of width \(width)", fix: "use a width of at least 1") }
        return literal(value, width: width, at, context: "m.const(width: \(width))")
    }

    // MARK: internals

    func declare(_ swiftName: String, verilogName: String, width: Int, kind: SignalKind, _ at: SourceLocation) -> Signal {
        var w = width
        if w < 1 {
            report(at, "`\(swiftName)` is declared with width \(width)", fix: "use a width of at least 1")
            w = 1
        }
        signals.append(SignalDecl(name: verilogName, swiftName: swiftName, width: w, kind: kind, location: at))
        let s = make(.signal(SignalID(signals.count - 1)), width: w)
        signalNodes.append(s.node)
        return s
    }

    func registerInfo(_ name: String, width: Int, clock: Signal, reset: Signal?, resetValue: Int, enable: Signal?,
                      _ at: SourceLocation) -> RegisterInfo {
        var clockID = SignalID(0)
        if owns(clock, at), let d = clock.declIndex, clock.width == 1 {
            clockID = d
        } else {
            report(at, "the clock of register `\(name)` must be a 1-bit declared signal (an input or wire)",
                   fix: "pass the clock input itself, e.g. clock: clk")
        }
        var resetNode: ExprID?
        if let reset, owns(reset, at) {
            if reset.width != 1 { report(at, "the reset of register `\(name)` is \(reset.width) bits", fix: "use a 1-bit reset") }
            resetNode = reset.node
        }
        var enableNode: ExprID?
        if let enable, owns(enable, at) {
            if enable.width != 1 { report(at, "the enable of register `\(name)` is \(enable.width) bits", fix: "use a 1-bit enable") }
            enableNode = enable.node
        }
        var value: UInt64 = 0
        if resetValue < 0 || (width < 64 && width >= 1 && resetValue >= (1 << width)) {
            report(at, "the reset value \(resetValue) does not fit in the \(width)-bit register `\(name)`",
                   fix: "use a value from 0 to \(width < 63 ? String((1 << Swift.max(width, 1)) - 1) : "2^\(width)-1")")
        } else {
            value = UInt64(resetValue)
        }
        return RegisterInfo(clock: clockID, reset: resetNode, resetValue: value, enable: enableNode)
    }

    /// Records `sink <== value` in the current scope, checking the sink and the widths.
    func assign(_ sink: Signal, _ value: Signal, _ at: SourceLocation?) {
        guard owns(sink, at), owns(value, at) else { return }
        guard let d = sink.declIndex else {
            if case .memoryRead(let k, let a) = exprs[sink.node].kind, assignElement(k, address: a, value, at) { return }
            report(at ?? scopes.innermost, "cannot drive the expression \(describe(sink.node))\(declaredAt([sink.node]))",
                   fix: "drive a declared wire, output or register")
            return
        }
        let decl = signals[d]
        if decl.isDrivenExternally {
            report(at ?? decl.location, "cannot drive the \(decl.noun) `\(decl.swiftName)`\(at == nil ? "" : " (declared at \(decl.location))")",
                   fix: "drive a wire, output or register instead")
            return
        }
        if value.width != decl.width {
            refusedSinks.insert(d)
            let scope = scopes.innermost.map { ", inside the when/switch at \($0)" } ?? ""
            report(at ?? decl.location,
                   "cannot assign a \(value.width)-bit value \(describe(value.node)) to \(decl.width)-bit \(decl.noun) `\(decl.swiftName)`"
                   + (at == nil ? " (declared here\(scope))" : " (declared at \(decl.location))"),
                   fix: value.width > decl.width ? "truncate the value (.truncated(to: \(decl.width))) or widen the \(decl.noun)"
                                                : "zero-extend the value (.zeroExtended(to: \(decl.width))) or narrow the \(decl.noun)")
            return
        }
        if let e = decl.enumeration, !checkEnumerationValue(value, of: e, into: "\(decl.noun) `\(decl.swiftName)`", at ?? decl.location) {
            refusedSinks.insert(d)
            return
        }
        record(.assign(sink: d, value: value.node, at: at))
    }
}
