/// Named constants (`m.localparam`) and named expressions (`expr.named`): the two ways a
/// design gives a value a name that the emitted Verilog keeps.

/// A named constant of a module, emitted as `localparam [W-1:0] NAME = value;` and
/// referenced by name wherever it is used.
public struct ParameterDecl: Sendable, Equatable {
    /// The Verilog name, exactly as given (conventionally UPPER_SNAKE_CASE).
    public var name: String
    /// The value (fits in `width` bits).
    public var value: UInt64
    /// Width in bits.
    public var width: Int
    /// Where `m.localparam` (or the enumeration) was declared.
    public var location: SourceLocation
    /// The enumeration (of the module's enumerations) this constant is a value of.
    public var enumeration: EnumerationID? = nil
}

extension ModuleBuilder {
    /// A named constant of `width` bits: `localparam [width-1:0] name = value;` in Verilog,
    /// used by name. Declaring the same name again with the same value and width returns
    /// the same constant (so a helper may declare what it uses); a different value or
    /// width is an elaboration error.
    public func localparam(_ name: String, _ value: Int, width: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        let constant = literal(value, width: width, at, context: "localparam `\(name)`")
        guard case .constant(let v) = exprs[constant.node].kind, value >= 0 else { return constant }
        return localparam(name, UInt64(v), width: width, fileID: fileID, line: line)
    }

    /// A named constant given as an unsigned 64-bit value (for values above `Int.max`).
    public func localparam(_ name: String, _ value: UInt64, width: Int, fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        let w = Swift.max(width, 1)
        if width < 1 || (w < 64 && value >> UInt64(w) != 0) {
            report(at, "localparam `\(name)` = \(value) does not fit in \(width) bits", fix: "widen it or use a smaller value")
            return make(.constant(w < 64 ? value & ((1 << UInt64(w)) - 1) : value), width: w)
        }
        let constant = make(.constant(value), width: w)
        let v = value
        if let k = parameters.firstIndex(where: { $0.name == name }) {
            let p = parameters[k]
            if p.value != v || p.width != constant.width {
                report(at, "localparam `\(name)` is declared again as \(constant.width)'d\(v), but it is \(p.width)'d\(p.value) (declared at \(p.location))",
                       fix: "use another name, or the same value and width")
                return constant
            }
            return make(.parameter(ParameterID(k)), width: p.width)
        }
        parameters.append(ParameterDecl(name: name, value: v, width: constant.width, location: at))
        return make(.parameter(ParameterID(parameters.count - 1)), width: constant.width)
    }
}

extension Signal {
    /// This value under a name: declares wire `name` (snake_cased like every wire), drives
    /// it with `self` and returns the wire. The cheap way to make an intermediate value
    /// readable in the emitted Verilog and in waveforms. The wire is driven unconditionally
    /// (`assign`), also when `named` is called inside a `when` or `switch`: it names a value,
    /// it does not add a driver under the enclosing conditions.
    public func named(_ name: String, fileID: String = #fileID, line: Int = #line) -> Signal {
        let w = builder.wire(name, width: width, fileID: fileID, line: line)
        let at = SourceLocation(fileID: fileID, line: line)
        builder.unconditionally { builder.assign(w, self, at) }
        return w
    }
}
