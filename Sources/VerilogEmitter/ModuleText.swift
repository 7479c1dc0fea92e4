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
        w.line("endmodule")
    }

    private static func range(_ width: Int) -> String { width == 1 ? "" : "[\(width - 1):0] " }

    private func unusedNote(_ unused: [(hi: Int, lo: Int)], width: Int) -> String {
        if unused.count == 1 && unused[0].hi == width - 1 && unused[0].lo == 0 { return " (unused)" }
        let bits = unused.map { $0.hi == $0.lo ? "\($0.hi)" : "\($0.hi):\($0.lo)" }.joined(separator: ", ")
        let one = unused.count == 1 && unused[0].hi == unused[0].lo
        return " (\(one ? "bit" : "bits") \(bits) unused)"
    }

    /// Writes `text` with its location comment, inside an UNUSEDSIGNAL waiver when bits are unread.
    private func declare(_ w: inout Writer, _ text: String, _ at: SourceLocation, unused: [(hi: Int, lo: Int)], width: Int) {
        if unused.isEmpty {
            w.line("\(text)  // \(at)")
        } else {
            w.line("/* verilator lint_off UNUSEDSIGNAL */")
            w.line("\(text)  // \(at)\(unusedNote(unused, width: width))")
            w.line("/* verilator lint_on UNUSEDSIGNAL */")
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
    }

    private func writeDeclarations(_ w: inout Writer) {
        for (d, s) in m.signals.enumerated() where !s.isPort {
            let kind = (s.isRegister || procedural.contains(d)) ? "reg " : "wire"
            declare(&w, "\(kind) \(Self.range(s.width))\(s.name);", s.location,
                    unused: analysis.signalUse[d].unused(width: s.width), width: s.width)
        }
        for (i, mem) in m.memories.enumerated() {
            declare(&w, "reg  \(Self.range(mem.width))\(mem.name) [0:\(mem.depth - 1)];", mem.location,
                    unused: analysis.memoryRead[i] ? [] : [(mem.width - 1, 0)], width: mem.width)
        }
        for n in analysis.temps {
            let width = m.exprs[n].width
            let use = analysis.tempUse[n] ?? Analysis.BitUse()
            let unused = use.unused(width: width)
            let text = "wire \(Self.range(width))_t\(analysis.temp[n]!) = \(ex.bare(n, definition: true));"
            if unused.isEmpty { w.line(text) } else {
                w.line("/* verilator lint_off UNUSEDSIGNAL */")
                w.line(text + "  //" + unusedNote(unused, width: width))
                w.line("/* verilator lint_on UNUSEDSIGNAL */")
            }
        }
        if !m.memories.isEmpty {
            // Simulation-only: hardware memories have no reset of their contents, and Yosys
            // (which defines SYNTHESIS) would spend a long time unrolling big loops.
            w.line("`ifndef SYNTHESIS")
            w.line("integer _i;  // memory initialisation index")
            w.line("initial begin  // memories start at 0 (simulation initialisation, not a reset)")
            w.nested { w in
                for mem in m.memories {
                    w.line("for (_i = 0; _i < \(mem.depth); _i = _i + 1) begin")
                    w.nested { w in w.line("\(mem.name)[_i] = \(ExpressionText.constant(0, width: mem.width));") }
                    w.line("end")
                }
            }
            w.line("end")
            w.line("`endif")
        }
    }

    private func writeProcesses(_ w: inout Writer) {
        var body = StatementText(module: m, ex: ex)
        for p in m.processes {
            switch p.kind {
            case .combinational(let d):
                if let v = p.singleAssignment {
                    w.line("assign \(m.signals[d].name) = \(ex.bare(v));")
                } else {
                    w.line("always @* begin")
                    w.nested { w in body.statements(p.body, blocking: true, into: &w) }
                    w.line("end")
                }
            case .register(let d):
                guard case .register(let info) = m.signals[d].kind else { continue }
                let s = m.signals[d]
                w.line("always @(posedge \(m.signals[info.clock].name)) begin")
                w.nested { w in
                    var open = false
                    if let r = info.reset {
                        w.line("if (\(ex.bare(r))) begin")
                        w.nested { w in w.line("\(s.name) <= \(ExpressionText.constant(info.resetValue, width: s.width));") }
                        open = true
                    }
                    if let e = info.enable {
                        w.line(open ? "end else if (\(ex.bare(e))) begin" : "if (\(ex.bare(e))) begin")
                        open = true
                    } else if open, p.body.count == 1, case .when(let branches, let otherwise, _) = p.body[0], !branches.isEmpty {
                        // `else begin if (c) ... end end` reads better as `else if (c) ...`.
                        body.whenChain(branches, otherwise, blocking: false, continuing: true, into: &w)
                        return
                    } else if open {
                        w.line("end else begin")
                    }
                    if open { w.nested { w in body.statements(p.body, blocking: false, into: &w) }; w.line("end") }
                    else { body.statements(p.body, blocking: false, into: &w) }
                }
                w.line("end")
            case .memory(let k):
                w.line("always @(posedge \(m.signals[m.memories[k].clock].name)) begin")
                w.nested { w in body.statements(p.body, blocking: false, into: &w) }
                w.line("end")
            }
        }
        // Registers nobody assigns still reset (or hold): emit their reset so they are driven.
        var assigned = Set<Int>()
        for p in m.processes { if case .register(let d) = p.kind { assigned.insert(d) } }
        for (d, s) in m.signals.enumerated() {
            guard case .register(let info) = s.kind, let r = info.reset, !assigned.contains(d) else { continue }
            w.line("always @(posedge \(m.signals[info.clock].name)) begin")
            w.nested { w in
                w.line("if (\(ex.bare(r))) begin")
                w.nested { w in w.line("\(s.name) <= \(ExpressionText.constant(info.resetValue, width: s.width));") }
                w.line("end")
            }
            w.line("end")
        }
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
