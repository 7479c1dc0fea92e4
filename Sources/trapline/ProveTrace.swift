import Formal
import Foundation
import RouterModel
import RouterSim

/// A counterexample of `trapline prove` as router stimulus: the commands the router
/// accepted (`cmd_valid && cmd_ready` at a rising edge outside reset), in order.
enum ProveTrace {
    static func commands(from samples: VCDSamples) -> [Command] {
        var out: [Command] = []
        for c in samples.cycles where c["rst"] == 0 && c["cmd_valid"] == 1 && c["cmd_ready"] == 1 {
            out.append(command(in: c))
        }
        return out
    }

    /// The command on the `cmd_*` signals of one sampled cycle (a missing signal reads 0).
    static func command(in c: [String: UInt64]) -> Command {
        func v(_ name: String) -> UInt64 { c[name] ?? 0 }
        return Command(op: UInt8(v("cmd_op")), reason: UInt16(v("cmd_reason")), vector: UInt8(v("cmd_vector")),
                       intType: UInt8(v("cmd_int_type")), errValid: v("cmd_err_valid") == 1,
                       errCode: UInt32(v("cmd_err_code")), qual: v("cmd_qual"), vmcs: UInt8(v("cmd_vmcs")),
                       field: UInt32(v("cmd_field")), data: v("cmd_data"), guest: UInt8(v("cmd_guest")))
    }

    /// Runs `commands` through `verilog` under Verilator (full rate) beside the reference
    /// router and says whether they diverge.
    static func replay(_ commands: [Command], verilog: String, config: RouterConfig, rtl: String) -> String {
        do {
            let router = try verilatorRouter(verilog: verilog, seed: 1, rtl: rtl)
            let result = try router.lockstep(commands, handshake: .fullSpeed(seed: 1), config: config)
            if let m = result.mismatch {
                return "diverges from the reference at response \(m.index): expected \(TraceWriter.line(for: m.expected)), RTL \(TraceWriter.line(for: m.actual))"
            }
            return "no divergence in \(result.compared) responses: the failure needs the counterexample's rsp_ready pattern (see the VCD), or the checker is wrong"
        } catch let v as ProtocolViolation {
            return "handshake violation: \(v.message)"
        } catch {
            return "could not run: \(error)"
        }
    }
}
