import CoSim
import Foundation

extension MutantDesign {
    /// The RTL `MutantDesign.make` wrote into `folder` (`trapline_router.v`), prepared as for the
    /// mutations (`proc; flatten; opt`) with the one mutation `m` applied (nil: none, the control),
    /// written by Yosys as plain Verilog to `file` and returned. Unlike `mutants.v` it has no
    /// mutant select, so any simulator or prover can run it (`--prove-survivors`, the Icarus
    /// re-check). Throws `ToolError` (Yosys missing or failing).
    public static func alone(_ m: YosysMutation?, folder: URL, file: URL) throws -> String {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let script = "read_verilog trapline_router.v; hierarchy -check -top trapline_router; proc; flatten; opt; "
            + (m.map { "\($0.command); " } ?? "") + "opt_clean; write_verilog -noattr \(file.path)"
        _ = try ProcessRunner.check(.yosys, ["-q", "-p", script], cwd: folder)
        return try String(contentsOf: file, encoding: .utf8)
    }
}
