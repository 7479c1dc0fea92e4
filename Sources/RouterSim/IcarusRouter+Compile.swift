import CoSim
import Foundation

extension IcarusRouter {
    /// Compiles the bench and the RTL in `dir` with `iverilog` (`sim.vvp`).
    /// The RTL's faults are bad input, as under Verilator: a file iverilog
    /// cannot parse or without module `trapline_router` is `VerilogRejected`
    /// (naming `sourceName`, not the copy in the work folder); ports missing (an
    /// iverilog error), extra, of the wrong direction or width (read from the
    /// compiled `sim.vvp`, which lists the RTL's ports) are
    /// `ModelError.interfaceMismatch`, worded as Verilator's check
    /// (`InterfaceCheck.problems`). Anything else is a `ToolError`.
    func compile(in dir: URL) throws {
        let path = try Toolchain.locate(.iverilog)
        let arguments = ["-g2005", "-o", "sim.vvp", "-s", IcarusTestBench.topModule,
                         IcarusTestBench.benchFile, IcarusTestBench.routerFile]
        // iverilog's preprocessor files (ivrl*) go into the work folder, not TMPDIR: killed, it leaves them.
        let result = try ProcessRunner.run(path, arguments, cwd: dir, environment: ["TMPDIR": dir.path])
        var problems = Self.missingPorts(result.output)
        // The bench did not compile for want of ports: compile the RTL alone to list all of them.
        let listing = problems.isEmpty ? (result.status == 0 ? ("sim.vvp", "dut") : nil) : try Self.compileAlone(dir, path)
        if let (file, scope) = listing, let vvp = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) {
            let declared = Self.declaredPorts(vvp: vvp, scope: scope)
            if !declared.isEmpty {
                let expected = RouterInterface.ports.map { ModelPort($0.name, width: $0.width, $0.isInput ? .input : .output) }
                problems = InterfaceCheck.problems(expected: expected, declared: declared)
            }
        }
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

    /// `iverilog` on the RTL alone (`router.vvp`, top `trapline_router`): the
    /// listing of its ports when the bench cannot bind them; nil when it fails too.
    static func compileAlone(_ dir: URL, _ iverilog: String) throws -> (String, String)? {
        let top = RouterInterface.topModule
        let r = try ProcessRunner.run(iverilog, ["-g2005", "-o", "router.vvp", "-s", top, IcarusTestBench.routerFile],
                                      cwd: dir, environment: ["TMPDIR": dir.path])
        return r.status == 0 ? ("router.vvp", top) : nil
    }

    /// The ports of instance `scope` of `trapline_router` as a compiled `.vvp`
    /// lists them: `.scope module, "dut" "trapline_router" ...` then one
    /// `.port_info N /INPUT 4 "cmd_op";` line per port (empty when not found).
    static func declaredPorts(vvp: String, scope: String) -> [String: InterfaceCheck.Declared] {
        var ports: [String: InterfaceCheck.Declared] = [:]
        var inDut = false
        for line in vvp.split(separator: "\n") {
            if line.contains(".scope ") {
                inDut = line.contains(".scope module, \"\(scope)\" \"\(RouterInterface.topModule)\"")
                continue
            }
            guard inDut else { continue }
            guard line.contains(".port_info ") else { if ports.isEmpty { continue } else { break } }   // the list is over
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let i = words.firstIndex(of: ".port_info"), i + 4 < words.count, let width = Int(words[i + 3]) else { continue }
            let name = words[i + 4].trimmingCharacters(in: CharacterSet(charactersIn: "\";"))
            ports[name] = InterfaceCheck.Declared(direction: words[i + 2] == "/INPUT" ? .input : .output, width: width)
        }
        return ports
    }

    /// The ports iverilog reports missing when it binds the bench's connections
    /// to the RTL's (a compile error, so there is no `sim.vvp` to read).
    static func missingPorts(_ output: String) -> [String] {
        let byName = Dictionary(RouterInterface.ports.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        for line in output.split(separator: "\n") where line.contains("is not a port of") {
            // error: port ``cmd_guest'' is not a port of dut.
            let words = line.split(separator: " ").map(String.init)
            guard let i = words.firstIndex(of: "port"), i + 1 < words.count else { continue }
            let name = words[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: "`'"))
            let p = byName[name]
            let problem = "missing \(p.map { $0.isInput ? "input" : "output" } ?? "port") [\((p?.width ?? 1) - 1):0] \(name)"
            if !problems.contains(problem) { problems.append(problem) }
        }
        return problems
    }
}
