import CoSim
import Foundation
import HDL
import TestSupport
import VerilogEmitter

/// Runs an emitted design in Icarus and in Verilator with the same cycle-by-cycle
/// stimulus and returns what both observed (they must agree, or `run` throws).
///
/// Semantics of one cycle: the cycle's inputs are applied (inputs not listed keep their
/// value; every input starts at 0), values settle, every output is read, then `clk`
/// rises and falls. So a row shows the state left by the previous edges, combined with
/// the cycle's inputs. Other clocks are ordinary inputs: a cycle that sets one from 0
/// to 1 makes its rising edge (before the row is read).
enum DualSimulation {
    struct Result {
        /// Per cycle, output name -> value as Verilator saw it (rows until a simulation ended).
        var rows: [[String: UInt64]]
        /// Icarus's whole output (assertion messages, `$display`s).
        var icarusLog: String
        /// How Verilator's simulation ended on its own (`$fatal`, `$finish`), if it did.
        var verilatorEnd: ModelEnd?
    }

    static let cache = ModelCache(directory: RepoPaths.root.appendingPathComponent("sim/build/test-cache"))

    /// `extraVerilog` is appended to the design (e.g. the model of a black box).
    static func run(_ design: Module, extraVerilog: String = "", cycles: [[String: UInt64]]) throws -> Result {
        let verilog = VerilogEmitter.emit(design) + extraVerilog
        let inputs = design.inputPorts.map { design.signals[$0] }
        let outputs = design.outputPorts.map { design.signals[$0] }
        let icarus = try runIcarus(verilog, top: design.name, inputs: inputs, outputs: outputs, cycles: cycles)
        let ports = inputs.map { ModelPort.input($0.name, $0.width) } + outputs.map { ModelPort.output($0.name, $0.width) }
        let model = try VerilatedModel(ModelSpec(verilog: verilog, top: design.name, ports: ports, verilatorFlags: ["--assert"]),
                                       cache: cache)
        var handles: [String: InputPort] = [:]
        for s in inputs where s.name != "clk" { handles[s.name] = try model.input(s.name) }
        let outHandles = try outputs.map { try model.output($0.name) }
        var rows: [[String: UInt64]] = []
        for c in cycles {
            for (name, v) in c.sorted(by: { $0.key < $1.key }) {
                guard let h = handles[name] else { throw TestSupportError("no input \(name)") }
                model.poke(h, v)
            }
            model.settle()
            if model.end != nil { break }
            var row: [String: UInt64] = [:]
            for (k, s) in outputs.enumerated() { row[s.name] = model.peek(outHandles[k]) }
            rows.append(row)
            if !model.step() { break }
        }
        let n = min(rows.count, icarus.rows.count)
        // An output Icarus shows as x (not initialised yet) is not compared.
        for i in 0..<n where rows[i].contains(where: { icarus.rows[i][$0.key] != UInt64.max && icarus.rows[i][$0.key] != $0.value }) {
            throw TestSupportError("cycle \(i): Verilator \(rows[i].sorted { $0.key < $1.key }) but Icarus \(icarus.rows[i].sorted { $0.key < $1.key })\n\(icarus.log)")
        }
        if rows.count != icarus.rows.count && (model.end == nil || !icarus.log.contains("FATAL")) {
            throw TestSupportError("Verilator ran \(rows.count) cycles (end: \(model.end.map { "\($0)" } ?? "none")), Icarus \(icarus.rows.count):\n\(icarus.log)")
        }
        return Result(rows: Array(rows.prefix(n)), icarusLog: icarus.log, verilatorEnd: model.end)
    }

    /// A generated Icarus bench: `ROW <hex> <hex> ...` per cycle, outputs in port order.
    private static func runIcarus(_ verilog: String, top: String, inputs: [SignalDecl], outputs: [SignalDecl],
                                  cycles: [[String: UInt64]]) throws -> (rows: [[String: UInt64]], log: String) {
        func range(_ w: Int) -> String { w == 1 ? "" : "[\(w - 1):0] " }
        var tb = "`timescale 1ns/1ns\nmodule tb;\n"
        for s in inputs { tb += "    reg \(range(s.width))\(s.name) = 0;\n" }
        for s in outputs { tb += "    wire \(range(s.width))\(s.name);\n" }
        tb += "    \(top) dut (" + (inputs + outputs).map { ".\($0.name)(\($0.name))" }.joined(separator: ", ") + ");\n"
        tb += "    initial begin\n"
        let format = "ROW" + String(repeating: " %h", count: outputs.count)
        let args = outputs.map(\.name).joined(separator: ", ")
        for c in cycles {
            for (name, v) in c.sorted(by: { $0.key < $1.key }) {
                let w = inputs.first { $0.name == name }?.width ?? 1
                tb += "        \(name) = \(w)'h\(String(v, radix: 16));\n"
            }
            tb += "        #1 $display(\"\(format)\"\(args.isEmpty ? "" : ", " + args));\n"
            tb += "        clk = 1; #1 clk = 0; #1;\n"
        }
        tb += "        $finish;\n    end\nendmodule\n"
        let dir = try RepoPaths.scratchDirectory("dual-\(top)")
        let dut = dir.appendingPathComponent("\(top).v"), bench = dir.appendingPathComponent("tb.v")
        try verilog.write(to: dut, atomically: true, encoding: .utf8)
        try tb.write(to: bench, atomically: true, encoding: .utf8)
        let exe = dir.appendingPathComponent("sim").path
        let compile = try Tools.run("iverilog", ["-g2005", "-o", exe, "-s", "tb", bench.path, dut.path])
        guard compile.status == 0 else { throw TestSupportError("iverilog failed:\n\(compile.output)") }
        let run = try Tools.run("vvp", ["-n", exe])
        try? FileManager.default.removeItem(at: dir)
        var rows: [[String: UInt64]] = []
        for line in run.stdout.split(separator: "\n") where line.hasPrefix("ROW") {
            let fields = line.split(separator: " ").dropFirst()
            var row: [String: UInt64] = [:]
            for (k, f) in fields.enumerated() { row[outputs[k].name] = UInt64(f, radix: 16) ?? UInt64.max }
            rows.append(row)
        }
        return (rows, run.output)
    }
}
