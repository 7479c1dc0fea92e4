import CoSim
import Foundation
import Testing
import TestSupport

/// Ports from Verilator's elaboration (`ModelSpec.ports` / `discover`), with
/// real `verilator --xml-only` runs: widths and directions, refusals, the
/// errors of a bad file or top, the clock and reset conventions, and a
/// discovered spec that builds and runs.
@Suite struct PortDiscoveryTests {
    /// Every storage-class boundary the brief names, plus types Verilator resolves.
    static let portsVerilog = """
    typedef logic [5:0] six_t;
    typedef struct packed { logic [2:0] a; logic [4:0] b; } pair_t;
    module sub #(parameter W = 4) (input clk, input [W-1:0] d, output reg [W-1:0] q);
        always @(posedge clk) q <= d;
    endmodule
    module ports_top #(parameter N = 3) (
        input clk,
        input [7:0] a8,
        input [32:0] a33,
        output [63:0] y64,
        output reg [64:0] y65,
        input [0:7] little,
        input signed [15:0] s16,
        input six_t t6,
        input pair_t p8,
        input [3:0][1:0] packed8,
        input [N-1:0] pn,
        output bit_out
    );
        sub #(.W(8)) u(.clk(clk), .d(a8), .q());
        assign y64 = {31'd0, a33};
        always @(posedge clk) y65 <= {a33, a33[31:0]};
        assign bit_out = ^{little, s16, t6, p8, packed8, pn};
    endmodule

    """

    static let expectedPorts: [ModelPort] = [
        .input("clk"), .input("a8", 8), .input("a33", 33), .output("y64", 64), .output("y65", 65),
        .input("little", 8), .input("s16", 16), .input("t6", 6), .input("p8", 8), .input("packed8", 8),
        .input("pn", 3), .output("bit_out"),
    ]

