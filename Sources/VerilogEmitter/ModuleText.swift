import HDL

/// Pass 2 of emitting a module: header and ports, declarations, temps, memory
/// initialisation, processes, instances — in that order, each in declaration order.
struct ModuleText {
    let m: Module
    let analysis: Analysis
    let ex: ExpressionText
    /// Combinational sinks emitted as `always @*` (declared `reg`).
    let procedural: Set<SignalID>
    /// The clocked blocks.
    let groups: [ClockedGroups.Group]
    /// Wires and named subexpressions computed inside a clocked block (`LocalValues`):
    /// wire -> group, expression node -> group.
    let localWires: [SignalID: Int]
    let localTemps: [ExprID: Int]

    /// Output ports that are exactly one register nothing else reads (`out <== r`), port ->
    /// register: the register is the port (`output reg`), named as the port (`registeredOutputs`).
    let outputRegisters: [SignalID: SignalID]

    init(_ module: Module) {
        outputRegisters = Self.registeredOutputs(module)
        let m = module.renamingSignals(Dictionary(uniqueKeysWithValues: outputRegisters.map { ($0.value, module.signals[$0.key].name) }))
        self.m = m
        groups = ClockedGroups(m).groups
        var local = LocalValues(m, groups: groups)
        // Placing the values walks a block's statements once per value: past `maxPlacementWork`
        // (values x statements) the design keeps module-level wires, so emission stays fast
        // for very large designs (the output is equally correct, only less lazy to simulate).
        let statements = groups.reduce(0) { $0 + Self.count($1.body) + Self.count($1.memoryBody) }
        if local.wireGroup.count * statements > Self.maxPlacementWork { local = LocalValues.none }
        var a = Analysis(m, local: Set(local.wireGroup.keys))
        var temps: [ExprID: Int] = [:]
        while true {
            let r = local.localTemps(m, a, groups: groups)
            if r.conflicts.isEmpty { temps = r.temps; break }
            for d in r.conflicts.sorted() { local.drop(d, m) }
            a = Analysis(m, local: Set(local.wireGroup.keys))
        }
        analysis = a
        localWires = local.wireGroup
        localTemps = temps
        ex = ExpressionText(module: m, analysis: analysis)
        var p = Set<SignalID>()
        for proc in m.processes {
            if case .combinational(let d) = proc.kind, proc.singleAssignment == nil, local.wireGroup[d] == nil { p.insert(d) }
        }
        procedural = p
    }

    func write(into w: inout Writer) {
        writeHeader(&w)
        w.nested { w in
            writeDeclarations(&w)
            writeProcesses(&w)
            writeInstances(&w)
        }
        writeProperties(&w)
        w.line("endmodule")
    }

    /// Output ports driven by a register of their width that nothing else reads (it exists to
    /// hold the output), port -> register. Such a register is declared as the port,
    /// `output reg`, as a designer writes a registered output: no copy `assign out = r;`, which
    /// a simulator would otherwise evaluate on every edge. A register the logic reads too
    /// (a state, a counter) keeps its own name and the `assign`.
    static func registeredOutputs(_ m: Module) -> [SignalID: SignalID] {
        var reads = [Int](repeating: 0, count: m.signals.count)   // references by expressions and roots, by signal index
        var signalNode: [ExprID: SignalID] = [:]
        for (n, e) in m.exprs.enumerated() { if case .signal(let d) = e.kind { signalNode[ExprID(n)] = d } }
        func count(_ n: ExprID) { if let d = signalNode[n] { reads[d.index] += 1 } }
        for e in m.exprs { for o in e.kind.operands { count(o) } }
        for p in m.processes {
            var roots: [ExprID] = []
            Statement.collectRoots(p.body, into: &roots)
            roots.forEach(count)
        }
        for inst in m.instances { inst.inputs.map(\.value).forEach(count) }
        for prop in m.properties { count(prop.condition); prop.disable.map(count) }
        for s in m.signals { if case .register(let info) = s.kind { [info.reset, info.enable].compactMap { $0 }.forEach(count) } }
        var out: [SignalID: SignalID] = [:]
        for p in m.processes {
            guard case .combinational(let d) = p.kind, m.signals[d].kind == .output, let v = p.singleAssignment,
                  let r = signalNode[v], case .register = m.signals[r].kind,
                  m.signals[r].width == m.signals[d].width, reads[r.index] == 1 else { continue }
            out[d] = r
        }
        return out
    }

    /// Values x statements above which `LocalValues` are not used (see `init`).
    static let maxPlacementWork = 200_000

