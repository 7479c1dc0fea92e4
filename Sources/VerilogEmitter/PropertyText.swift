import HDL

/// Assertions, assumptions and cover points, one `always` block per clock and disable
/// condition, in two guarded forms:
/// - `` `ifdef FORMAL ``: SystemVerilog immediate `assert (c);` / `assume (c);` /
///   `cover (c);`, which `yosys read_verilog -formal` turns into `$assert` / `$assume` /
///   `$cover` cells for SymbiYosys / yosys-smtbmc;
/// - otherwise `` `ifndef SYNTHESIS ``, for simulation:
///   - under Verilator (`` `ifdef VERILATOR ``), SystemVerilog immediate assertions
///     `assert (c) else $fatal(1, "...");`, which Verilator compiles only with `--assert`:
///     a plain Verilator build (the co-simulation's) pays nothing for them, not even for
///     the wires that only they read;
///   - for other simulators (Icarus), Verilog-2005: `$fatal(1, "...")` when an assertion
///     or assumption fails (Icarus ends the run with an error);
///   - a cover point prints with `$display` when it is reached (in both).
/// Plain synthesis (SYNTHESIS defined, FORMAL not) sees neither.
extension ModuleText {
    func writeProperties(_ w: inout Writer) {
        guard !m.properties.isEmpty else { return }
        struct Key: Hashable { var clock: SignalID; var disable: ExprID? }
        var order: [Key] = [], groups: [Key: [PropertyDecl]] = [:]
        for p in m.properties {
            let k = Key(clock: p.clock, disable: p.disable)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(p)
        }
        func block(_ w: inout Writer, _ k: Key, _ line: (PropertyDecl) -> [String]) {
            w.line("always @(posedge \(m.signals[k.clock].name)) begin")
            w.nested { w in
                if let d = k.disable {
                    w.line("if (!\(ex.text(d))) begin")
                    w.nested { w in for p in groups[k]! { for l in line(p) { w.line(l) } } }
                    w.line("end")
                } else {
                    for p in groups[k]! { for l in line(p) { w.line(l) } }
                }
            }
            w.line("end")
        }
        w.nested { w in
            w.line("// properties (m.assert / m.assume / m.cover): formal form, else simulation form")
        }
        w.line("`ifdef FORMAL")
        w.nested { w in
            for k in order { block(&w, k) { p in ["\(p.kind.rawValue) (\(ex.bare(p.condition)));  // \(p.location): \(p.message)"] } }
        }
        w.line("`else")
        w.line("`ifndef SYNTHESIS")
        w.line("`ifdef VERILATOR")
        w.nested { w in
            for k in order {
                block(&w, k) { p in
                    let text = Self.escaped("\(p.location): \(p.message)")
                    switch p.kind {
                    case .assert: return ["assert (\(ex.bare(p.condition))) else $fatal(1, \"assertion failed at \(text)\");"]
                    case .assume: return ["assume (\(ex.bare(p.condition))) else $fatal(1, \"assumption failed at \(text)\");"]
                    case .cover: return ["if (\(ex.bare(p.condition))) $display(\"cover reached at \(text)\");"]
                    }
                }
            }
        }
        w.line("`else")
        w.nested { w in
            for k in order {
                block(&w, k) { p in
                    let text = Self.escaped("\(p.location): \(p.message)")
                    switch p.kind {
                    case .assert: return ["if (!\(ex.text(p.condition))) $fatal(1, \"assertion failed at \(text)\");"]
                    case .assume: return ["if (!\(ex.text(p.condition))) $fatal(1, \"assumption failed at \(text)\");"]
                    case .cover: return ["if (\(ex.bare(p.condition))) $display(\"cover reached at \(text)\");"]
                    }
                }
            }
        }
        w.line("`endif")
        w.line("`endif")
        w.line("`endif")
    }

    /// A Verilog string literal's content: `"` and `\` escaped, `%` doubled.
    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "%": out += "%%"
            default: out.append(c)
            }
        }
        return out
    }
}
