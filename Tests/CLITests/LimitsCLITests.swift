import Foundation
import Testing
import TestSupport

/// Issue 14, item 5: numeric options are range-checked before anything runs,
/// and stdout that cannot be written is a clear error, not a crash.
@Suite struct LimitsCLITests {
    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, environment: CosimCommandTests.environment)
    }

    /// Before: 1e19 ran the whole campaign, then crashed converting the budget to Int; nan and inf ran too.
    @Test(arguments: ["--budget=1e19", "--budget=-1", "--budget=nan", "--budget=inf", "--shrink-seconds=1e300",
                      "--stream-commands=100000000000", "--icarus-sample=10000000", "--stream-commands=0", "--jobs=0", "--jobs=5000"])
    func equivOptionOutOfRangeIsBadInputBeforeTheRun(option: String) throws {
        let r = try trapline(["equiv", option])
        #expect(r.status == 2, "\(r.stderr)")
        let flag = String(option.prefix { $0 != "=" })
        #expect(r.stderr.contains("trapline: error: \(flag) "), "\(r.stderr)")
        #expect(r.stderr.contains(" to 1"), "the message names the range: \(r.stderr)")
        #expect(r.stdout.isEmpty && !r.stderr.contains("building"), "\(r.stderr)")
    }

    /// Before: the commands were generated and the run aborted on allocation (exit 134). Both
    /// simulators stream now (StreamingCLITests); the Icarus bench counts in 32-bit integers.
    @Test func cosimRandomPastTheLimitIsBadInput() throws {
        let r = try trapline(["cosim", "--random", "3000000000", "--sim", "icarus"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--random 3000000000: at most 2000000000 commands in one Icarus run"), "\(r.stderr)")
        #expect(r.stdout.isEmpty && !r.stderr.contains("building"), "\(r.stderr)")
    }

    /// `trapline ARGS > /dev/full`.
    func toFullDevice(_ args: [String]) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = try RepoPaths.traplineExecutable()
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(CosimCommandTests.environment) { $1 }
        p.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit, "ended by signal \(p.terminationStatus): \(text.prefix(300))")
        return (p.terminationStatus, text)
    }

    /// Before: cosim, route and random crashed in FileHandle.write (exit 132); equiv and generate exited 0.
    @Test(arguments: [["cosim", "--random", "2000"], ["random", "--count", "2000"], ["generate", "--out", "GEN"],
                      ["equiv", "--no-random", "--icarus-sample", "0", "--budget", "1", "--out", "GEN"]])
    func stdoutOnAFullDeviceIsAClearError(args: [String]) throws {
        let dir = try RepoPaths.scratchDirectory("full-device")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try toFullDevice(args.map { $0 == "GEN" ? dir.path : $0 })
        #expect(r.status == 3, "\(r.stderr.suffix(500))")
        #expect(r.stderr.contains("trapline: error: cannot write to standard output (No space left on device): the output is incomplete"), "\(r.stderr.suffix(500))")
    }
}
