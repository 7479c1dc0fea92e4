import Formal
import Foundation
import HDL
import RouterDesign
import RouterModel
import RouterSim

/// The files of a `trapline prove` run and the prover over them: the router (generated
/// or `--rtl`), the safety checker generated for the same parameters, and the harness
/// `trapline_prove_top` that binds the checker to the router's SPEC 9 ports. The router's
/// own assertions (`RouterInvariants`, group `invariant`, when the router has them) are
/// groups of the prover too.
struct ProveModel {
    /// Memories of at least this many words are cut out of the model when the I/O bitmaps
    /// are on (their reads become free values): the bitmaps, 4 x 2048 x 32 bits at the
    /// defaults, are beyond what the model checkers can hold as flip-flops.
    static let abstractionThreshold = 256

    static let top = "trapline_prove_top"
    let routerVerilog: String
    let routerFile: URL
    let groups: AssertionGroups
    var prover: Prover
    let abstractionNotes: [String]

    /// `bridge`: add `ReadBackBridge` (the strengthening of 4b), for the generated router only.
    init(config: RouterConfig, routerVerilog: String, directory: URL, bridge: Bool = false) throws {
        let p = config.designParameters
        let checkerModule: Module
        let checkerText: String
        do {
            checkerModule = try SafetyChecker.module(p)
            checkerText = try SafetyChecker.verilog(p)
        } catch let e as RouterParameterError { throw CLIError.badInput(e.message) }
        let checkerFile = SafetyChecker.moduleName + ".v"
        let inputs = checkerModule.signals.filter { $0.kind == .input }
        let ports = RouterInterface.ports.map { HarnessPort(name: $0.name, width: $0.width, isInput: $0.isInput) }
        let free = inputs.filter { i in !ports.contains { $0.name == i.name } }.map { HarnessPort(name: $0.name, width: $0.width, isInput: true) }
        var helpers: [(module: String, instance: String, ports: [String])] = []
        var sources: [(name: String, text: String)] = [("trapline_router.v", routerVerilog), (checkerFile, checkerText)]
        var bindings: [(sink: String, source: String)] = []
        if bridge {
            do { sources.append((ReadBackBridge.moduleName + ".v", try ReadBackBridge.verilog(p))) } catch let e as RouterParameterError { throw CLIError.badInput(e.message) }
            helpers = [(ReadBackBridge.moduleName, "u_bridge", ReadBackBridge.routerPorts)]
            bindings = ReadBackBridge.bindings(p).map { ("u_bridge." + $0.input, ($0.inRouter ? "dut." : "u_checker.") + $0.signal) }
        }
        let harness = ProofHarness.verilog(top: Self.top, design: RouterInterface.topModule, ports: ports,
                                           checker: SafetyChecker.moduleName, checkerInputs: inputs.map(\.name), checkerOnly: free,
                                           clock: "clk", reset: "rst", helpers: helpers)
        self.routerVerilog = routerVerilog
        routerFile = directory.appendingPathComponent("trapline_router.v")
        // The router's own assertions (the generated router's register invariants, group
        // `invariant`) beside the checker's properties.
        groups = AssertionGroups.parse(files: sources.map { ($0.text, $0.name) })
        var prover = Prover(workDirectory: directory, sources: sources + [(Self.top + ".v", harness)],
                            top: Self.top, clock: "clk", groups: groups)
        prover.bindings = bindings
        if config.ioBitmaps {
            prover.abstractMemories = Self.abstractionThreshold
            abstractionNotes = ["I/O bitmaps on: memories of \(Self.abstractionThreshold) words or more (the bitmaps) are cut out and their reads are free values, so a PROVED verdict holds for every bitmap content; a FAILED one may need bitmap contents the router cannot hold (the Verilator replay tells)"]
        } else {
            abstractionNotes = []
        }
        self.prover = prover
    }
}
