import CoSim
import Foundation

/// The mutants of a router RTL, made by Yosys' `mutate`: the list of N
/// mutations (`mutate -list N -seed S`, deterministic), and one netlist holding
/// all of them, each active only when the mutant select equals its id
/// (`mutate -ctrl`), so one Verilator build serves every mutant (a build of the
/// router's netlist takes about a minute; a campaign on a killed mutant, a second).
/// The RTL is read, `proc`essed, flattened and `opt`imised before the mutations
/// are chosen (the optimised netlist is a quarter the size: faster to build and
/// simulate, and fewer mutations of dead logic); Yosys keeps each cell's `src`.
///
/// The select is not a port: the netlist's `trapline_router` keeps the SPEC 9
/// interface and reads its select once, at time 0, from the environment variable
/// `TRAPLINE_MUTANT` (a Verilator `$c` expression), 0 (no mutation) when unset.
/// This netlist therefore runs on Verilator only.
public struct MutantDesign: Sendable {
    /// The environment variable the netlist reads its mutant select from.
    public static let selectVariable = "TRAPLINE_MUTANT"
    /// The select's name inside the netlist.
    static let selectName = "trapline_mutant_select"

    /// The mutations, numbered from 1.
    public var mutations: [YosysMutation]
    /// The netlist of every mutation (Verilog, module trapline_router, SPEC 9 ports).
    public var verilog: String
    /// The RTL that was mutated, by line (for the text of a mutation's source line).
    public var sourceLines: [String]
    /// The path Yosys read the RTL from (the `src` attributes name it).
    public var sourcePath: String

    /// Runs Yosys in `folder` (created): the RTL `verilog` is written there as
    /// `trapline_router.v`, the list as `mutations.ys`, the netlist as `mutants.v`.
    /// `top`: the module to mutate. Throws `ToolError` (Yosys missing or failing).
    public static func make(verilog: String, count: Int, seed: UInt64, folder: URL,
                            top: String = "trapline_router") throws -> MutantDesign {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("trapline_router.v")
        try verilog.write(to: source, atomically: true, encoding: .utf8)
        let prepare = "read_verilog trapline_router.v; hierarchy -check -top \(top); proc; flatten; opt"
        // 1. The list.
        try yosys("\(prepare); mutate -list \(count) -seed \(seed) -o mutations.ys", in: folder)
        let listText = try String(contentsOf: folder.appendingPathComponent("mutations.ys"), encoding: .utf8)
        let mutations = YosysMutation.parseList(listText)
        // 2. One netlist with every mutation behind the select.
        let width = max(8, bitsFor(mutations.count))
        let apply = mutations.map { $0.controlledCommand(select: selectName, width: width) }.joined(separator: "\n") + "\n"
        try apply.write(to: folder.appendingPathComponent("apply.ys"), atomically: true, encoding: .utf8)
        try yosys("\(prepare); script apply.ys; opt_clean; write_verilog -noattr mutants-netlist.v", in: folder)
        let netlist = try String(contentsOf: folder.appendingPathComponent("mutants-netlist.v"), encoding: .utf8)
        guard let selected = internalSelect(netlist, width: width, hasMutations: !mutations.isEmpty) else {
            throw ToolError.failed(tool: .yosys, command: "yosys mutate -ctrl \(selectName) (in \(folder.path))",
                                   output: "the netlist Yosys wrote (mutants-netlist.v) has no \(selectName) input to make internal")
        }
        try selected.write(to: folder.appendingPathComponent("mutants.v"), atomically: true, encoding: .utf8)
        return MutantDesign(mutations: mutations, verilog: selected,
                            sourceLines: verilog.components(separatedBy: "\n"), sourcePath: "trapline_router.v")
    }

    /// The text of source line `line` (1-based) of the mutated RTL, trimmed; "" past its end.
    public func text(ofLine line: Int) -> String {
        guard line >= 1, line <= sourceLines.count else { return "" }
        return sourceLines[line - 1].trimmingCharacters(in: .whitespaces)
    }

    /// Runs `yosys -q -p SCRIPT` in `folder`; a failure is a `ToolError` with Yosys' output.
    static func yosys(_ script: String, in folder: URL) throws {
        _ = try ProcessRunner.check(.yosys, ["-q", "-p", script], cwd: folder)
    }

    static func bitsFor(_ n: Int) -> Int { var b = 1; while (1 << b) <= n { b += 1 }; return b }

    /// The netlist with its select input turned into a register read from the
    /// environment at time 0 (the port list is the RTL's again). nil when the
    /// netlist has no such input (and mutations were applied).
    static func internalSelect(_ netlist: String, width: Int, hasMutations: Bool) -> String? {
        guard hasMutations else { return netlist }
        var text = netlist
        guard let portRange = text.range(of: #",\s*\#(selectName)\);"#, options: .regularExpression) else { return nil }
        text.replaceSubrange(portRange, with: ");")
        let range = "[\(width - 1):0]"
        let read = "(std::getenv(\\\"\(selectVariable)\\\") ? std::atoi(std::getenv(\\\"\(selectVariable)\\\")) : 0)"
        let lines = text.components(separatedBy: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            if t == "input \(range) \(selectName);" {
                return "  reg \(range) \(selectName);\n  initial \(selectName) = $c32(\"\(read)\");"
            }
            if t == "wire \(range) \(selectName);" { return nil }
            return line
        }
        return lines.joined(separator: "\n")
    }
}
