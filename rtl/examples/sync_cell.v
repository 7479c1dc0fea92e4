// sync_cell: a two-flop synchronizer as a vendor library would ship it. Written by hand,
// not generated: the external module (black box) of the edge_counter example, read with
// rtl/examples/edge_counter.v by the simulators and by synthesis.
`default_nettype none

module sync_cell #(
    parameter WIDTH = 1
) (
    input  wire clk,
    input  wire [WIDTH-1:0] d,
    output reg  [WIDTH-1:0] q
);
    reg [WIDTH-1:0] meta;
`ifndef SYNTHESIS
    initial begin  // simulation: start at 0 (hardware: unknown until two edges have passed)
        meta = {WIDTH{1'b0}};
        q = {WIDTH{1'b0}};
    end
`endif
    always @(posedge clk) begin
        meta <= d;
        q <= meta;
    end
endmodule

`default_nettype wire
