import Foundation
import Testing
import TestSupport

/// `trapline random --count N --seed S [--out FILE]`.
@Suite struct RandomCommandTests {
    func trapline(_ args: [String]) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args)
    }

    @Test func sameSeedSameBytesAndRouteReadsIt() throws {
        let a = try trapline(["random", "--count", "500", "--seed", "11"])
        let b = try trapline(["random", "--count", "500", "--seed", "11"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout.split(separator: "\n").count == 500)
        #expect(a.stdout != (try trapline(["random", "--count", "500", "--seed", "12"])).stdout)

        let dir = try RepoPaths.scratchDirectory("random")
        let file = dir.appendingPathComponent("t.jsonl").path
        let written = try trapline(["random", "--count", "500", "--seed", "11", "--out", file])
        #expect(written.status == 0 && written.stdout == "")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == a.stdout)

        let routed = try trapline(["route", file])
        #expect(routed.status == 0)
        #expect(routed.stdout.split(separator: "\n").count == 500)
    }

    @Test func parametersShapeTheTrace() throws {
        let r = try trapline(["random", "--count", "300", "--seed", "1", "--vmms", "16", "--guests", "64"])
        #expect(r.status == 0)
        #expect(r.stdout.contains(#""vmcs":15"#))
    }

    @Test func badArgumentsExit2() throws {
        #expect(try trapline(["random", "--count", "-1"]).status == 2)
        #expect(try trapline(["random", "--vmms", "1"]).status == 2)
        let r = try trapline(["random", "--count", "3", "--out", "/nonexistent/dir/t.jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot write --out /nonexistent/dir/t.jsonl"))
    }
}
