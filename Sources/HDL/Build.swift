/// `build()`: lowers the recorded statements into one process per sink, runs every
/// elaboration check, and returns the immutable `Module` or throws all problems at once.
extension ModuleBuilder {
    /// Checks the design and returns it. Throws `ElaborationError` listing every problem
    /// (width, undriven, two drivers, combinational loop, latch, names), each with the
    /// `File.swift:LINE` of the constructs involved and a fix.
    public func build() throws -> Module {
        if scopes.isInsideConditional {
            report(scopes.innermost, "build() called inside a when/switch", fix: "call build() after the module is described")
        }
        var found = problems
        checkNames(into: &found)
        // One group per sink: signal d is group d, memory k group signals.count + k.
        let signalCount = signals.count
        let lowered = Lowering.lower(scopes.body) { sink in
            switch sink {
            case .signal(let d): return d.index
            case .memory(let k): return signalCount + k.index
            }
        }
        var processes: [SinkLogic] = []
        for (d, decl) in zip(signals.ids, signals) {
            guard let body = lowered.bodies[d.index] else { continue }
            processes.append(SinkLogic(kind: decl.isRegister ? .register(d) : .combinational(d), body: body))
        }
        for k in memories.ids {
            if let body = lowered.bodies[signalCount + k.index] { processes.append(SinkLogic(kind: .memory(k), body: body)) }
        }
        let checker = DesignChecker(builder: self, processes: processes)
        checker.checkDrivers(topLevel: scopes.body, into: &found)
        checker.checkLatches(into: &found)
        checker.checkResetUse(into: &found)
        let combInputs = checker.checkLoops(into: &found)
        if !found.isEmpty { throw ElaborationError(module: name, problems: found) }
        return Module(name: name, location: location, signals: signals, exprs: exprs, memories: memories,
                      parameters: parameters, statements: scopes.body,
                      instances: instances, processes: processes, combinationalInputs: combInputs,
                      enumerations: enumerations, properties: properties)
    }
}

extension Statement {
    /// Splits `list` into one pruned tree per group, keeping in each only the statements
    /// that drive the group's sinks and the conditions that lead to them. `group` maps a
    /// sink to its group (any number), or nil to drop it. Groups come in order of first appearance. With one group per sink this is the
    /// lowering behind `Module.processes`; the emitter uses it to put every register of one
    /// clock and reset into one `always` block.
    public static func split(_ list: [Statement], group: (Sink) -> Int?) -> [(group: Int, body: [Statement])] {
        let g = Lowering.lower(list, group: group)
        return g.order.map { ($0, g.bodies[$0]!) }
    }
}

/// Splits a statement tree into one pruned tree per group of sinks (`group` numbers them),
/// keeping only the conditions that lead to the group's drivers.
enum Lowering {
    struct Grouped {
        var order: [Int] = []
        var bodies: [Int: [Statement]] = [:]
        mutating func append(_ key: Int, _ s: Statement) {
            if bodies[key] == nil { order.append(key); bodies[key] = [s] } else { bodies[key]!.append(s) }
        }
    }

    static func lower(_ list: [Statement], group: (Sink) -> Int?) -> Grouped {
        var g = Grouped()
        for s in list {
            switch s {
            case .assign(let sink, _, _):
                if let k = group(.signal(sink)) { g.append(k, s) }
            case .memoryWrite(let m, _, _, _):
                if let k = group(.memory(m)) { g.append(k, s) }
            case .when(let branches, let otherwise, let at):
                let lb = branches.map { lower($0.body, group: group) }
                let lo = otherwise.map { lower($0, group: group) }
                for key in keys(lb + (lo.map { [$0] } ?? [])) {
                    var arms = branches.indices.map { i in
                        Branch(condition: branches[i].condition, body: lb[i].bodies[key] ?? [], location: branches[i].location)
                    }
                    let other = lo?.bodies[key]
                    if other == nil { while arms.last?.body.isEmpty == true { arms.removeLast() } }
                    g.append(key, .when(arms, otherwise: other, at: at))
                }
            case .switchOn(let sel, let cases, let def, let at):
                let lc = cases.map { lower($0.body, group: group) }
                let ld = def.map { lower($0, group: group) }
                for key in keys(lc + (ld.map { [$0] } ?? [])) {
                    let d = ld?.bodies[key]
                    var arms: [SwitchCase] = []
                    for (i, c) in cases.enumerated() {
                        let body = lc[i].bodies[key] ?? []
                        // An empty arm matters only when a default would otherwise take its values.
                        if !body.isEmpty || d != nil { arms.append(SwitchCase(values: c.values, body: body, location: c.location, labels: c.labels)) }
                    }
                    g.append(key, .switchOn(selector: sel, cases: arms, default: d, at: at))
                }
            }
        }
        return g
    }

    private static func keys(_ groups: [Grouped]) -> [Int] {
        var seen = Set<Int>(), out: [Int] = []
        for g in groups { for k in g.order where seen.insert(k).inserted { out.append(k) } }
        return out
    }
}
