import Lockstep
import CoSim
import Foundation
import RouterModel
import Stimulus
import TestSupport

/// Hand-written routers with the SPEC 9 interface for the Verilator driver
/// and Icarus replay tests, and the model cache the RouterSim tests share.
enum VerilatorFixtures {
    static let cache = ModelCache(directory: RepoPaths.root.appendingPathComponent("sim/build/test-cache"))

    static let header = """
    module trapline_router (
      input clk, input rst, input cmd_valid, input [2:0] cmd_op, input [15:0] cmd_reason, input [7:0] cmd_vector,
      input [2:0] cmd_int_type, input cmd_err_valid, input [31:0] cmd_err_code, input [63:0] cmd_qual,
      input [3:0] cmd_vmcs, input [31:0] cmd_field, input [63:0] cmd_data, input [5:0] cmd_guest, input rsp_ready,
      output cmd_ready, output reg rsp_valid, output [2:0] rsp_kind, output [3:0] rsp_target, output rsp_self,
      output rsp_fallback, output [2:0] rsp_policy, output [7:0] rsp_from, output reg [15:0] rsp_reason,
      output [63:0] rsp_qual, output [31:0] rsp_info, output [31:0] rsp_err_code, output [63:0] rsp_entry,
      output reg [63:0] rsp_data, output reg [7:0] rsp_current, output reg [7:0] rsp_error);
      assign rsp_target = 4'd0; assign rsp_self = 1'b0; assign rsp_fallback = 1'b0;
      assign rsp_policy = 3'd0; assign rsp_from = 8'd0; assign rsp_qual = 64'd0; assign rsp_info = 32'd0;
      assign rsp_err_code = 32'd0; assign rsp_entry = 64'd0;

    """

    /// Answers every command with VMSUCCEED,
    /// data = cmd_data ^ cmd_qual, current = cmd_guest, error = cmd_op, a
    /// reason mixing the other operands; latency 1, holds until consumed.
    static let echoRouter = header + """
      assign cmd_ready = !rsp_valid || rsp_ready;
      assign rsp_kind = 3'd1;
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

    static func echoExpected(_ c: Command) -> Response {
        let mix = c.reason ^ (UInt16(c.vector) << 8 | UInt16(c.intType & 7) << 5 | (c.errValid ? 16 : 0) | UInt16(c.vmcs & 15))
            ^ UInt16(truncatingIfNeeded: c.field) ^ UInt16(truncatingIfNeeded: c.field >> 16)
            ^ UInt16(truncatingIfNeeded: c.errCode) ^ UInt16(truncatingIfNeeded: c.errCode >> 16)
        return Response(kind: 1, reason: mix, data: c.data ^ c.qual, current: c.guest & 0x3F, error: c.op & 7)
    }

    /// Rejects every command with code 4 ("unknown op"): exactly the
    /// reference's answer to ops 6 and 7, wrong for everything else.
    static let rejectRouter = header + """
      assign cmd_ready = !rsp_valid || rsp_ready;
      assign rsp_kind = 3'd4;
      always @(posedge clk) begin
        if (rst) rsp_valid <= 1'b0;
        else if (cmd_valid && cmd_ready) rsp_valid <= 1'b1;
        else if (rsp_ready) rsp_valid <= 1'b0;
        rsp_data <= 64'd0; rsp_current <= 8'd0; rsp_error <= 8'd4; rsp_reason <= 16'd0;
      end
    endmodule

    """

    /// Accepts commands but never answers.
    static let muteRouter = header + """
      assign cmd_ready = 1'b1;
      assign rsp_kind = 3'd0;
      always @(posedge clk) begin
        rsp_valid <= 1'b0; rsp_data <= 64'd0; rsp_current <= 8'd0; rsp_error <= 8'd0; rsp_reason <= 16'd0;
      end
    endmodule

    """

    /// Holds rsp_valid high from reset on: responses nobody asked for.
    static let chattyRouter = header + """
      assign cmd_ready = 1'b1;
      assign rsp_kind = 3'd4;
      always @(posedge clk) begin
        rsp_valid <= !rst; rsp_data <= 64'd0; rsp_current <= 8'd0; rsp_error <= 8'd4; rsp_reason <= 16'd0;
      end
    endmodule

    """

    static func randomCommands(_ n: Int, seed: UInt64) -> [Command] {
        var rng = SeededRandom(seed: seed)
        return (0..<n).map { _ in
            Command(op: UInt8(rng.below(8)), reason: UInt16(truncatingIfNeeded: rng.next()), vector: UInt8(truncatingIfNeeded: rng.next()),
                    intType: UInt8(rng.below(8)), errValid: rng.chance(50), errCode: UInt32(truncatingIfNeeded: rng.next()),
                    qual: rng.next(), vmcs: UInt8(rng.below(16)), field: UInt32(truncatingIfNeeded: rng.next()),
                    data: rng.next(), guest: UInt8(rng.below(64)))
        }
    }
}
