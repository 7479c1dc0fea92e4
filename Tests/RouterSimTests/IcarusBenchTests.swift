import Foundation
import RouterModel
import RouterSim
import Stimulus
import Testing
import TestSupport

/// Tests of the Icarus replay machinery itself, with tiny hand-written routers
/// whose behaviour is known: every command comes back once, in order, under
/// any handshake; a router that never answers is reported as a hang.
@Suite struct IcarusBenchTests {
    /// Answers every command with VMSUCCEED, data = cmd_data ^ cmd_qual, current = cmd_guest,
    /// error = cmd_op; holds the response until consumed (latency 1).
    static let echoRouter = """
    module trapline_router (
      input clk, input rst, input cmd_valid, input [2:0] cmd_op, input [15:0] cmd_reason, input [7:0] cmd_vector,
      input [2:0] cmd_int_type, input cmd_err_valid, input [31:0] cmd_err_code, input [63:0] cmd_qual,
      input [3:0] cmd_vmcs, input [31:0] cmd_field, input [63:0] cmd_data, input [5:0] cmd_guest, input rsp_ready,
      output cmd_ready, output reg rsp_valid, output [2:0] rsp_kind, output [3:0] rsp_target, output rsp_self,
      output rsp_fallback, output [2:0] rsp_policy, output [7:0] rsp_from, output reg [15:0] rsp_reason,
      output [63:0] rsp_qual, output [31:0] rsp_info, output [31:0] rsp_err_code, output [63:0] rsp_entry,
      output reg [63:0] rsp_data, output reg [7:0] rsp_current, output reg [7:0] rsp_error);
      assign cmd_ready = !rsp_valid || rsp_ready;
      assign rsp_kind = 3'd1; assign rsp_target = 4'd0; assign rsp_self = 1'b0; assign rsp_fallback = 1'b0;
      assign rsp_policy = 3'd0; assign rsp_from = 8'd0; assign rsp_qual = 64'd0; assign rsp_info = 32'd0;
      assign rsp_err_code = 32'd0; assign rsp_entry = 64'd0;
      always @(posedge clk) begin
        if (rst) begin rsp_valid <= 1'b0; rsp_data <= 64'd0; rsp_current <= 8'd0; rsp_error <= 8'd0; rsp_reason <= 16'd0; end
        else begin
          if (cmd_valid && cmd_ready) begin
            rsp_valid <= 1'b1; rsp_data <= cmd_data ^ cmd_qual; rsp_current <= {2'd0, cmd_guest};
            rsp_error <= {5'd0, cmd_op}; rsp_reason <= cmd_reason ^ {cmd_vector, cmd_int_type, cmd_err_valid, cmd_vmcs} ^ cmd_field[15:0] ^ cmd_field[31:16] ^ cmd_err_code[15:0] ^ cmd_err_code[31:16];
          end else if (rsp_ready) rsp_valid <= 1'b0;
        end
      end
    endmodule
    """

    static func expected(_ c: Command) -> Response {
        let mix = c.reason ^ (UInt16(c.vector) << 8 | UInt16(c.intType & 7) << 5 | (c.errValid ? 16 : 0) | UInt16(c.vmcs & 15))
            ^ UInt16(truncatingIfNeeded: c.field) ^ UInt16(truncatingIfNeeded: c.field >> 16)
            ^ UInt16(truncatingIfNeeded: c.errCode) ^ UInt16(truncatingIfNeeded: c.errCode >> 16)
        return Response(kind: 1, reason: mix, data: c.data ^ c.qual, current: c.guest & 0x3F, error: c.op & 7)
    }

    static func randomCommands(_ n: Int, seed: UInt64) -> [Command] {
        var rng = SeededRandom(seed: seed)
        return (0..<n).map { _ in
            Command(op: UInt8(rng.below(8)), reason: UInt16(truncatingIfNeeded: rng.next()), vector: UInt8(truncatingIfNeeded: rng.next()),
                    intType: UInt8(rng.below(8)), errValid: rng.chance(50), errCode: UInt32(truncatingIfNeeded: rng.next()),
                    qual: rng.next(), vmcs: UInt8(rng.below(16)), field: UInt32(truncatingIfNeeded: rng.next()),
                    data: rng.next(), guest: UInt8(rng.below(64)))
        }
    }

