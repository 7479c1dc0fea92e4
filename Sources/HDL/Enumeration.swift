/// Enumerations (`m.enumeration`): a named set of values, each a localparam, for state
/// machines and encoded fields. A signal declared with an enumeration (`m.reg("state",
/// State, ...)`, `m.wire("next", State)`) only takes that enumeration's values (or
/// expressions), and `m.switch` on it lists its values by name.

/// An enumeration of a module: `cases` encoded 0, 1, 2 ... in `width` bits, each value a
/// localparam `ENUM_CASE` (`State` / `idle` -> `STATE_IDLE`).
public struct EnumerationDecl: Sendable, Equatable {
    /// The enumeration's Swift name (`State`), the prefix of its localparams.
    public var name: String
    /// The case names, in encoding order (case i is value i).
    public var cases: [String]
    /// Bits of a value: ceil(log2(cases.count)), at least 1.
    public var width: Int
    /// Each case's localparam.
    public var parameters: [ParameterID]
    /// Where `m.enumeration` was called.
    public var location: SourceLocation
}

/// The values of an enumeration: `State.idle` (checked when the design is built) or
/// `State[.idle]` with a Swift enum whose raw values are the case names.
@dynamicMemberLookup
public struct Enumeration {
    let builder: ModuleBuilder
    let index: EnumerationID
    /// The enumeration's name (`State`).
    public var name: String { builder.enumerations[index].name }
    /// The case names, in encoding order.
    public var cases: [String] { builder.enumerations[index].cases }
    /// Bits of a value: ceil(log2(cases)), at least 1.
    public var width: Int { builder.enumerations[index].width }

    /// The value named `name` (`State.idle`): the localparam `STATE_IDLE`.
    public subscript(dynamicMember name: String) -> Signal { value(name) }

    /// The value of a Swift enum case whose raw value is a case name.
    public subscript<E: RawRepresentable>(_ c: E) -> Signal where E.RawValue == String { value(c.rawValue) }

    /// The value named `name`; an unknown name is an elaboration error.
    public func value(_ name: String, fileID: String = #fileID, line: Int = #line) -> Signal {
        let decl = builder.enumerations[index]
        guard let k = decl.cases.firstIndex(of: name) else {
            builder.report(SourceLocation(fileID: fileID, line: line),
                           "enumeration `\(decl.name)` (declared at \(decl.location)) has no value `\(name)`",
                           fix: "use one of: \(decl.cases.joined(separator: ", "))")
            return builder.make(.parameter(decl.parameters[0]), width: decl.width)
        }
        return builder.make(.parameter(decl.parameters[k]), width: decl.width)
    }
}

extension ModuleBuilder {
    /// An enumeration named `name` with `cases` (legal identifiers, each once), encoded
    /// 0, 1, 2 ... in declaration order. Each value is emitted as
    /// `localparam [W-1:0] NAME_CASE = W'dK;` (names upper snake case).
    public func enumeration(_ name: String, _ cases: [String], fileID: String = #fileID, line: Int = #line) -> Enumeration {
        let at = SourceLocation(fileID: fileID, line: line)
        var kept: [String] = []
        for c in cases {
            if kept.contains(c) {
                report(at, "enumeration `\(name)` lists `\(c)` twice", fix: "list each case once")
            } else {
                kept.append(c)
            }
        }
        if kept.isEmpty {
            report(at, "enumeration `\(name)` has no cases", fix: "list at least one case")
            kept = ["none"]
        }
        let width = Swift.max(1, bitsToIndex(kept.count))
        let prefix = Naming.snakeCase(name).uppercased()
        let index = EnumerationID(enumerations.count)
        var params: [ParameterID] = []
        for (k, c) in kept.enumerated() {
            let p = localparam("\(prefix)_\(Naming.snakeCase(c).uppercased())", k, width: width, fileID: fileID, line: line)
            if case .parameter(let i) = exprs[p.node].kind {
                parameters[i].enumeration = index
                params.append(i)
            }
        }
        enumerations.append(EnumerationDecl(name: name, cases: kept, width: width, parameters: params, location: at))
        return Enumeration(builder: self, index: index)
    }

    /// An enumeration with the cases of a Swift enum (its raw values, in declaration order).
    public func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type, name: String? = nil,
                                                                 fileID: String = #fileID, line: Int = #line) -> Enumeration
        where E.RawValue == String {
        enumeration(name ?? String(describing: type), type.allCases.map(\.rawValue), fileID: fileID, line: line)
    }

