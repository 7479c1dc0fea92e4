import CoSim
import Foundation

extension IcarusRouter {
    /// Compiles the bench and the RTL in `dir` with `iverilog` (`sim.vvp`).
    /// The RTL's faults are bad input, as under Verilator: a file iverilog
    /// cannot parse or without module `trapline_router` is `VerilogRejected`
    /// (naming `sourceName`, not the copy in the work folder); ports missing,
    /// of the wrong width or left without a driver are
    /// `ModelError.interfaceMismatch`, worded like Verilator's check. Anything
    /// else is a `ToolError`.
    func compile(in dir: URL) throws {
        let path = try Toolchain.locate(.iverilog)
        // -Wportbind: iverilog reports width mismatches (by default) and inputs the bench leaves floating.
        let arguments = ["-g2005", "-Wportbind", "-o", "sim.vvp", "-s", IcarusTestBench.topModule,
                         IcarusTestBench.benchFile, IcarusTestBench.routerFile]
        // iverilog's preprocessor files (ivrl*) go into the work folder, not TMPDIR: killed, it leaves them.
        let result = try ProcessRunner.run(path, arguments, cwd: dir, environment: ["TMPDIR": dir.path])
        let problems = Self.portProblems(result.output)
        if !problems.isEmpty {
            throw ModelError.interfaceMismatch(top: RouterInterface.topModule, problems: problems)
        }
        guard result.status != 0 else { return }
        let output = result.output
        if output.contains("\(IcarusTestBench.routerFile):") || output.contains("Unknown module type: \(RouterInterface.topModule)") {
            var rejected = VerilogRejected(tool: "iverilog", top: RouterInterface.topModule, verilog: verilog,
                                           output: output, copies: [IcarusTestBench.routerFile])
            rejected.source = sourceName
            throw rejected
        }
        throw ToolError.failed(tool: .iverilog, command: ([path] + arguments).joined(separator: " "), output: output)
    }

    /// The interface differences iverilog reports when it binds the bench's
    /// connections to the RTL's ports (each once, in the order reported).
    static func portProblems(_ output: String) -> [String] {
        let top = RouterInterface.topModule
        let byName = Dictionary(RouterInterface.ports.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        func add(_ p: String) { if !problems.contains(p) { problems.append(p) } }
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if let i = words.firstIndex(of: "port"), line.contains("is not a port of"), i + 1 < words.count {
                // error: port ``cmd_guest'' is not a port of dut.
                let name = words[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: "`'"))
                let p = byName[name]
                add("missing \(p.map { $0.isInput ? "input" : "output" } ?? "port") [\((p?.width ?? 1) - 1):0] \(name)")
            } else if let i = words.firstIndex(of: "Port"), line.contains("of \(top) expects"), i + 9 < words.count {
                // warning: Port 4 (cmd_op) of trapline_router expects 4 bits, got 3.
                let name = words[i + 2].trimmingCharacters(in: CharacterSet(charactersIn: "()"))
                let wanted = words[i + 6], got = words[i + 9].trimmingCharacters(in: CharacterSet(charactersIn: "."))
                add("\(name) is \(wanted) bits wide in the Verilog, \(got) in the port list")
            } else if line.contains("Instantiating module \(top) with dangling input port"), let open = line.lastIndex(of: "("),
                      let close = line.lastIndex(of: ")"), open < close {
                // warning: Instantiating module trapline_router with dangling input port 16 (extra_in) floating.
                add("unexpected input \(line[line.index(after: open)..<close]) (not in the port list)")
            }
        }
        return problems
    }
}
