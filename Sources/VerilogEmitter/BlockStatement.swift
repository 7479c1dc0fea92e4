import HDL

/// A statement as the emitter writes it inside an `always` block: an HDL `Statement`, or
/// the definition of a named subexpression computed inside a clocked block
/// (`BlockPlacement`), which HDL has no statement for. An HDL tree converts one to one
/// (`init(_:)`). Arms and cases have the fields of HDL's `Branch` and `SwitchCase`.
indirect enum BlockStatement {
    /// What an assignment sets: a declared signal, or the block-local variable of a named
    /// subexpression (`Analysis.temp`).
    enum Target: Hashable {
        case signal(SignalID)
        case local(ExprID)
    }

    /// One `if`/`else if` arm.
    struct Arm {
        var condition: ExprID
        var body: [BlockStatement]
        var location: SourceLocation
    }

    /// One `case` arm.
    struct Case {
        var values: [UInt64]
        var body: [BlockStatement]
        var location: SourceLocation
        var labels: [ExprID]?
    }

    /// `sink = value` / `sink <= value`.
    case assign(sink: Target, value: ExprID, at: SourceLocation?)
    /// `mem[address] <= data`.
    case memoryWrite(memory: MemoryID, address: ExprID, data: ExprID, at: SourceLocation)
    /// `if` / `else if` / `else`.
    case when([Arm], otherwise: [BlockStatement]?, at: SourceLocation)
    /// `case`.
    case switchOn(selector: ExprID, cases: [Case], default: [BlockStatement]?, at: SourceLocation)

    /// The HDL statement `s`, nested bodies included.
    init(_ s: Statement) {
        switch s {
        case .assign(let sink, let value, let at):
            self = .assign(sink: .signal(sink), value: value, at: at)
        case .memoryWrite(let k, let a, let d, let at):
            self = .memoryWrite(memory: k, address: a, data: d, at: at)
        case .when(let branches, let otherwise, let at):
            self = .when(branches.map { Arm(condition: $0.condition, body: Self.list($0.body), location: $0.location) },
                         otherwise: otherwise.map(Self.list), at: at)
        case .switchOn(let sel, let cases, let def, let at):
            self = .switchOn(selector: sel,
                             cases: cases.map { Case(values: $0.values, body: Self.list($0.body), location: $0.location, labels: $0.labels) },
                             default: def.map(Self.list), at: at)
        }
    }

    /// The HDL statements `list`, converted.
    static func list(_ list: [Statement]) -> [BlockStatement] { list.map(BlockStatement.init) }
}