    /// A register holding values of `type`, reset (when `reset` is given) to `resetTo`.
    public func reg(_ name: String, _ type: Enumeration, clock: Signal, reset: Signal? = nil, resetKind: ResetKind = .syncHigh,
                    resetTo: Signal? = nil, fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        var value = 0
        if let resetTo {
            if checkEnumerationValue(resetTo, of: type.index, into: "the reset value of register `\(name)`", at) {
                if case .parameter(let k) = exprs[resetTo.node].kind {
                    value = Int(parameters[k].value)
                } else {
                    report(at, "the reset value of register `\(name)` must be a value of enumeration `\(type.name)`, not \(describe(resetTo.node))",
                           fix: "reset to one of: \(type.cases.map { "\(type.name).\($0)" }.joined(separator: ", "))")
                }
            }
        } else if reset != nil {
            report(at, "register `\(name)` of enumeration `\(type.name)` has a reset but no resetTo value",
                   fix: "add resetTo: \(type.name).\(type.cases[0])")
        }
        let s = reg(name, width: type.width, clock: clock, reset: reset, resetKind: resetKind, resetValue: value, fileID: fileID, line: line)
        signals[s.declIndex!].enumeration = type.index
        return s
    }

    /// A wire holding values of `type`.
    public func wire(_ name: String, _ type: Enumeration, fileID: String = #fileID, line: Int = #line) -> Signal {
        let s = wire(name, width: type.width, fileID: fileID, line: line)
        signals[s.declIndex!].enumeration = type.index
        return s
    }

    /// An output port holding values of `type`.
    public func output(_ name: String, _ type: Enumeration, fileID: String = #fileID, line: Int = #line) -> Signal {
        let s = output(name, width: type.width, fileID: fileID, line: line)
        signals[s.declIndex!].enumeration = type.index
        return s
    }

    /// The enumeration `value` belongs to, when it is one of its values or a signal declared with it.
    func enumerationOf(_ value: Signal) -> EnumerationID? {
        switch exprs[value.node].kind {
        case .parameter(let k): return parameters[k].enumeration
        case .signal(let d): return signals[d].enumeration
        default: return nil
        }
    }

    /// Whether `value` may go where values of enumeration `e` are expected (`what`):
    /// a value or signal of `e`, or an expression; not a plain constant or another
    /// enumeration's value. Reports the problem otherwise.
    func checkEnumerationValue(_ value: Signal, of e: EnumerationID, into what: String, _ at: SourceLocation?) -> Bool {
        let decl = enumerations[e]
        let names = decl.cases.map { "\(decl.name).\($0)" }.joined(separator: ", ")
        if let other = enumerationOf(value) {
            if other == e { return true }
            report(at, "\(what) holds enumeration `\(decl.name)`, but \(describe(value.node)) is of enumeration `\(enumerations[other].name)`",
                   fix: "use one of: \(names)")
            return false
        }
        if case .constant(let v) = exprs[value.node].kind {
            report(at, "\(what) holds enumeration `\(decl.name)`, but is given the plain constant \(v)", fix: "use one of: \(names)")
            return false
        }
        return true
    }
}

extension SwitchScope {
    /// An arm taken when the selector equals one of `values`: named constants
    /// (enumeration values, localparams), written by name in the `case` labels.
    public func `is`(_ values: Signal..., fileID: String = #fileID, line: Int = #line, _ body: () throws -> Void) rethrows {
        let at = SourceLocation(fileID: fileID, line: line)
        var ints: [Int] = [], labels: [ExprID] = []
        for v in values {
            guard builder.owns(v, at) else { continue }
            let e = builder.enumerationOf(selector)
            if let e, !builder.checkEnumerationValue(v, of: e, into: "the switch on \(builder.describe(selector.node))", at) { continue }
            switch builder.exprs[v.node].kind {
            case .parameter(let k) where v.width == selector.width:
                ints.append(Int(builder.parameters[k].value)); labels.append(v.node)
            case .constant(let c) where v.width == selector.width:
                ints.append(Int(c)); labels.append(v.node)
            default:
                builder.report(at, "switch arm \(builder.describe(v.node)) must be a constant (an enumeration value or localparam) of the selector's \(selector.width) bits",
                               fix: "compare with m.when(sel .== value) for a non-constant, or use a value of the selector's width")
            }
        }
        if ints.isEmpty && !values.isEmpty {   // every value refused (reported): record nothing
            _ = try builder.scoped(at, body)
            return
        }
        let before = cases.count
        namedArm = true
        defer { namedArm = false }
        try `is`(ints, fileID: fileID, line: line, body)
        if cases.count > before, cases[before].values.count == labels.count { cases[before].labels = labels }
    }
}