    /// Statements in a tree, nested ones included.
    static func count(_ list: [Statement]) -> Int {
        list.reduce(0) { n, s in
            switch s {
            case .when(let b, let o, _): return n + 1 + b.reduce(0) { $0 + count($1.body) } + count(o ?? [])
            case .switchOn(_, let c, let d, _): return n + 1 + c.reduce(0) { $0 + count($1.body) } + count(d ?? [])
            default: return n + 1
            }
        }
    }

    private static func range(_ width: Int) -> String { width == 1 ? "" : "[\(width - 1):0] " }

    private func unusedNote(_ unused: [(hi: Int, lo: Int)], width: Int) -> String {
        if unused.count == 1 && unused[0].hi == width - 1 && unused[0].lo == 0 { return " (unused)" }
        let bits = unused.map { $0.hi == $0.lo ? "\($0.hi)" : "\($0.hi):\($0.lo)" }.joined(separator: ", ")
        let one = unused.count == 1 && unused[0].hi == unused[0].lo
        return " (\(one ? "bit" : "bits") \(bits) unused)"
    }

    /// Writes `text`, inside an UNUSEDSIGNAL waiver when bits are unread. Source locations
    /// are kept per block: a `// File.swift:LINE` line opens each run of declarations
    /// written in one Swift file (LINE of the first), instead of a comment on every line.
    private func declare(_ w: inout Writer, _ text: String, _ at: SourceLocation, unused: [(hi: Int, lo: Int)], width: Int) {
        if w.locationFile != at.fileID {
            w.locationFile = at.fileID
            w.line("// \(at)")
        }
        if unused.isEmpty {
            w.line(text)
        } else {
            w.line("/* verilator lint_off UNUSEDSIGNAL */")
            w.line("\(text)  //\(unusedNote(unused, width: width))")
            w.line("/* verilator lint_on UNUSEDSIGNAL */")
        }
    }

    /// `  // File.swift:LINE` of the first statement of a block's body ("" when none).
    private func origin(_ body: [Statement]) -> String {
        guard let first = body.first else { return "" }
        switch first {
        case .assign(_, _, let at): return at.map { "  // \($0)" } ?? ""
        case .memoryWrite(_, _, _, let at), .when(_, _, let at), .switchOn(_, _, _, let at): return "  // \(at)"
        }
    }

    private func writeHeader(_ w: inout Writer) {
        let ports = m.ports
        if ports.isEmpty { w.line("module \(m.name);  // \(m.location)"); return }
        w.line("module \(m.name) (  // \(m.location)")
        w.nested { w in
            for (k, d) in ports.enumerated() {
                let s = m.signals[d]
                let comma = k == ports.count - 1 ? "" : ","
                let dir = s.kind == .input ? "input  wire"
                    : (procedural.contains(d) || outputRegisters[d] != nil ? "output reg " : "output wire")
                let unused = s.kind == .input ? analysis.signalUse[d.index].unused(width: s.width) : []
                declare(&w, "\(dir) \(Self.range(s.width))\(s.name)\(comma)", s.location, unused: unused, width: s.width)
            }
        }
        w.line(");")
        w.locationFile = nil
    }

