import Foundation
import Testing
import TestSupport

@Suite struct CLISmokeTests {
    @Test func versionPrints() throws {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("0."))
    }

    @Test func outOfRangeParameterIsBadInput() throws {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["route", "--vmms", "17", "/dev/null"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--vmms 17 is out of range: it must be 2...16"))
    }

    @Test func unknownOptionIsBadInput() throws {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["route", "--frobnicate"])
        #expect(r.status == 2)
    }
}
