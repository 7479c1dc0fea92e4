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