    private func writeDeclarations(_ w: inout Writer) {
        for (k, p) in m.parameters.enumerated() where analysis.parameterUsed[k] {
            declare(&w, "localparam \(Self.range(p.width))\(p.name) = \(ExpressionText.constant(p.value, width: p.width));",
                    p.location, unused: [], width: p.width)
        }
        let portRegisters = Set(outputRegisters.values)
        for (d, s) in zip(m.signals.ids, m.signals) where !s.isPort && localWires[d] == nil && !portRegisters.contains(d) {
            let kind = (s.isRegister || procedural.contains(d)) ? "reg " : "wire"
            declare(&w, "\(kind) \(Self.range(s.width))\(s.name);", s.location,
                    unused: analysis.signalUse[d.index].unused(width: s.width), width: s.width)
        }
        for (i, mem) in m.memories.enumerated() {
            declare(&w, "reg  \(Self.range(mem.width))\(mem.name) [0:\(mem.depth - 1)];", mem.location,
                    unused: analysis.memoryRead[i] ? [] : [(mem.width - 1, 0)], width: mem.width)
        }
        if resetsArrays { w.line("integer \(Self.loopIndex);  // index of the reset and initialisation loops") }
        for n in analysis.temps where localTemps[n] == nil {
            let width = m.exprs[n].width
            let use = analysis.tempUse[n] ?? Analysis.BitUse()
            let unused = use.unused(width: width)
            let text = "wire \(Self.range(width))\(analysis.temp[n]!) = \(ex.bare(n, definition: true));"
            if unused.isEmpty { w.line(text) } else {
                w.line("/* verilator lint_off UNUSEDSIGNAL */")
                w.line(text + "  //" + unusedNote(unused, width: width))
                w.line("/* verilator lint_on UNUSEDSIGNAL */")
            }
        }
        let plain = m.memories.filter { $0.registers == nil && $0.initialValues == nil && $0.initialFile == nil }
        w.locationFile = nil
        if !plain.isEmpty {
            // Simulation-only: hardware memories have no reset of their contents, and Yosys
            // (which defines SYNTHESIS) would spend a long time unrolling big loops.
            w.line("`ifndef SYNTHESIS")
            if !resetsArrays { w.line("integer \(Self.loopIndex);  // memory initialisation index") }
            w.line("initial begin  // memories start at 0 (simulation initialisation, not a reset)")
            w.nested { w in
                for mem in plain { zeroLoop(&w, mem) }
            }
            w.line("end")
            w.line("`endif")
        }
        for mem in m.memories {
            if let file = mem.initialFile {
                w.line("initial $readmemh(\"\(file)\", \(mem.name));  // contents of \(mem.name)")
            } else if let values = mem.initialValues {
                w.line("initial begin  // contents of \(mem.name) (simulation and synthesis)")
                w.nested { w in
                    for k in 0..<mem.depth {
                        w.line("\(mem.name)[\(k)] = \(ExpressionText.constant(k < values.count ? values[k] : 0, width: mem.width));")
                    }
                }
                w.line("end")
            }
        }
    }

    /// The loop variable of reset and initialisation loops (a leading `_` keeps it apart
    /// from every name a design can declare).
    static let loopIndex = "_i"

    /// A register array with a reset clears itself in a loop (outside the simulation-only
    /// initialisation, which then shares the loop variable).
    private var resetsArrays: Bool {
        m.memories.contains { $0.registers?.reset != nil }
    }


    /// Resets register arrays: one `for` loop per array depth, clearing every array of that
    /// depth (in declaration order). A loop covers at most `maxResetLoop` elements: Verilator
    /// unrolls loops up to 64 iterations and refuses a nonblocking assignment to an array
    /// inside a loop it keeps (BLKLOOPINIT), so deeper arrays get one loop per 64 elements.
    private func clearLoops(_ w: inout Writer, _ arrays: [MemoryID]) {
        var depths: [Int] = []
        for k in arrays where !depths.contains(m.memories[k].depth) { depths.append(m.memories[k].depth) }
        let i = Self.loopIndex
        for depth in depths {
            for lo in stride(from: 0, to: depth, by: Self.maxResetLoop) {
                let hi = Swift.min(depth, lo + Self.maxResetLoop)
                w.line("for (\(i) = \(lo); \(i) < \(hi); \(i) = \(i) + 1) begin")
                w.nested { w in
                    for k in arrays where m.memories[k].depth == depth {
                        let mem = m.memories[k]
                        w.line("\(mem.name)[\(i)] <= \(ExpressionText.constant(mem.registers?.resetValue ?? 0, width: mem.width));")
                    }
                }
                w.line("end")
            }
        }
    }

    /// Elements one reset loop clears (Verilator's default loop-unroll limit).
    static let maxResetLoop = 64

    /// `for (_i = 0; _i < depth; _i = _i + 1) name[_i] = 0;` (simulation initialisation of a
    /// plain memory).
    private func zeroLoop(_ w: inout Writer, _ mem: MemoryDecl) {
        let i = Self.loopIndex
        w.line("for (\(i) = 0; \(i) < \(mem.depth); \(i) = \(i) + 1) begin")
        w.nested { w in w.line("\(mem.name)[\(i)] = \(ExpressionText.constant(0, width: mem.width));") }
        w.line("end")
    }

    /// Combinational processes in declaration order, then one `always @(posedge clock)`
    /// block per group of registers and memories (same clock, reset and enable).
    private func writeProcesses(_ w: inout Writer) {
        var body = StatementText(module: m, ex: ex)
        for p in m.processes {
            guard case .combinational(let d) = p.kind, localWires[d] == nil, outputRegisters[d] == nil else { continue }
            if let v = p.singleAssignment {
                w.line("assign \(m.signals[d].name) = \(ex.bare(v));")
            } else {
                w.line("always @* begin\(origin(p.body))")
                w.nested { w in body.statements(BlockStatement.list(p.body), blocking: true, into: &w) }
                w.line("end")
            }
        }
        for g in groups.indices { writeGroup(&w, g, &body) }
    }

