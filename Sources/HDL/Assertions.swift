/// Assertions, assumptions and cover points (`m.assert`, `m.assume`, `m.cover`): a
/// condition checked on every rising edge of a clock, except while `disableIf` is 1.
/// The emitter writes them for formal tools (SystemVerilog immediate assertions under
/// `` `ifdef FORMAL ``, what `yosys read_verilog -formal` reads) and for simulation
/// (`$fatal` / `$display` under `` `ifndef SYNTHESIS ``), so plain synthesis ignores them.

/// One property of a module.
public struct PropertyDecl: Sendable, Equatable {
    /// An assertion (must hold), an assumption (constrains formal inputs) or a cover point (should be reachable).
    public enum Kind: String, Sendable {
        /// Must hold: simulation stops with `$fatal`, formal tools prove it.
        case assert
        /// Constrains the inputs of a formal proof; simulation checks it like an assertion.
        case assume
        /// Should be reachable: formal tools look for a run that makes it 1; simulation prints when it is.
        case cover
    }
    /// Whether the property is asserted, assumed or covered.
    public var kind: Kind
    /// The 1-bit condition.
    public var condition: ExprID
    /// Text shown when an assertion fails in simulation (`$fatal`) and written after the `assert` in the Verilog.
    public var message: String
    /// The clock.
    public var clock: SignalID
    /// The 1-bit disable condition, or nil.
    public var disable: ExprID?
    /// Where `m.assert`/`m.assume`/`m.cover` was called.
    public var location: SourceLocation
}

extension ModuleBuilder {
    /// `condition` holds on every rising edge of `clock` (unless `disableIf` is 1).
    /// Simulation stops with `$fatal` and `message`; formal tools prove it.
    public func assert(_ condition: Signal, _ message: String, clock: Signal, disableIf: Signal? = nil,
                       fileID: String = #fileID, line: Int = #line) {
        property(.assert, condition, message, clock, disableIf, SourceLocation(fileID: fileID, line: line))
    }

    /// An assumption about the inputs: formal tools only consider traces where it holds;
    /// simulation stops with `$fatal` when the stimulus breaks it.
    public func assume(_ condition: Signal, _ message: String, clock: Signal, disableIf: Signal? = nil,
                       fileID: String = #fileID, line: Int = #line) {
        property(.assume, condition, message, clock, disableIf, SourceLocation(fileID: fileID, line: line))
    }

    /// A state worth reaching: formal tools find a trace to it; simulation prints
    /// `message` each cycle it is reached.
    public func cover(_ condition: Signal, _ message: String, clock: Signal, disableIf: Signal? = nil,
                      fileID: String = #fileID, line: Int = #line) {
        property(.cover, condition, message, clock, disableIf, SourceLocation(fileID: fileID, line: line))
    }

    func property(_ kind: PropertyDecl.Kind, _ condition: Signal, _ message: String, _ clock: Signal, _ disable: Signal?,
                  _ at: SourceLocation) {
        guard owns(condition, at), owns(clock, at) else { return }
        if let inside = scopes.innermost {
            report(at, "m.\(kind.rawValue) inside a when/switch (at \(inside)): properties are checked every cycle",
                   fix: "write it at the module's top level with the condition as an implication: !c || cond")
            return
        }
        if condition.width != 1 {
            report(at, "the condition \(describe(condition.node)) of m.\(kind.rawValue) is \(condition.width) bits", fix: "use a 1-bit condition")
            return
        }
        guard let c = clock.declIndex, clock.width == 1 else {
            report(at, "the clock of m.\(kind.rawValue) must be a 1-bit declared signal", fix: "pass the clock input itself, e.g. clock: clk")
            return
        }
        var disableNode: ExprID?
        if let disable, owns(disable, at) {
            if disable.width != 1 { report(at, "disableIf \(describe(disable.node)) is \(disable.width) bits", fix: "use a 1-bit condition"); return }
            disableNode = disable.node
        }
        properties.append(PropertyDecl(kind: kind, condition: condition.node, message: message, clock: c, disable: disableNode, location: at))
    }
}
