import Foundation
import Formal
import Testing
import TestSupport

/// `Formal.Miter` on two tiny valid/ready stages (real Yosys and ABC): a one-cycle and a
/// two-cycle stage are equal as transactions but not cycle by cycle; a stage that adds one
/// to the data differs either way; the miter's Verilog passes the three tools.
@Suite struct MiterTests {
    static let ports: [HarnessPort] = [("clk", 1, true), ("rst", 1, true), ("in_valid", 1, true), ("in_data", 8, true),
                                       ("out_ready", 1, true), ("in_ready", 1, false), ("out_valid", 1, false), ("out_data", 8, false)]
        .map { HarnessPort(name: $0.0, width: $0.1, isInput: $0.2) }

    /// A stage holding one word (latency 1); `plusOne` adds one to what it passes on.
    static func stage(_ name: String, plusOne: Bool = false) -> String {
        """
        module \(name) (
            input wire clk, input wire rst,
            input wire in_valid, input wire [7:0] in_data, input wire out_ready,
            output wire in_ready, output wire out_valid, output wire [7:0] out_data
        );
            reg full;
            reg [7:0] word;
            assign in_ready = !full || out_ready;
            assign out_valid = full;
            assign out_data = word;
            always @(posedge clk) begin
                if (rst) begin
                    full <= 1'b0; word <= 8'd0;
                end else if (in_ready) begin
                    full <= in_valid;
                    if (in_valid) word <= in_data\(plusOne ? " + 8'd1" : "");
                end
            end
        endmodule

        """
    }

    /// Two stages in a row (latency 2, the same words).
    static func twoStages(_ name: String) -> String {
        stage(name + "_s1") + stage(name + "_s2") + """
        module \(name) (
            input wire clk, input wire rst,
            input wire in_valid, input wire [7:0] in_data, input wire out_ready,
            output wire in_ready, output wire out_valid, output wire [7:0] out_data
        );
            wire mid_valid, mid_ready;
            wire [7:0] mid_data;
            \(name)_s1 s1 (.clk(clk), .rst(rst), .in_valid(in_valid), .in_data(in_data), .out_ready(mid_ready),
                .in_ready(in_ready), .out_valid(mid_valid), .out_data(mid_data));
            \(name)_s2 s2 (.clk(clk), .rst(rst), .in_valid(mid_valid), .in_data(mid_data), .out_ready(out_ready),
                .in_ready(mid_ready), .out_valid(out_valid), .out_data(out_data));
        endmodule

        """
    }

    static let streams = Miter.Streams(command: .init(valid: "in_valid", ready: "in_ready", prefix: "in_"),
                                       response: .init(valid: "out_valid", ready: "out_ready", prefix: "out_"))

    func check(right: String, cycleExact: Bool, depth: Int = 10) throws -> Verdict {
        let miter = Miter.verilog(top: "miter", file: "miter.v", left: "left", right: "right", ports: Self.ports,
                                  clock: "clk", reset: "rst", streams: cycleExact ? nil : Self.streams)
        var p = Prover(workDirectory: try RepoPaths.scratchDirectory("miter"),
                       sources: [("left.v", Self.stage("left")), ("right.v", right), ("miter.v", miter)],
                       top: "miter", clock: "clk", groups: AssertionGroups.parse(checkerVerilog: miter, file: "miter.v"))
        p.tryPDR = false
        p.allowsOptimisedAssertions = true
        defer { try? FileManager.default.removeItem(at: p.workDirectory) }
        try p.prepare(timeout: 300)
        return try p.prove(Miter.group, depth: depth, timeout: 120).verdict
    }

    @Test func latencyDiffersButTransactionsAreEqual() throws {
        let verdict = try check(right: Self.twoStages("right"), cycleExact: false)
        guard case .holdsToDepth(10, _) = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func cycleExactSeesTheOtherLatency() throws {
        let verdict = try check(right: Self.twoStages("right"), cycleExact: true)
        guard case .failed(let cex) = verdict else { Issue.record("\(verdict)"); return }
        #expect(cex.assertion?.message.contains("differs in the same cycle") == true, "\(cex)")
    }

    @Test func changedDataIsADifferenceInTheNthResponse() throws {
        let verdict = try check(right: Self.stage("right", plusOne: true), cycleExact: false)
        guard case .failed(let cex) = verdict else { Issue.record("\(verdict)"); return }
        #expect(cex.assertion?.message == "out_data of the n-th response differs", "\(cex)")
    }

    @Test func theMiterPassesAllThreeTools() throws {
        let dir = try RepoPaths.scratchDirectory("miter-lint")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, streams) in [("miter_tx", Self.streams as Miter.Streams?), ("miter_cycle", nil)] {
            let miter = Miter.verilog(top: name, file: "\(name).v", left: "left", right: "right", ports: Self.ports,
                                      clock: "clk", reset: "rst", streams: streams)
            var files: [String] = []
            for (file, text) in [("left.v", Self.stage("left")), ("right.v", Self.twoStages("right")), ("\(name).v", miter)] {
                let url = dir.appendingPathComponent(file)
                try text.write(to: url, atomically: true, encoding: .utf8)
                files.append(url.path)
            }
            // The test's own stages put several modules in one file (DECLFILENAME); the miter does not.
            let verilator = try Tools.run("verilator", ["--lint-only", "-Wall", "-Wno-DECLFILENAME", "--top-module", name] + files)
            #expect(verilator.status == 0, "\(name): \(verilator.output)")
            let icarus = try Tools.run("iverilog", ["-g2005", "-Wall", "-o", dir.appendingPathComponent("\(name).vvp").path, "-s", name] + files)
            #expect(icarus.status == 0 && !icarus.output.contains("warning"), "\(name): \(icarus.output)")
            let yosys = try Tools.run("yosys", ["-q", "-p", files.map { "read_verilog -formal \($0); " }.joined() + "hierarchy -check -top \(name); proc; check -assert"])
            #expect(yosys.status == 0, "\(name): \(yosys.output)")
        }
    }
}
