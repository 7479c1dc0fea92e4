import Foundation
import Testing
import TestSupport

/// Issue 14, item 8: output paths are checked before anything runs, a
/// mismatch's exit 1 survives a report that cannot be written, and
/// `generate` writes all of its files or none.
@Suite struct OutputPathCLITests {
    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    /// Nothing ran: no model build, no campaign progress, no summary.
    func expectNothingRan(_ r: Tools.Result) {
        #expect(r.stdout.isEmpty, "\(r.stdout.prefix(300))")
        #expect(!r.stderr.contains("building") && !r.stderr.contains("directed"), "\(r.stderr)")
    }

    /// Before: the campaign ran in full, then "cannot write the report" with a raw NSError (exit 2 even on a mismatch).
    @Test func equivJunitFolderIsRefusedBeforeTheRun() throws {
        let dir = try RepoPaths.scratchDirectory("out-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try trapline(["equiv", "--budget", "1", "--junit", dir.path, "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("trapline: error: --junit \(dir.path) is a folder; give the path of the JUnit report file to write"), "\(r.stderr)")
        expectNothingRan(r)
    }

    /// Before: accepted; a mismatch's shrunk trace and waveform were silently dropped.
    @Test(arguments: ["", "/sub"])
    func equivOutThatIsAFileIsRefusedBeforeTheRun(below: String) throws {
        let dir = try RepoPaths.scratchDirectory("out-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let r = try trapline(["equiv", "--budget", "1", "--out", file.path + below])
        #expect(r.status == 2)
        #expect(r.stderr.contains("is a file, not a folder; give a folder for the shrunk trace"), "\(r.stderr)")
        expectNothingRan(r)
    }

    /// Before: Verilator built the model, then failed with exit 3 "cannot load the compiled model";
    /// Icarus ran and exited 0 without writing any waveform.
    @Test(arguments: ["verilator", "icarus"])
    func cosimWaveFolderIsRefusedBeforeTheRun(sim: String) throws {
        let dir = try RepoPaths.scratchDirectory("out-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try trapline(["cosim", "--random", "5", "--sim", sim, "--wave", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("trapline: error: --wave \(dir.path) is a folder; give the path of the VCD waveform file to write"), "\(r.stderr)")
        expectNothingRan(r)
        let missing = dir.appendingPathComponent("no/such/run.vcd").path
        let m = try trapline(["cosim", "--random", "5", "--sim", sim, "--wave", missing])
        #expect(m.status == 2)
        #expect(m.stderr.contains("the folder \(dir.path)/no/such does not exist"), "\(m.stderr)")
    }

    /// A report that cannot be written after a mismatch (a full device) keeps exit 1 and says so.
    /// Before: exit 2, as if the input were bad.
    @Test func mismatchStaysExitOneWhenTheReportCannotBeWritten() throws {
        let dir = try RepoPaths.scratchDirectory("out-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rtl = dir.appendingPathComponent("reject.v")
        try CosimCommandTests.rejectRouter.write(to: rtl, atomically: true, encoding: .utf8)
        let r = try trapline(["equiv", "--rtl", rtl.path, "--no-random", "--icarus-sample", "0", "--shrink-seconds", "1",
                              "--junit", "/dev/full", "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 1, "\(r.stderr.suffix(600))")
        #expect(r.stdout.contains("verdict: MISMATCH"))
        #expect(r.stderr.contains("trapline: error: --junit /dev/full: cannot write the report ("), "\(r.stderr.suffix(600))")
        #expect(r.stderr.contains("the verdict above stands"))
        #expect(FileManager.default.fileExists(atPath: "/dev/full"))
    }

    /// Before: trapline_router.v and trapline_fields.h were written, then the error blamed trapline_router.v.
    @Test func generateWritesAllOrNothingAndNamesTheFileThatFailed() throws {
        let dir = try RepoPaths.scratchDirectory("generate-atomic")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rtl = dir.appendingPathComponent("rtl"), docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("fields.md"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: rtl, withIntermediateDirectories: true)
        let router = rtl.appendingPathComponent("trapline_router.v")
        try "// the previous file\n".write(to: router, atomically: true, encoding: .utf8)
        let r = try trapline(["generate", "--out", rtl.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot write \(docs.path)/fields.md (it is a folder); nothing was written"), "\(r.stderr)")
        #expect(try String(contentsOf: router, encoding: .utf8) == "// the previous file\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: rtl.path) == ["trapline_router.v"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: docs.path) == ["fields.md"], "temporary files left")
        // Once the obstacle is gone, all three are written.
        try FileManager.default.removeItem(at: docs.appendingPathComponent("fields.md"))
        let ok = try trapline(["generate", "--out", rtl.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: rtl.path).sorted() == ["trapline_fields.h", "trapline_router.v"])
        #expect(FileManager.default.fileExists(atPath: docs.appendingPathComponent("fields.md").path))
    }

    @Test func generateIntoAFileIsRefused() throws {
        let dir = try RepoPaths.scratchDirectory("generate-atomic")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("rtl")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let r = try trapline(["generate", "--out", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--out \(file.path): it is a file, not a folder; give a folder for the generated files"), "\(r.stderr)")
    }
}