    /// One clocked block: its local values declared in a named block, the reset branch, the
    /// drivers (under the enable), the writes of plain memories that share the clock; the
    /// local values placed where they are read (`BlockPlacement`).
    private func writeGroup(_ w: inout Writer, _ gi: Int, _ body: inout StatementText) {
        let g = groups[gi]
        let wires = localWires.filter { $0.value == gi }.map(\.key).sorted()
        let temps = Set(localTemps.filter { $0.value == gi }.map(\.key))
        // The block as one tree: [if (rst) {} else { [if (en)] drivers }] + memory writes.
        var drivers = BlockStatement.list(g.body)
        if let e = g.enable, !drivers.isEmpty {
            drivers = [.when([BlockStatement.Arm(condition: e, body: drivers, location: m.location)], otherwise: nil, at: m.location)]
        }
        var tree: [BlockStatement] = []
        if let r = g.reset {
            tree.append(.when([BlockStatement.Arm(condition: r, body: [], location: m.location)], otherwise: drivers, at: m.location))
        } else {
            tree = drivers
        }
        tree += BlockStatement.list(g.memoryBody)
        var bodies: [SignalID: [BlockStatement]] = [:]
        for p in m.processes { if case .combinational(let d) = p.kind, localWires[d] == gi { bodies[d] = BlockStatement.list(p.body) } }
        var placement = BlockPlacement(m, analysis, wireBodies: bodies, temps: temps)
        tree = placement.place(tree)
        body.localSinks = Set(wires)

        let named = !wires.isEmpty || !temps.isEmpty
        var events = "posedge \(m.signals[g.clock].name)"
        if let r = g.reset, g.resetKind.isAsync {
            events += " or \(g.resetKind.isActiveLow ? "negedge" : "posedge") \(ex.bare(r))"
        }
        w.line("always @(\(events)) begin\(named ? " : \(blockName(gi))" : "")\(origin(g.body + g.memoryBody))")
        w.nested { w in
            for d in wires {
                let s = m.signals[d]
                declareLocal(&w, "reg  \(Self.range(s.width))\(s.name);", unused: analysis.signalUse[d.index].unused(width: s.width), width: s.width)
            }
            for t in temps.sorted() {
                let width = m.exprs[t].width
                declareLocal(&w, "reg  \(Self.range(width))\(analysis.temp[t]!);", unused: (analysis.tempUse[t] ?? Analysis.BitUse()).unused(width: width), width: width)
            }
            writeStartValues(&w, tree, wires: wires, temps: temps)
            for s in tree {
                if let r = g.reset, case .when(let b, let drivers, _) = s, b.count == 1, b[0].condition == r, b[0].body.isEmpty {
                    writeReset(&w, g, drivers ?? [], &body)
                } else {
                    body.statements([s], blocking: false, into: &w)
                }
            }
        }
        w.line("end")
        body.localSinks = []
    }

    /// `name = 0;` at the top of a clocked block for each local value that is first set inside
    /// a branch (several per line). Reads are unchanged (every read follows a set on its path),
    /// but a block local set at the top of its block is a plain C++ local in Verilator's model
    /// (V3Localize), kept in a machine register, instead of a member stored and reloaded on
    /// every edge; synthesis sees no value carried from one edge to the next.
    private func writeStartValues(_ w: inout Writer, _ tree: [BlockStatement], wires: [SignalID], temps: Set<ExprID>) {
        var setAtTop = Set<BlockStatement.Target>()
        for s in tree { if case .assign(let sink, _, _) = s { setAtTop.insert(sink) } }
        let names = wires.filter { !setAtTop.contains(.signal($0)) }.map { (m.signals[$0].name, m.signals[$0].width) }
            + temps.sorted().filter { !setAtTop.contains(.local($0)) }.map { (analysis.temp[$0]!, m.exprs[$0].width) }
        guard !names.isEmpty else { return }
        w.line("// Set on some paths only: 0 until set, on every edge (nothing is kept between edges).")
        var line = ""
        for (name, width) in names {
            let item = "\(name) = \(ExpressionText.constant(0, width: width));"
            if !line.isEmpty && line.count + 1 + item.count > Self.startValuesLine {
                w.line(line)
                line = ""
            }
            line += line.isEmpty ? item : " " + item
        }
        w.line(line)
    }

