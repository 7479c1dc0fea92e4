import Foundation
import HDL
import Testing
import TestSupport
import VerilogEmitter

/// The emitted Verilog behaves as described: examples simulated in Icarus (real tool)
/// with small hand-written test benches that print what they observe.
@Suite struct IcarusSimulationTests {
    /// Compiles `design` (emitted) with `bench` in Icarus and returns the simulation's output.
    static func simulate(_ design: Module, bench: String) throws -> String {
        let dir = try RepoPaths.scratchDirectory("icarus-\(design.name)")
        let dut = dir.appendingPathComponent("\(design.name).v")
        let tb = dir.appendingPathComponent("tb.v")
        try VerilogEmitter.emit(design).write(to: dut, atomically: true, encoding: .utf8)
        try bench.write(to: tb, atomically: true, encoding: .utf8)
        let exe = dir.appendingPathComponent("sim").path
        let compile = try Tools.run("iverilog", ["-g2005", "-o", exe, "-s", "tb", tb.path, dut.path])
        guard compile.status == 0 else { throw TestSupportError("iverilog failed:\n\(compile.stdout)\(compile.stderr)") }
        let run = try Tools.run("vvp", ["-n", exe])
        guard run.status == 0 else { throw TestSupportError("vvp failed:\n\(run.stdout)\(run.stderr)") }
        try? FileManager.default.removeItem(at: dir)
        return run.stdout
    }

    @Test func counterCountsWrapsAndHolds() throws {
        let bench = """
        `timescale 1ns/1ns
        module tb;
            reg clk = 0, rst = 1, en = 0;
            reg [7:0] limit = 8'd3;
            wire [7:0] q;
            wire wrap;
            counter dut (.clk(clk), .rst(rst), .en(en), .limit(limit), .q(q), .wrap(wrap));
            always #5 clk = ~clk;
            integer k;
            initial begin
                @(negedge clk); rst = 0; en = 1;
                for (k = 0; k < 6; k = k + 1) begin @(negedge clk); $display("q=%0d wrap=%0d", q, wrap); end
                en = 0;
                @(negedge clk); $display("held q=%0d", q);
                $finish;
            end
        endmodule
        """
        let out = try Self.simulate(try Examples.counter(), bench: bench)
        let lines = out.split(separator: "\n").map(String.init).filter { $0.hasPrefix("q=") || $0.hasPrefix("held") }
        #expect(lines == ["q=1 wrap=0", "q=2 wrap=0", "q=3 wrap=1", "q=0 wrap=0", "q=1 wrap=0", "q=2 wrap=0", "held q=2"])
    }

    @Test func fifoKeepsOrderAndBackpressures() throws {
        let bench = """
        `timescale 1ns/1ns
        module tb;
            reg clk = 0, rst = 1, in_valid = 0, out_ready = 0;
            reg [7:0] in_data = 0;
            wire in_ready, out_valid;
            wire [7:0] out_data;
            wire [2:0] count;
            fifo dut (.clk(clk), .rst(rst), .in_valid(in_valid), .in_data(in_data), .in_ready(in_ready),
                      .out_valid(out_valid), .out_data(out_data), .out_ready(out_ready), .count(count));
            always #5 clk = ~clk;
            integer k;
            initial begin
                @(negedge clk); rst = 0;
                // Offer 6 words with no reader: only 4 fit.
                for (k = 1; k <= 6; k = k + 1) begin
                    in_valid = 1; in_data = k * 11;
                    @(posedge clk); #1 $display("push %0d ready_after=%0d count=%0d", k, in_ready, count);
                end
                in_valid = 0; out_ready = 1;
                for (k = 0; k < 5; k = k + 1) begin
                    #1 if (out_valid) $display("pop %0d", out_data); else $display("empty");
                    @(posedge clk); #1;
                end
                $finish;
            end
        endmodule
        """
        let out = try Self.simulate(try Examples.fifo(depth: 4, width: 8), bench: bench)
        let pops = out.split(separator: "\n").filter { $0.hasPrefix("pop") || $0.hasPrefix("empty") }.map(String.init)
        #expect(pops == ["pop 11", "pop 22", "pop 33", "pop 44", "empty"], "\(out)")
        #expect(out.contains("push 4 ready_after=0 count=4"), "\(out)")
    }