    @Test(arguments: [Handshake.fullSpeed(), Handshake(seed: 7), Handshake(seed: 99, idlePercent: 60, stallPercent: 70)])
    func everyOperandReachesThePortsAndEveryResponseComesBackOnce(handshake: Handshake) throws {
        let commands = Self.randomCommands(300, seed: handshake.seed &+ 1)
        let run = try IcarusRouter(verilog: Self.echoRouter).run(commands, handshake: handshake, wave: nil)
        #expect(run.responses.count == commands.count)
        for (i, c) in commands.enumerated() where run.responses[i] != Self.expected(c) {
            Issue.record("response \(i) of \(c): got \(run.responses[i]), expected \(Self.expected(c))")
            break
        }
        if handshake.idlePercent == 0 && handshake.stallPercent == 0 {
            // Full speed: one command per cycle, the last response one cycle later.
            #expect(run.cycles == UInt64(commands.count + 1))
        } else {
            #expect(run.cycles > UInt64(commands.count + 1))
        }
    }

    @Test func sameSeedSameCycles() throws {
        let commands = Self.randomCommands(100, seed: 3)
        let a = try IcarusRouter(verilog: Self.echoRouter).run(commands, handshake: Handshake(seed: 5), wave: nil)
        let b = try IcarusRouter(verilog: Self.echoRouter).run(commands, handshake: Handshake(seed: 5), wave: nil)
        let c = try IcarusRouter(verilog: Self.echoRouter).run(commands, handshake: Handshake(seed: 6), wave: nil)
        #expect(a.cycles == b.cycles)
        #expect(a.cycles != c.cycles)
    }

    @Test func emptyTraceRunsAndWaveIsWritten() throws {
        let dir = try RepoPaths.scratchDirectory("icarus-wave")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wave = dir.appendingPathComponent("run.vcd")
        let run = try IcarusRouter(verilog: Self.echoRouter, workDirectory: dir.appendingPathComponent("work"))
            .run(Self.randomCommands(5, seed: 1), handshake: Handshake(seed: 1), wave: wave)
        #expect(run.responses.count == 5)
        let vcd = try String(contentsOf: wave, encoding: .utf8)
        #expect(vcd.contains("$var") && vcd.contains("rsp_valid"))
        let empty = try IcarusRouter(verilog: Self.echoRouter).run([], handshake: Handshake(seed: 1), wave: nil)
        #expect(empty.responses.isEmpty && empty.cycles == 0)
    }

    @Test func aRouterThatNeverAnswersIsReportedAsAHang() throws {
        let stuck = Self.echoRouter.replacingOccurrences(of: "assign cmd_ready = !rsp_valid || rsp_ready;", with: "assign cmd_ready = 1'b0;")
        #expect {
            try IcarusRouter(verilog: stuck).run(Self.randomCommands(3, seed: 1), handshake: Handshake(seed: 1), wave: nil)
        } throws: { error in
            "\(error)".contains("hung") && "\(error)".contains("accepted 0 of 3 commands")
        }
    }

    @Test func verilogThatDoesNotCompileIsAToolError() throws {
        #expect {
            try IcarusRouter(verilog: "module trapline_router(input clk); syntax error here endmodule")
                .run(Self.randomCommands(1, seed: 1), handshake: Handshake(seed: 1), wave: nil)
        } throws: { error in
            "\(error)".contains("iverilog failed")
        }
    }

    @Test func undefinedResponseBitsAreReportedWithTheirPort() throws {
        let floating = Self.echoRouter.replacingOccurrences(of: "rsp_data <= cmd_data ^ cmd_qual;", with: "")
            .replacingOccurrences(of: "rsp_data <= 64'd0;", with: "")
        #expect {
            try IcarusRouter(verilog: floating).run(Self.randomCommands(3, seed: 1), handshake: Handshake(seed: 1), wave: nil)
        } throws: { error in
            "\(error)".contains("response 0: rsp_data has undefined (x/z) bits")
        }
    }
}
