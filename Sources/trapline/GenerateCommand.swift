import ArgumentParser
import Foundation
import RouterDesign
import RouterModel
import RouterSpec

/// `trapline generate [--out DIR] [parameters]` (SPEC 11): writes
/// DIR/trapline_router.v and, next to it, the C header `trapline_fields.h`
/// for the same parameters, written from RouterSpec's constants
/// (`SpecDocuments`). At the default parameters, when DIR is a
/// repository's `rtl` folder, it also rewrites `docs/fields.md`, so `make rtl`
/// reproduces every committed generated file.
/// Parameters are validated and the text generated before anything is written.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the router's Verilog (DIR/trapline_router.v) and its C field header (DIR/trapline_fields.h).",
        discussion: "Same parameters give byte-identical files. At the defaults with --out rtl in a repository, docs/fields.md is rewritten too (make rtl). Out-of-range parameters exit 2 before anything is written.")
    @OptionGroup var parameters: ParameterOptions
    @Option(help: "Output folder (created when missing).")
    var out: String = "rtl"

    func run() throws {
        let config = try parameters.config()
        try OutputPaths.checkFolder("--out", out, what: "the generated files")
        let p = config.designParameters
        let verilog: String
        do { verilog = try RouterGenerator.verilog(p) } catch let e as RouterParameterError {
            throw CLIError.badInput(e.message)
        }
        var files: [(URL, String)] = []
        let dir = URL(fileURLWithPath: out, isDirectory: true)
        files.append((dir.appendingPathComponent("trapline_router.v"), verilog))
        files.append((dir.appendingPathComponent("trapline_fields.h"), SpecDocuments.cHeader(config)))
        // docs/fields.md belongs next to rtl/ in a repository checkout.
        let docs = dir.deletingLastPathComponent().appendingPathComponent("docs", isDirectory: true)
        if dir.lastPathComponent == "rtl", config == .default,
           FileManager.default.fileExists(atPath: docs.path) {
            files.append((docs.appendingPathComponent("fields.md"), SpecDocuments.markdown(config)))
        }
        do { try AtomicFiles.write(files.map { (url: $0.0, text: $0.1) }) } catch {
            throw CLIError.badInput("--out \(out): cannot write \(error.file.path) (\(error.reason)); nothing was written; give a writable folder")
        }
        try StandardOutput.print(files.map(\.0.path).joined(separator: "\n"))
    }
}