    @Test func priorityArbiterGrantsLowestRequester() throws {
        let bench = """
        module tb;
            reg [4:0] req;
            wire [4:0] grant;
            wire [2:0] grant_index;
            wire any;
            priority_arbiter dut (.req(req), .grant(grant), .grant_index(grant_index), .any(any));
            integer k;
            initial begin
                for (k = 0; k < 32; k = k + 1) begin
                    req = k; #1 $display("%0d %0d %0d %0d", req, grant, grant_index, any);
                end
            end
        endmodule
        """
        let out = try Self.simulate(try Examples.priorityArbiter(requesters: 5), bench: bench)
        let rows = out.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }.filter { $0.count == 4 }
        #expect(rows.count == 32)
        for r in rows {
            let req = r[0]
            let lowest = req == 0 ? 0 : req.trailingZeroBitCount
            #expect(r[1] == (req == 0 ? 0 : 1 << lowest), "req \(req)")
            #expect(r[2] == lowest, "req \(req)")
            #expect(r[3] == (req == 0 ? 0 : 1), "req \(req)")
        }
    }

    @Test func registerFileWritesAndReadsWithZeroRegister() throws {
        let bench = """
        `timescale 1ns/1ns
        module tb;
            reg clk = 0, we = 0;
            reg [4:0] waddr = 0, raddr0 = 0, raddr1 = 0;
            reg [31:0] wdata = 0;
            wire [31:0] rdata0, rdata1;
            register_file dut (.clk(clk), .we(we), .waddr(waddr), .wdata(wdata),
                               .raddr0(raddr0), .rdata0(rdata0), .raddr1(raddr1), .rdata1(rdata1));
            always #5 clk = ~clk;
            initial begin
                @(negedge clk); we = 1; waddr = 7; wdata = 32'hdeadbeef;
                @(negedge clk); waddr = 0; wdata = 32'h12345678;
                @(negedge clk); we = 0; raddr0 = 7; raddr1 = 0;
                #1 $display("r0=%h r1=%h", rdata0, rdata1);
                raddr0 = 3; #1 $display("r0=%h", rdata0);
                $finish;
            end
        endmodule
        """
        let out = try Self.simulate(try Examples.registerFile(), bench: bench)
        #expect(out.contains("r0=deadbeef r1=00000000"), "\(out)")
        #expect(out.contains("r0=00000000"), "\(out)")
    }

    @Test func instancesConnectPortsByName() throws {
        let child = try KitchenSinkTests.child()        // y = (a + b)[3:0], carry = (a + b)[4]
        let m = ModuleBuilder("adder_pair")
        let x = m.input("x", width: 8)
        let sum = m.output("sum", width: 4)
        let carries = m.output("carries", width: 2)
        let mid = m.wire("mid", width: 4)
        let first = m.instance(child, name: "u_lo", bindings: ["a": x[3, 0], "b": x[7, 4], "y": mid])
        let second = m.instance(child, name: "u_hi", bindings: ["a": mid, "b": m.const(3, width: 4)])
        sum <== second.output("y")
        carries <== cat(first.output("carry"), second.output("carry"))
        let design = try m.build()
        try Lint.check(verilog: VerilogEmitter.emit(design), top: "adder_pair")
        let bench = """
        module tb;
            reg [7:0] x;
            wire [3:0] sum;
            wire [1:0] carries;
            adder_pair dut (.x(x), .sum(sum), .carries(carries));
            integer k;
            initial for (k = 0; k < 256; k = k + 1) begin x = k; #1 $display("%0d %0d %0d", x, sum, carries); end
        endmodule
        """
        let out = try Self.simulate(design, bench: bench)
        let rows = out.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }.filter { $0.count == 3 }
        #expect(rows.count == 256)
        for r in rows {
            let lo = (r[0] & 15) + (r[0] >> 4)
            let hi = (lo & 15) + 3
            #expect(r[1] == hi & 15 && r[2] == ((lo >> 4) << 1 | (hi >> 4)), "x=\(r[0])")
        }
    }

    @Test func registerArrayWritesAndEnabledRegisters() throws {
        let m = ModuleBuilder("bank")
        let clk = m.input("clk"), rst = m.input("rst"), we = m.input("we"), en = m.input("en")
        let idx = m.input("idx", width: 2), d = m.input("d", width: 4)
        let regs = m.regArray("slot", count: 3, width: 4, clock: clk, reset: rst, resetValue: 9)
        let held = m.reg("held", width: 4, clock: clk, reset: rst, resetValue: 1, enable: en)
        let out = m.output("out", width: 4), all = m.output("all", width: 12), h = m.output("h", width: 4)
        m.when(we) { regs.write(idx, d) }
        held <== d
        out <== regs.read(idx)
        all <== cat(regs[2], regs[1], regs[0])
        h <== held
        let design = try m.build()
        try Lint.check(verilog: VerilogEmitter.emit(design), top: "bank")
        let bench = """
        `timescale 1ns/1ns
        module tb;
            reg clk = 0, rst = 1, we = 0, en = 0;
            reg [1:0] idx = 0;
            reg [3:0] d = 0;
            wire [3:0] out, h;
            wire [11:0] all;
            bank dut (.clk(clk), .rst(rst), .we(we), .en(en), .idx(idx), .d(d), .out(out), .all(all), .h(h));
            task tick; begin #1 clk = 1; #1 clk = 0; end endtask
            initial begin
                tick; rst = 0;
                $display("reset %h %h", all, h);
                we = 1; idx = 1; d = 4'h5; tick;
                we = 1; idx = 3; d = 4'h7; tick;          // no element 3: nothing changes
                we = 0; idx = 2; d = 4'h6; tick;          // write disabled
                $display("writes %h out2=%h", all, out);
                idx = 3; #1 $display("out3=%h", out);
                en = 0; d = 4'h3; tick; $display("held %h", h);
                en = 1; d = 4'h3; tick; $display("loaded %h", h);
                $finish;
            end
        endmodule
        """
        let printed = try Self.simulate(design, bench: bench)
        #expect(printed.contains("reset 999 1"), "\(printed)")
        #expect(printed.contains("writes 959 out2=9"), "\(printed)")
        #expect(printed.contains("out3=0"), "\(printed)")
        #expect(printed.contains("held 1"), "\(printed)")
        #expect(printed.contains("loaded 3"), "\(printed)")
    }
}
