import Foundation
import Testing
import TestSupport

/// `trapline generate` (SPEC 11): writes DIR/trapline_router.v, byte-identical
/// for the same parameters; bad parameters exit 2 before anything is written.
@Suite struct GenerateCommandTests {
    static func generate(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, ["generate"] + args)
    }

    @Test func defaultsReproduceTheCommittedFiles() throws {
        let dir = try RepoPaths.scratchDirectory("generate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("rtl")
        let r = try Self.generate(["--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["trapline_router.v", "trapline_fields.h"] {
            let made = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let committed = try String(contentsOf: RepoPaths.root.appendingPathComponent("rtl/\(name)"), encoding: .utf8)
            #expect(made == committed, "rtl/\(name) differs from `trapline generate` at the defaults: run `make rtl`")
        }
    }

    /// In a folder laid out like the repository (rtl/ next to docs/), the defaults
    /// also rewrite docs/fields.md, identical to the committed one.
    @Test func defaultsReproduceDocsFieldsMarkdown() throws {
        let dir = try RepoPaths.scratchDirectory("generate-docs")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let r = try Self.generate(["--out", dir.appendingPathComponent("rtl").path])
        #expect(r.status == 0, "\(r.stderr)")
        let made = try String(contentsOf: dir.appendingPathComponent("docs/fields.md"), encoding: .utf8)
        let committed = try String(contentsOf: RepoPaths.root.appendingPathComponent("docs/fields.md"), encoding: .utf8)
        #expect(made == committed, "docs/fields.md differs from `trapline generate` at the defaults: run `make rtl`")
        #expect(made.contains("| EXIT_REASON_VMREAD | 23 | 16 |") && made.contains("| FIELD_ROUTE_BASE | 0x4200 | 32 |"))
    }

    /// The header names every encoding, control bit, code and reason, and compiles as C11.
    @Test func fieldHeaderNamesTheSpecNumbersAndCompilesAsC() throws {
        let h = try String(contentsOf: RepoPaths.root.appendingPathComponent("rtl/trapline_fields.h"), encoding: .utf8)
        #expect(h.contains("#define TRAPLINE_FIELD_PIN 0x4000u"))
        #expect(h.contains("#define TRAPLINE_FIELD_ROUTE(i) (TRAPLINE_FIELD_ROUTE_BASE + 2u * (unsigned)(i))"))
        #expect(h.contains("#define TRAPLINE_FIELD_IO_CTRL_COUNT 8u"))
        #expect(h.contains("#define TRAPLINE_PIN_NMI_EXITING (1u << 3)"))
        for bit in [7, 9, 10, 11, 12, 23, 24, 25, 29, 30] { #expect(h.contains("(1u << \(bit))\n"), "PROC bit \(bit)") }
        #expect(h.contains("#define TRAPLINE_EXIT_IO_INSTRUCTION 30u") && h.contains("#define TRAPLINE_EXIT_VMREAD 23u"))
        #expect(h.contains("#define TRAPLINE_ERR_ROUTE_LOCKED 64u") && h.contains("#define TRAPLINE_REJECT_UNKNOWN_OP 4u"))
        #expect(h.contains("#define TRAPLINE_POLICY_STATIC 4u") && h.contains("#define TRAPLINE_RSP_REJECTED 4u"))

        let dir = try RepoPaths.scratchDirectory("fields-h")
        defer { try? FileManager.default.removeItem(at: dir) }
        try h.write(to: dir.appendingPathComponent("trapline_fields.h"), atomically: true, encoding: .utf8)
        let source = dir.appendingPathComponent("check.c")
        try """
        #include "trapline_fields.h"
        _Static_assert(TRAPLINE_FIELD_ROUTE(30) == 0x423Cu, "ROUTE[30]");
        _Static_assert(TRAPLINE_FIELD_OWNER(7) == 0x468Eu, "OWNER[7]");
        _Static_assert(TRAPLINE_PROC_USE_IO_BITMAPS == 0x2000000u, "bit 25");
        int main(void) { return 0; }
        """.write(to: source, atomically: true, encoding: .utf8)
        let r = try Tools.run("cc", ["-std=c11", "-Wall", "-Werror", "-fsyntax-only", source.path], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func sameParametersTwiceGiveIdenticalBytes() throws {
        let dir = try RepoPaths.scratchDirectory("generate-twice")
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["--vmms", "7", "--guests", "3", "--io-ranges", "0", "--platform-vmm", "6", "--static-map", "55", "--no-io-bitmaps"]
        #expect(try Self.generate(["--out", dir.appendingPathComponent("a").path] + args).status == 0)
        #expect(try Self.generate(["--out", dir.appendingPathComponent("b").path] + args).status == 0)
        let a = try Data(contentsOf: dir.appendingPathComponent("a/trapline_router.v"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b/trapline_router.v"))
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).contains("--vmms 7 --guests 3 --io-ranges 0 --platform-vmm 6 --static-map 55 --no-io-bitmaps"))
    }

    @Test(arguments: [
        (["--vmms", "1"], "--vmms 1 is out of range: it must be 2...16"),
        (["--guests", "65"], "--guests 65 is out of range: it must be 1...64"),
        (["--io-ranges", "17"], "--io-ranges 17 is out of range: it must be 0...16"),
        (["--vmms", "3", "--platform-vmm", "3"], "--platform-vmm 3 is out of range: it must be 0...2"),
        (["--static-map", "5,8"], "--static-map contains 8"),
    ])
    func outOfRangeParametersExit2AndWriteNothing(args: [String], message: String) throws {
        let dir = try RepoPaths.scratchDirectory("generate-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("rtl")
        let r = try Self.generate(["--out", out.path] + args)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing may be written for bad parameters")
    }
}