    /// Columns of one line of start values (after the indentation).
    static let startValuesLine = 100

    /// `if (rst) begin <resets> end else ...` with `drivers` in the else branch (as
    /// `end else if (c)` when they are one `if` chain).
    private func writeReset(_ w: inout Writer, _ g: ClockedGroups.Group, _ drivers: [BlockStatement], _ body: inout StatementText) {
        let r = g.reset!
        w.line("if (\(g.resetKind.isActiveLow ? "!" + ex.text(r) : ex.bare(r))) begin")
        w.nested { w in
            for d in g.registers {
                guard case .register(let info) = m.signals[d].kind else { continue }
                let value = Self.enumerationResetName(m.signals[d], info, m).map { m.parameters[$0].name }
                    ?? ExpressionText.constant(info.resetValue, width: m.signals[d].width)
                w.line("\(m.signals[d].name) <= \(value);")
            }
            clearLoops(&w, g.memories.filter { m.memories[$0].registers?.reset != nil })
        }
        if drivers.isEmpty { w.line("end"); return }
        if drivers.count == 1, case .when(let branches, let otherwise, _) = drivers[0], !branches.isEmpty {
            body.whenChain(branches, otherwise, blocking: false, continuing: true, into: &w)
            return
        }
        w.line("end else begin")
        w.nested { w in body.statements(drivers, blocking: false, into: &w) }
        w.line("end")
    }

    /// A declaration inside a named block, with the UNUSEDSIGNAL waiver when bits are unread.
    private func declareLocal(_ w: inout Writer, _ text: String, unused: [(hi: Int, lo: Int)], width: Int) {
        if unused.isEmpty { w.line(text); return }
        w.line("/* verilator lint_off UNUSEDSIGNAL */")
        w.line("\(text)  //\(unusedNote(unused, width: width))")
        w.line("/* verilator lint_on UNUSEDSIGNAL */")
    }

    /// The name of block `gi`'s named `begin`: `on_<clock>`, numbered when a module has
    /// several, made unique against every declared name.
    private func blockName(_ gi: Int) -> String {
        var taken = Set(m.signals.map(\.name))
        taken.formUnion(m.memories.map(\.name)); taken.formUnion(m.parameters.map(\.name))
        taken.formUnion(m.instances.map(\.name)); taken.formUnion(analysis.temp.values)
        let named = groups.indices.filter { i in localWires.values.contains(i) || localTemps.values.contains(i) }
        var base = "on_\(m.signals[groups[gi].clock].name)"
        if named.count > 1, let k = named.firstIndex(of: gi) { base += "_\(k + 1)" }
        var name = base, n = 2
        while taken.contains(name) { name = "\(base)_\(n)"; n += 1 }
        return name
    }

    /// The localparam of an enumerated register's reset value (written by name).
    static func enumerationResetName(_ s: SignalDecl, _ info: RegisterInfo, _ m: Module) -> ParameterID? {
        guard let e = s.enumeration, e.index < m.enumerations.count else { return nil }
        return m.enumerations[e].parameters.first { m.parameters[$0].value == info.resetValue }
    }

    private func writeInstances(_ w: inout Writer) {
        for inst in m.instances {
            let params = inst.parameters.map { ".\($0.name)(\($0.value))" }.joined(separator: ", ")
            w.line("\(inst.module.name) \(params.isEmpty ? "" : "#(\(params)) ")\(inst.name) (  // \(inst.location)")
            w.nested { w in
                var conns = inst.inputs.map { ".\($0.port)(\(ex.bare($0.value)))" }
                conns += inst.outputs.map { ".\($0.port)(\(m.signals[$0.sink].name))" }
                let order = inst.module.ports.map { inst.module.signals[$0].name }
                let sorted = conns.sorted { a, b in
                    order.firstIndex(of: portName(a)) ?? 0 < order.firstIndex(of: portName(b)) ?? 0
                }
                for (k, c) in sorted.enumerated() { w.line(c + (k == sorted.count - 1 ? "" : ",")) }
            }
            w.line(");")
        }
    }

    private func portName(_ connection: String) -> String {
        String(connection.dropFirst().prefix { $0 != "(" })
    }
}

extension ExpressionText {
    /// Without outer parentheses: a temp's own definition (not its name) when `definition`,
    /// else as `bare(_:)` (a temp by its name).
    func bare(_ n: ExprID, definition: Bool) -> String {
        definition ? Self.stripOuterParentheses(self.definition(n)) : bare(n)
    }
}
