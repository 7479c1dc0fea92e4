import HDL

/// Pass 2 of emitting a module: header and ports, declarations, temps, memory
/// initialisation, processes, instances — in that order, each in declaration order.
struct ModuleText {
    let m: Module
    let analysis: Analysis
    let ex: ExpressionText
    /// Combinational sinks emitted as `always @*` (declared `reg`).
    let procedural: Set<Int>

    init(_ m: Module) {
        self.m = m
        analysis = Analysis(m)
        ex = ExpressionText(module: m, analysis: analysis)
        var p = Set<Int>()
        for proc in m.processes {
            if case .combinational(let d) = proc.kind, proc.singleAssignment == nil { p.insert(d) }
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
                let dir = s.kind == .input ? "input  wire" : (procedural.contains(d) ? "output reg " : "output wire")
                let unused = s.kind == .input ? analysis.signalUse[d].unused(width: s.width) : []
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
        for (d, s) in m.signals.enumerated() where !s.isPort {
            let kind = (s.isRegister || procedural.contains(d)) ? "reg " : "wire"
            declare(&w, "\(kind) \(Self.range(s.width))\(s.name);", s.location,
                    unused: analysis.signalUse[d].unused(width: s.width), width: s.width)
        }
        for (i, mem) in m.memories.enumerated() {
            declare(&w, "reg  \(Self.range(mem.width))\(mem.name) [0:\(mem.depth - 1)];", mem.location,
                    unused: analysis.memoryRead[i] ? [] : [(mem.width - 1, 0)], width: mem.width)
        }
        if resetsArrays { w.line("integer \(Self.loopIndex);  // index of the reset and initialisation loops") }
        for n in analysis.temps {
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
                for mem in plain { clearLoop(&w, mem, op: "=") }
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
    /// depth (in declaration order).
    private func clearLoops(_ w: inout Writer, _ arrays: [Int]) {
        var depths: [Int] = []
        for k in arrays where !depths.contains(m.memories[k].depth) { depths.append(m.memories[k].depth) }
        let i = Self.loopIndex
        for depth in depths {
            w.line("for (\(i) = 0; \(i) < \(depth); \(i) = \(i) + 1) begin")
            w.nested { w in
                for k in arrays where m.memories[k].depth == depth {
                    let mem = m.memories[k]
                    w.line("\(mem.name)[\(i)] <= \(ExpressionText.constant(mem.registers?.resetValue ?? 0, width: mem.width));")
                }
            }
            w.line("end")
        }
    }

    /// `for (_i = 0; _i < depth; _i = _i + 1) name[_i] <op> reset value;`
    private func clearLoop(_ w: inout Writer, _ mem: MemoryDecl, op: String) {
        let i = Self.loopIndex
        let value = ExpressionText.constant(mem.registers?.resetValue ?? 0, width: mem.width)
        w.line("for (\(i) = 0; \(i) < \(mem.depth); \(i) = \(i) + 1) begin")
        w.nested { w in w.line("\(mem.name)[\(i)] \(op) \(value);") }
        w.line("end")
    }

    /// Combinational processes in declaration order, then one `always @(posedge clock)`
    /// block per group of registers and memories (same clock, reset and enable).
    private func writeProcesses(_ w: inout Writer) {
        var body = StatementText(module: m, ex: ex)
        for p in m.processes {
            guard case .combinational(let d) = p.kind else { continue }
            if let v = p.singleAssignment {
                w.line("assign \(m.signals[d].name) = \(ex.bare(v));")
            } else {
                w.line("always @* begin\(origin(p.body))")
                w.nested { w in body.statements(p.body, blocking: true, into: &w) }
                w.line("end")
            }
        }
        for g in ClockedGroups(m).groups { writeGroup(&w, g, &body) }
    }

    private func writeGroup(_ w: inout Writer, _ g: ClockedGroups.Group, _ body: inout StatementText) {
        var events = "posedge \(m.signals[g.clock].name)"
        if let r = g.reset, g.resetKind.isAsync {
            events += " or \(g.resetKind.isActiveLow ? "negedge" : "posedge") \(ex.bare(r))"
        }
        w.line("always @(\(events)) begin\(origin(g.body))")
        w.nested { w in
            var open = false
            if let r = g.reset {
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
                open = true
            }
            if g.body.isEmpty {
                if open { w.line("end") }
                return
            }
            if let e = g.enable {
                w.line(open ? "end else if (\(ex.bare(e))) begin" : "if (\(ex.bare(e))) begin")
                open = true
            } else if open, g.body.count == 1, case .when(let branches, let otherwise, _) = g.body[0], !branches.isEmpty {
                // `else begin if (c) ... end end` reads better as `else if (c) ...`.
                body.whenChain(branches, otherwise, blocking: false, continuing: true, into: &w)
                return
            } else if open {
                w.line("end else begin")
            }
            if open { w.nested { w in body.statements(g.body, blocking: false, into: &w) }; w.line("end") }
            else { body.statements(g.body, blocking: false, into: &w) }
        }
        w.line("end")
    }

    /// The localparam of an enumerated register's reset value (written by name).
    static func enumerationResetName(_ s: SignalDecl, _ info: RegisterInfo, _ m: Module) -> Int? {
        guard let e = s.enumeration, e < m.enumerations.count else { return nil }
        return m.enumerations[e].parameters.first { m.parameters[$0].value == info.resetValue }
    }

    private func writeInstances(_ w: inout Writer) {
        for inst in m.instances {
            w.line("\(inst.module.name) \(inst.name) (  // \(inst.location)")
            w.nested { w in
                var conns = inst.inputs.map { ".\($0.port)(\(ex.bare($0.index)))" }
                conns += inst.outputs.map { ".\($0.port)(\(m.signals[$0.index].name))" }
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
    /// A temp's own definition (not its name), without outer parentheses.
    func bare(_ n: Int, definition: Bool) -> String {
        Self.stripOuterParentheses(self.definition(n))
    }
}
