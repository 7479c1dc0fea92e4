import CoSim
import Foundation
import TestSupport

/// Hand-written Verilog fixtures for the CoSim tests, and one model cache shared
/// by all of them (Verilator's runtime objects are compiled once into it).
enum Fixtures {
    static let cache = ModelCache(directory: RepoPaths.root.appendingPathComponent("sim/build/test-cache"))

    /// Every Verilator storage class, with the widths at and around each boundary.
    static let widths = [1, 7, 8, 9, 16, 17, 31, 32, 33, 63, 64, 65, 100, 128]

    /// `widths`: for every width W an input `i_W`, a registered copy `q_W`
    /// (takes `i_W` on each rising edge) and a combinational echo `e_W` (= ~i_W).
    static var widthsVerilog: String {
        var ports = ["    input clk"]
        var body: [String] = []
        for w in widths {
            ports.append("    input [\(w - 1):0] i_\(w)")
            ports.append("    output reg [\(w - 1):0] q_\(w)")
            ports.append("    output [\(w - 1):0] e_\(w)")
            body.append("    always @(posedge clk) q_\(w) <= i_\(w);")
            body.append("    assign e_\(w) = ~i_\(w);")
        }
        return "module widths(\n" + ports.joined(separator: ",\n") + "\n);\n" + body.joined(separator: "\n") + "\nendmodule\n"
    }

    static var widthsSpec: ModelSpec {
        var ports: [ModelPort] = [.input("clk")]
        for w in widths { ports += [.input("i_\(w)", w), .output("q_\(w)", w), .output("e_\(w)", w)] }
        return ModelSpec(verilog: widthsVerilog, top: "widths", ports: ports)
    }

    /// An 8-bit counter with synchronous active-high reset and enable, plus a
    /// combinational `next_count` (= count + en) to observe settling.
    static let counterVerilog = """
    module counter(input clk, input rst, input en, output reg [7:0] count, output [7:0] next_count);
        always @(posedge clk) begin
            if (rst) count <= 8'd0;
            else if (en) count <= count + 8'd1;
        end
        assign next_count = count + {7'd0, en};
    endmodule

    """

    static func counterSpec(trace: Bool = false, nonce: String = "") -> ModelSpec {
        ModelSpec(verilog: counterVerilog + nonce, top: "counter",
                  ports: [.input("clk"), .input("rst"), .input("en"), .output("count", 8), .output("next_count", 8)],
                  reset: "rst", trace: trace)
    }

    /// A 4-entry, 8-bit FIFO with valid/ready on both sides; `in_ready` is
    /// combinational on `out_ready` (a pop frees a slot in the same cycle).
    static let fifoVerilog = """
    module fifo(input clk, input rst,
                input in_valid, output in_ready, input [7:0] in_data,
                output out_valid, input out_ready, output [7:0] out_data,
                output [2:0] level);
        reg [7:0] mem [0:3];
        reg [1:0] rd, wr;
        reg [2:0] n;
        wire pop = out_valid && out_ready;
        wire push = in_valid && in_ready;
        assign out_valid = n != 3'd0;
        assign in_ready = (n != 3'd4) || out_ready;
        assign out_data = mem[rd];
        assign level = n;
        always @(posedge clk) begin
            if (rst) begin
                rd <= 2'd0; wr <= 2'd0; n <= 3'd0;
            end else begin
                if (push) begin mem[wr] <= in_data; wr <= wr + 2'd1; end
                if (pop) rd <= rd + 2'd1;
                n <= n + {2'd0, push} - {2'd0, pop};
            end
        end
    endmodule

    """

    static var fifoSpec: ModelSpec {
        ModelSpec(verilog: fifoVerilog, top: "fifo",
                  ports: [.input("clk"), .input("rst"), .input("in_valid"), .output("in_ready"), .input("in_data", 8),
                          .output("out_valid"), .input("out_ready"), .output("out_data", 8), .output("level", 3)],
                  reset: "rst")
    }

    /// A fresh comment, so a spec's Verilog text (and so its cache key) is new.
    static func nonce() -> String { "// nonce \(UUID().uuidString)\n" }
}

/// SplitMix64 for test stimulus (CoSim imports nothing of ours).
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
