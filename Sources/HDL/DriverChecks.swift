/// Whole-module checks run by `build()`: drivers (undriven, two drivers) and latches.
/// Combinational loops are in LoopCheck.swift.
struct DesignChecker {
    let builder: ModuleBuilder
    let processes: [SinkLogic]

    var signals: [SignalDecl] { builder.signals }

    /// Sinks driven by an instance output binding: signal -> instance.
    var instanceDriven: [SignalID: InstanceID] {
        var out: [SignalID: InstanceID] = [:]
        for (i, inst) in builder.instances.enumerated() { for b in inst.outputs { out[b.sink] = InstanceID(i) } }
        return out
    }

    func checkDrivers(topLevel: [Statement], into found: inout [Problem]) {
        var driven = Set<SignalID>(), assignedRegisters = Set<SignalID>()
        for p in processes {
            if case .combinational(let d) = p.kind { driven.insert(d) }
            if case .register(let d) = p.kind { assignedRegisters.insert(d) }
        }
        let byInstance = instanceDriven
        for (d, s) in zip(signals.ids, signals) {
            switch s.kind {
            case .wire, .output:
                if let i = byInstance[d] {
                    let inst = builder.instances[i]
                    if case .instanceOutput = s.kind {} else if driven.contains(d) {
                        found.append(Problem(s.location, "\(s.noun) `\(s.swiftName)` has two drivers: `<==` and the output of instance `\(inst.name)` (\(inst.location))",
                                             fix: "drive it from one place: remove the <== or bind the instance output to another wire"))
                    }
                } else if !driven.contains(d) && !builder.refusedSinks.contains(d) {
                    found.append(Problem(s.location, "\(s.noun) `\(s.swiftName)` is never driven",
                                         fix: "drive it with `\(s.swiftName) <== value` (or remove it)"))
                }
            case .register(let info):
                if info.reset == nil && !builder.refusedSinks.contains(d) && !assignedRegisters.contains(d) {
                    found.append(Problem(s.location, "register `\(s.swiftName)` is never assigned and has no reset, so nothing drives it",
                                         fix: "assign it (`\(s.swiftName) <== value`), give it a reset, or remove it"))
                }
            default: break
            }
        }
        // Two unconditional drivers of one sink at the module's top level.
        var first: [SignalID: (at: SourceLocation?, value: ExprID)] = [:]
        var reported = Set<SignalID>()
        for s in topLevel {
            guard case .assign(let sink, let value, let at) = s else { continue }
            if let prior = first[sink] {
                if reported.insert(sink).inserted {
                    let decl = signals[sink]
                    func place(_ a: SourceLocation?, _ v: ExprID) -> String {
                        "\(builder.describe(v))" + (a.map { " at \($0)" } ?? " by `<==`")
                    }
                    let places = place(prior.at, prior.value) + " and " + place(at, value)
                    found.append(Problem(at ?? decl.location,
                                         "\(decl.noun) `\(decl.swiftName)` (declared at \(decl.location)) has two unconditional drivers: \(places)",
                                         fix: "keep one driver, or put the later one under m.when to override a default"))
                }
            } else {
                first[sink] = (at, value)
            }
        }
    }

    /// A reset signal is either asynchronous or synchronous for all its registers (tools
    /// warn otherwise: Verilator's SYNCASYNCNET).
    func checkResetUse(into found: inout [Problem]) {
        var first: [SignalID: SignalDecl] = [:]
        for s in signals {
            guard case .register(let info) = s.kind, let r = info.reset, case .signal(let d) = builder.exprs[r].kind else { continue }
            guard let prior = first[d], case .register(let p) = prior.kind else { first[d] = s; continue }
            if p.resetKind.isAsync != info.resetKind.isAsync {
                func kind(_ k: ResetKind) -> String { k.isAsync ? "asynchronous" : "synchronous" }
                found.append(Problem(s.location, "`\(signals[d].swiftName)` is the \(kind(info.resetKind)) reset of register `\(s.swiftName)` but the \(kind(p.resetKind)) reset of register `\(prior.swiftName)` (declared at \(prior.location))",
                                     fix: "use one kind of reset per reset signal (synchronise a copy for the other registers)"))
            }
        }
    }

    func checkLatches(into found: inout [Problem]) {
        for p in processes {
            guard case .combinational(let d) = p.kind else { continue }
            if let gap = gap(in: p.body) {
                let s = signals[d]
                found.append(Problem(gap.at, "\(s.noun) `\(s.swiftName)` (declared at \(s.location)) is not assigned on every path: \(gap.why), which would infer a latch",
                                     fix: "assign a default first (`\(s.swiftName) <== 0` before the conditional) or add the missing arm"))
            }
        }
    }

    /// Where a list of statements fails to assign its sink on some path (nil when it always does).
    private func gap(in list: [Statement]) -> (at: SourceLocation, why: String)? {
        if list.contains(where: covers) { return nil }
        for s in list {
            switch s {
            case .when(let branches, let otherwise, let at):
                guard let otherwise else { return (at, "the when at \(at) has no otherwise") }
                for b in branches { if let g = gap(in: b.body) { return g } }
                if let g = gap(in: otherwise) { return g }
            case .switchOn(let sel, let cases, let def, let at):
                if def == nil && !isFull(sel, cases) { return (at, "the switch at \(at) has no default and does not list every value") }
                for c in cases { if let g = gap(in: c.body) { return g } }
                if let def, let g = gap(in: def) { return g }
            default: break
            }
        }
        return (builder.location, "it has no unconditional driver")
    }

    private func covers(_ s: Statement) -> Bool {
        switch s {
        case .assign: return true
        case .memoryWrite: return false
        case .when(let branches, let otherwise, _):
            guard let otherwise else { return false }
            return branches.allSatisfy { $0.body.contains(where: covers) } && otherwise.contains(where: covers)
        case .switchOn(let sel, let cases, let def, _):
            if let def { if !def.contains(where: covers) { return false } } else if !isFull(sel, cases) { return false }
            return cases.allSatisfy { $0.body.contains(where: covers) }
        }
    }

    func isFull(_ selector: ExprID, _ cases: [SwitchCase]) -> Bool {
        let w = builder.exprs[selector].width
        return w < 20 && cases.reduce(0) { $0 + $1.values.count } == (1 << w)
    }
}