    func write(_ text: String, _ name: String) throws -> URL {
        let file = try RepoPaths.scratchDirectory("discover").appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func widthsAndDirectionsFromAFile() throws {
        let file = try write(Self.portsVerilog, "ports_top.v")
        #expect(try ModelSpec.ports(verilogFiles: [file], top: "ports_top") == Self.expectedPorts)
        // Parameters given as Verilator flags change the elaborated widths.
        let wider = try ModelSpec.ports(verilogFiles: [file], top: "ports_top", verilatorFlags: ["-GN=40"])
        #expect(wider.first { $0.name == "pn" } == .input("pn", 40))
    }

    @Test func inoutAndUnpackedPortsAreRefusedByName() throws {
        let text = """
        module odd(input clk, inout [3:0] bus, input [7:0] mem [0:1], output q);
            assign q = ^{bus, mem[0], mem[1]};
        endmodule

        """
        do {
            _ = try ModelSpec.ports(verilog: text, top: "odd")
            Issue.record("an inout and an unpacked array port cannot be co-simulated")
        } catch let error as ModelError {
            let message = "\(error)"
            #expect(message.contains("module odd has ports a co-simulation cannot drive"), "\(message)")
            #expect(message.contains("bus is an inout"), "\(message)")
            #expect(message.contains("bus_in, bus_out and bus_oe"), "\(message)")
            #expect(message.contains("mem: it is an unpacked array (a memory)"), "\(message)")
        }
    }

    @Test func unknownTopListsTheModules() throws {
        let file = try write(Self.portsVerilog, "ports_top.v")
        do {
            _ = try ModelSpec.discover(verilogFiles: [file], top: "nope")
            Issue.record("an unknown top must be refused")
        } catch let error as VerilogRejected {
            let message = "\(error)"
            #expect(message.hasPrefix("\(file.path): verilator cannot compile it as module nope"), "\(message)")
            #expect(message.contains("Verilator found no module named nope; the modules it found are: ports_top, sub"), "\(message)")
        }
    }

    @Test func syntaxErrorNamesTheFileAndLine() throws {
        let file = try write("module broken(input clk, output q);\n  assign q = ;\nendmodule\n", "broken.v")
        do {
            _ = try ModelSpec.discover(verilogFiles: [file], top: "broken")
            Issue.record("a syntax error must be refused")
        } catch let error as VerilogRejected {
            #expect(error.tool == "verilator")
            let message = "\(error)"
            #expect(message.contains("%Error: \(file.path):2:"), "\(message)")
            #expect(message.contains("syntax error"), "\(message)")
            #expect(!message.contains("trapline-xml-"), "the temporary copy must not show: \(message)")
        }
    }

    @Test func missingFileIsABadSpec() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/trapline/none.v")
        #expect(throws: ModelError.badSpec("the Verilog file /nonexistent/trapline/none.v does not exist; give the path of an existing file")) {
            _ = try ModelSpec.discover(verilogFiles: [missing], top: "none")
        }
    }

    @Test func noClockNamesTheInputsAndTheFix() throws {
        let text = "module comb(input [3:0] a, input b, output y);\n    assign y = ^a ^ b;\nendmodule\n"
        #expect(throws: ModelError.badSpec("module comb has no 1-bit input named clk or clock to drive as its clock "
            + "(its inputs: a [4 bits], b); pass clock: \"NAME\" to ModelSpec.discover naming its clock input")) {
            _ = try ModelSpec.discover(verilog: text, top: "comb")
        }
        // Naming the clock explicitly works, and a name that is not a 1-bit input is refused.
        #expect(try ModelSpec.discover(verilog: text, top: "comb", clock: "b").clock == "b")
        #expect(throws: ModelError.badSpec("module comb has no 1-bit input a (its inputs: a [4 bits], b)")) {
            _ = try ModelSpec.discover(verilog: text, top: "comb", clock: "a")
        }
    }

    @Test func clockAndResetConventions() throws {
        let low = "module m(input clock, input rst_n, input d, output reg q);\n"
            + "    always @(posedge clock) q <= rst_n ? d : 1'b0;\nendmodule\n"
        let spec = try ModelSpec.discover(verilog: low, top: "m")
        #expect(spec.clock == "clock")
        #expect(spec.reset == "rst_n")
        #expect(!spec.resetActiveHigh)
        // Explicit arguments override the conventions.
        let overridden = try ModelSpec.discover(verilog: low, top: "m", reset: "d", resetActiveHigh: true)
        #expect(overridden.reset == "d" && overridden.resetActiveHigh)
        let none = try ModelSpec.discover(verilog: "module n(input clk, input d, output q);\n    assign q = d;\nendmodule\n", top: "n")
        #expect(none.reset == nil)
    }

    @Test func severalFilesFormOneDesign() throws {
        let sub = try write("module leaf(input clk, input [3:0] d, output reg [3:0] q);\n    always @(posedge clk) q <= d;\nendmodule\n", "leaf.v")
        let top = try write("module tree(input clk, input [3:0] d, output [3:0] q);\n    leaf u(.clk(clk), .d(d), .q(q));\nendmodule\n", "tree.v")
        let spec = try ModelSpec.discover(verilogFiles: [sub, top], top: "tree")
        #expect(spec.ports == [.input("clk"), .input("d", 4), .output("q", 4)])
        // Messages name the file a line came from, not the concatenation.
        let broken = try write("module tree(input clk, output q);\n    assign q = ;\nendmodule\n", "tree.v")
        do {
            _ = try ModelSpec.discover(verilogFiles: [sub, broken], top: "tree")
            Issue.record("a syntax error must be refused")
        } catch let error as VerilogRejected {
            #expect("\(error)".contains("%Error: \(broken.path):2:"), "\(error)")
        }
    }

    /// The counter fixture's spec is exactly what discovery finds, and the discovered spec runs.
    @Test func discoveredCounterBuildsAndCounts() throws {
        let file = try write(Fixtures.counterVerilog, "counter.v")
        let spec = try ModelSpec.discover(verilogFiles: [file], top: "counter")
        #expect(spec == Fixtures.counterSpec())
        let m = try VerilatedModel(spec, cache: Fixtures.cache)
        let en = try m.input("en"), count = try m.output("count")
        m.poke(en, 1)
        try m.reset(cycles: 2)
        m.step(5)
        #expect(m.peek(count) == 5)
        #expect(m.sampled(count) == 4)
    }
}
