import Foundation
import Testing
import TestSupport

/// `trapline bench --json` end to end on a small workload: every SPEC 12 key
/// is present and positive, and the run's own cross-checks (the C++ harness
/// ran the same number of cycles with the reference's checksum) passed, or it
/// would have exited non-zero. No assertion on speed.
@Suite struct BenchCommandTests {
    @Test func jsonHasEverySpecKey() throws {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["bench", "--json", "--commands", "20000", "--stream-commands", "30000", "--rounds", "1", "--no-generic"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let json = try #require(object)
        for key in ["cosim_cycles_per_s", "cpp_cycles_per_s", "ratio", "reference_commands_per_s",
                    "model_build_s_cold", "model_build_s_cached", "dsl_nodes", "dsl_elaborate_s", "dsl_emit_s",
                    "cosim_stream_commands_per_s", "cpp_commands_per_s", "cosim_stream_vs_cpp"] {
            let value = (json[key] as? NSNumber)?.doubleValue
            #expect(value != nil && value! > 0, "\(key) = \(String(describing: json[key]))")
        }
        let cosim = try #require((json["cosim_cycles_per_s"] as? NSNumber)?.doubleValue)
        let cpp = try #require((json["cpp_cycles_per_s"] as? NSNumber)?.doubleValue)
        let ratio = try #require((json["ratio"] as? NSNumber)?.doubleValue)
        #expect(abs(ratio - cosim / cpp) < 0.002)
        #expect(((json["cycles"] as? NSNumber)?.intValue ?? 0) > 20000)
        // The streamed figure is the child run's rate over its own count (30 000), against the harness's over 20 000.
        let stream = try #require((json["cosim_stream_commands_per_s"] as? NSNumber)?.doubleValue)
        let cppCommands = try #require((json["cpp_commands_per_s"] as? NSNumber)?.doubleValue)
        let vs = try #require((json["cosim_stream_vs_cpp"] as? NSNumber)?.doubleValue)
        #expect(abs(vs - stream / cppCommands) < 0.002)
    }

    @Test func badStreamCountIsBadInput() throws {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["bench", "--stream-commands", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--stream-commands 0"))
    }

    @Test func badCountIsBadInput() throws {
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["bench", "--commands", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--commands 0"))
    }
}
