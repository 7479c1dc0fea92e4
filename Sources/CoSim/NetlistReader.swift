import Foundation

/// Runs `verilator --xml-only --top-module TOP -Wno-fatal --xml-output
/// OUT.xml` on Verilog text and reads the netlist (`VerilatorXML`). The text
/// is written as `<top>.v` into a folder of its own (removed afterwards, also
/// when Trapline is interrupted).
///
/// Errors: Verilog that Verilator refuses (a syntax error, no module `top`)
/// is `VerilogRejected`, as for a model build; for an unknown top the
/// diagnosis lists the modules Verilator found (a second run without
/// `--top-module`). A missing `verilator` is `ToolError.missing`, a crash or
/// unreadable XML `ToolError.failed`.
enum NetlistReader {
    /// `source`: how messages name the text (the user's file); nil: "the Verilog text".
    /// `folder`: where to work (a build folder); nil: a new temporary folder.
    static func read(verilog: String, top: String, flags: [String], source: String? = nil,
                     in folder: URL? = nil) throws -> VerilatorNetlist {
        let fm = FileManager.default
        let dir = folder ?? fm.temporaryDirectory.appendingPathComponent("trapline-xml-\(UUID().uuidString)")
        if folder == nil {
            ProcessGuard.registerTemporary(dir)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        defer { if folder == nil { try? fm.removeItem(at: dir); ProcessGuard.release(dir) } }
        let copy = dir.appendingPathComponent("\(top).v")
        let xml = dir.appendingPathComponent("\(top).xml")
        defer { try? fm.removeItem(at: xml) }
        try verilog.write(to: copy, atomically: false, encoding: .utf8)
        let verilator = try Toolchain.locate(.verilator)
        let arguments = ["--xml-only", "--top-module", top, "-Wno-fatal", "--xml-output", xml.path] + flags + [copy.path]
        let result = try ProcessRunner.run(verilator, arguments, cwd: dir)
        guard result.status == 0 else {
            let failure = ModelBuilder.verilatorFailure(result, top: top, verilog: verilog, copy: copy, command: [verilator] + arguments)
            guard var rejected = failure as? VerilogRejected else { throw failure }
            rejected.source = source
            if result.output.contains("--top-module '\(top)' was not found"),
               let modules = modules(copy: copy, flags: flags, verilator: verilator, in: dir) {
                rejected.diagnosis = "Verilator found no module named \(top); the modules it found are: "
                    + (modules.isEmpty ? "none" : modules.joined(separator: ", "))
            }
            throw rejected
        }
        do {
            return try VerilatorXML.parse(try Data(contentsOf: xml))
        } catch {
            throw ToolError.failed(tool: .verilator, command: ([verilator] + arguments).joined(separator: " "),
                                   output: "cannot read the XML netlist it wrote: \(error)")
        }
    }

    /// The modules of the text as Verilator elaborates it without a top
    /// module (each uninstantiated module is a top), by their Verilog names;
    /// nil when that run fails too.
    private static func modules(copy: URL, flags: [String], verilator: String, in dir: URL) -> [String]? {
        let xml = dir.appendingPathComponent("all-modules.xml")
        let arguments = ["--xml-only", "-Wno-fatal", "--xml-output", xml.path] + flags + [copy.path]
        guard let result = try? ProcessRunner.run(verilator, arguments, cwd: dir), result.status == 0,
              let data = try? Data(contentsOf: xml) else { return nil }
        return (try? VerilatorXML.parse(data))?.originalModuleNames
    }
}
