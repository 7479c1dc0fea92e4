/// The build's side of `ModelSpec.observed`: each path is found in
/// Verilator's netlist (`--xml-only`, so a missing path fails with the
/// closest signals before any C++ is written), written as one
/// `public_flat_rd -module "M" -var "V"` line of a Verilator configuration
/// file (that variable of that module is kept and readable; the rest of the
/// model is optimised as before; every instance of the module keeps it),
/// and, after Verilation, checked against the generated root header, so a
/// variable Verilator still did not store is a `ModelError`, never a C++
/// compiler error.
enum ObservedBuild {
    /// Where the signal at `path` lives in the design.
    static func find(_ path: String, netlist: VerilatorNetlist, top: String) throws(ModelError) -> VerilatorNetlist.SignalLocation {
        let probe = ObservedSignal(path: path, width: 1)
        if let problem = probe.pathProblem { throw .badSpec(problem) }
        do { return try netlist.locate(probe.components) } catch {
            switch error {
            case .missing:
                throw .unknownSignal(path: path, top: top, reason: "the design has no such signal",
                                     candidates: SignalCandidates.closest(to: path, among: netlist.signalPaths()))
            case let .notABitVector(reason):
                throw .badSpec("observed signal \(path) of \(top) cannot be observed: \(reason)")
            }
        }
    }

    /// Where `signal` lives in the design; its width must match the spec's.
    static func locate(_ signal: ObservedSignal, netlist: VerilatorNetlist, top: String) throws(ModelError) -> VerilatorNetlist.SignalLocation {
        let location = try find(signal.path, netlist: netlist, top: top)
        guard location.width == signal.width else {
            throw .badSpec("observed signal \(signal.path) is \(location.width) bits wide in \(top), \(signal.width) in the spec")
        }
        return location
    }

    /// The Verilator configuration file (`.vlt`) that keeps the observed signals.
    static func configuration(spec: ModelSpec, netlist: VerilatorNetlist) throws(ModelError) -> String {
        var lines = ["`verilator_config"]
        for s in spec.observed {
            let l = try locate(s, netlist: netlist, top: spec.top)
            let line = "public_flat_rd -module \"\(l.module)\" -var \"\(l.variable)\""
            if !lines.contains(line) { lines.append(line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Throws `ModelError.unknownSignal` for an observed signal that has no
    /// member in the generated `V<top>___024root.h`, with the closest members.
    static func checkMembers(spec: ModelSpec, rootHeader: String) throws(ModelError) {
        let members = VerilatorNames.members(rootHeader: rootHeader)
        for s in spec.observed where !members.contains(VerilatorNames.member(top: spec.top, path: s.components)) {
            let kept = members.compactMap { VerilatorNames.path(member: $0, top: spec.top) }
            throw .unknownSignal(path: s.path, top: spec.top,
                                 reason: "Verilator stores no variable for it (a genvar, or a value it folded into constants)",
                                 candidates: SignalCandidates.closest(to: s.path, among: kept))
        }
    }
}
