import Foundation
import Testing
import TestSupport

/// `trapline route TRACE` (SPEC 11).
@Suite struct RouteCommandTests {
    func trapline(_ args: [String], stdin: String? = nil) throws -> Tools.Result {
        try Tools.run(try RepoPaths.traplineExecutable().path, args, stdin: stdin)
    }

    func writeTrace(_ text: String) throws -> String {
        let path = try RepoPaths.scratchDirectory("route").appendingPathComponent("trace.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func specExampleTrace() throws {
        let path = try writeTrace("""
        {"op":"vmwrite","vmcs":1,"field":"0x6c16","data":"0xffff800000001000"}
        {"op":"vmwrite","vmcs":0,"field":"0x4200","data":"0x11"}
        {"op":"launch","guest":3}
        {"op":"event","reason":30,"qual":"0x00600008"}
        {"op":"vmread","vmcs":0,"field":"0x4402"}
        {"op":"resume"}
        {"op":"event","reason":0,"vector":14,"intType":3,"errValid":1,"errCode":"0x6"}
        {"op":"vmwrite","vmcs":1,"field":"0x4402","data":1}
        {"op":"vmread","vmcs":4,"field":"0x4000"}
        {"op":7}

        """)
        let r = try trapline(["route", path])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
        {"kind":"vmsucceed","data":"0x0","current":{"vmm":0}}
        {"kind":"vmsucceed","data":"0x0","current":{"vmm":0}}
        {"kind":"vmsucceed","data":"0x0","current":{"guest":3}}
        {"kind":"routed","target":0,"self":false,"fallback":false,"policy":"owner","from":{"guest":3},"reason":30,"qual":"0x600008","info":"0x0","errCode":"0x0","entry":"0x0"}
        {"kind":"vmsucceed","data":"0x1e","current":{"vmm":0}}
        {"kind":"vmsucceed","data":"0x0","current":{"guest":3}}
        {"kind":"routed","target":1,"self":false,"fallback":false,"policy":"field","from":{"guest":3},"reason":0,"qual":"0x0","info":"0x80000b0e","errCode":"0x6","entry":"0xffff800000001000"}
        {"kind":"vmfail_valid","error":13}
        {"kind":"vmfail_invalid"}
        {"kind":"rejected","error":4}

        """)
    }

    @Test func parametersChangeTheRouter() throws {
        let path = try writeTrace(#"{"op":"event","reason":5}"# + "\n" + #"{"op":"vmread","vmcs":2,"field":"0x4000"}"# + "\n")
        let r = try trapline(["route", "--vmms", "2", "--platform-vmm", "0", path])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix(#"{"kind":"routed","target":0,"self":true,"fallback":false,"policy":"static""#))
        #expect(r.stdout.hasSuffix(#"{"kind":"vmfail_invalid"}"# + "\n"))
    }

    @Test func badLinePrintsNothingAndExits2() throws {
        let path = try writeTrace(#"{"op":"resume"}"# + "\n" + #"{"op":"event","vector":300}"# + "\n")
        let r = try trapline(["route", path])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "trapline: error: \(path):2: \"vector\": 300 does not fit the 8-bit operand: use a value in 0...255 (0xff); nothing was run\n")
    }

    @Test func missingFileExits2NamingThePath() throws {
        let r = try trapline(["route", "/nonexistent/trace.jsonl"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("trace file /nonexistent/trace.jsonl does not exist"))
    }

    @Test func standardInput() throws {
        let r = try trapline(["route", "-"], stdin: #"{"op":"launch","guest":9}"# + "\n")
        #expect(r.status == 0)
        #expect(r.stdout == #"{"kind":"vmfail_valid","error":66}"# + "\n")
    }
}
