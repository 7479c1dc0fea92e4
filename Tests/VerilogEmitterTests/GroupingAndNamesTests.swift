import HDL
import Testing
import TestSupport
import VerilogEmitter

/// What makes the emitted Verilog read like a designer's: registers of one clock and reset
/// in one `always` block with their shared conditions written once, localparams used by
/// name, intermediate values named by the design or for what they compute.
@Suite struct GroupingAndNamesTests {
    func emit(_ body: (ModuleBuilder, _ clk: Signal, _ rst: Signal, _ en: Signal) throws -> Void) throws -> String {
        try emitLinted(body)
    }

    @Test func registersOfOneClockAndResetShareOneBlockAndTheirConditions() throws {
        let t = try emit { m, clk, rst, en in
            let d = m.input("d", width: 8)
            let a = m.reg("a", width: 8, clock: clk, reset: rst, resetValue: 3)
            let b = m.reg("b", width: 8, clock: clk, reset: rst, resetValue: 0)
            let c = m.reg("c", width: 8, clock: clk)                 // no reset: a block of its own
            let y = m.output("y", width: 8)
            m.when(en) {
                a <== d
                b <== a
                c <== d ^ a
            }.otherwise {
                b <== b + 1
            }
            y <== a ^ b ^ c
        }
        #expect(t.components(separatedBy: "always @(posedge clk)").count == 3, "one block for a and b, one for c")
        #expect(t.contains("""
                always @(posedge clk) begin
                    if (rst) begin
                        a <= 8'd3;
                        b <= 8'd0;
                    end else if (en) begin
                        a <= d;
                        b <= a;
                    end else begin
                        b <= b + 8'd1;
                    end
                end
            """))
        #expect(t.contains("""
                always @(posedge clk) begin
                    if (en) begin
                        c <= d ^ a;
                    end
                end
            """))
    }

    @Test func aRegisterOnlyAnOutputReadsIsThatOutput() throws {
        let t = try emit { m, clk, rst, en in
            let d = m.input("d", width: 4)
            let held = m.reg("held", width: 4, clock: clk, reset: rst, resetValue: 5)   // read by `y` only
            let count = m.reg("count", width: 4, clock: clk, reset: rst, resetValue: 0)  // read by its own logic too
            let y = m.output("y", width: 4), z = m.output("z", width: 4)
            m.when(en) { held <== d }
            count <== count + 1
            y <== held
            z <== count
        }
        #expect(t.contains("output reg  [3:0] y,\n"), "the register is the port")
        #expect(t.contains("y <= 4'd5;") && t.contains("y <= d;"))
        #expect(!t.contains("held") && !t.contains("assign y"))
        #expect(t.contains("output wire [3:0] z\n") && t.contains("reg  [3:0] count;") && t.contains("assign z = count;"))
    }

    @Test func localparamsAreDeclaredOnceAndUsedByName() throws {
        let t = try emit { m, clk, rst, en in
            let op = m.input("op", width: 3)
            let y = m.output("y", width: 16)
            let read = m.localparam("OP_READ", 1, width: 3)
            let vmread = m.localparam("EXIT_REASON_VMREAD", 23, width: 16)
            _ = m.localparam("UNUSED_CODE", 9, width: 4)
            let again = m.localparam("OP_READ", 1, width: 3)      // same name and value: the same constant
            y <== mux((op .== read) && (op .== again) && en && !rst && !clk, vmread, 0)
        }
        #expect(t.contains("localparam [2:0] OP_READ = 3'd1;"))
        #expect(t.contains("localparam [15:0] EXIT_REASON_VMREAD = 16'd23;"))
        #expect(!t.contains("UNUSED_CODE"), "an unused localparam is not declared (Verilator -Wall: UNUSEDPARAM)")
        #expect(t.contains("(op == OP_READ)"))
        #expect(t.contains("? EXIT_REASON_VMREAD : 16'd0;"))
        #expect(!t.contains("16'd23;\n") || t.components(separatedBy: "16'd23").count == 2)
    }

    @Test func aLocalparamRedeclaredWithAnotherValueIsAnError() throws {
        let m = ModuleBuilder("t")
        let y = m.output("y", width: 4)
        let line = #line + 1
        let a = m.localparam("CODE", 3, width: 4)
        let b = m.localparam("CODE", 5, width: 4)
        y <== a ^ b
        #expect(throws: ElaborationError.self) { try m.build() }
        do { _ = try m.build() } catch let e as ElaborationError {
            #expect(e.description.contains(
                "GroupingAndNamesTests.swift:\(line + 1): localparam `CODE` is declared again as 4'd5, but it is 4'd3 (declared at GroupingAndNamesTests.swift:\(line)); fix: use another name, or the same value and width"))
        }
    }

    @Test func namedExpressionsAndGeneratedNamesSayWhatTheyHold() throws {
        let t = try emit { m, clk, rst, en in
            let a = m.input("a", width: 8), b = m.input("b", width: 8)
            let sum = (a + b).named("sum")
            let y = m.output("y", width: 4), z = m.output("z", width: 4)
            y <== sum[7, 4] ^ cat(clk, rst, en, a[0])
            z <== (a ^ b)[3, 0]                                 // sliced: needs a wire of its own
        }
        #expect(t.contains("wire [7:0] sum;"))
        #expect(t.contains("assign sum = a + b;"))
        #expect(t.contains("wire [7:0] a_xor_b = a ^ b;"))
        #expect(!t.contains("_t0"))
    }

    @Test func registerArrayElementsAreAssignedByConstantIndex() throws {
        let t = try emit { m, clk, rst, en in
            let d = m.input("d", width: 4)
            let regs = m.regArray("slot", count: 4, width: 4, clock: clk, reset: rst, resetValue: 0)
            let y = m.output("y", width: 4)
            m.when(en) { regs[1] <== d }
            regs[3] <== regs[1] + regs[0]
            y <== regs[3]
        }
        #expect(t.contains("slot[1] <= d;"))
        #expect(t.contains("slot[3] <= slot[1] + slot[0];"))
        #expect(t.contains("assign y = slot[3];"))
    }

    @Test func locationsArePerBlock() throws {
        let m = ModuleBuilder("t")
        let clk = m.input("clk"), rst = m.input("rst")
        let d = m.input("d", width: 4)
        let q = m.reg("q", width: 4, clock: clk, reset: rst, resetValue: 0)
        let y = m.output("y", width: 4)
        let line = #line + 1
        m.when(d[0]) { q <== d }   // the first statement of q's block
        y <== ~q
        let text = VerilogEmitter.emit(try m.build())
        try Lint.check(verilog: text, top: "t")
        // One comment opens the run of declarations from this file; none on each line.
        #expect(text.contains("(  // GroupingAndNamesTests.swift:\(line - 6)\n    // GroupingAndNamesTests.swift:\(line - 5)\n    input  wire clk,\n"))
        #expect(text.contains(");\n    // GroupingAndNamesTests.swift:\(line - 3)\n    reg  [3:0] q;\n"))
        #expect(!text.contains("wire [3:0] d,  //"))
        // An always block names where its first statement was written.
        #expect(text.contains("always @(posedge clk) begin  // GroupingAndNamesTests.swift:\(line)\n"))
    }

    @Test func registerArraysDeeperThan64ResetInLoopsOf64() throws {
        let t = try emit { m, clk, rst, en in
            let i = m.input("i", width: 8)
            let flags = m.regArray("seen", count: 200, width: 1, clock: clk, reset: rst, resetValue: 0)
            let y = m.output("y")
            m.when(en) { flags.write(i, m.const(1, width: 1)) }
            y <== flags.read(i)
        }
        // Verilator keeps a loop of more than 64 iterations, and a nonblocking write to an
        // array inside it is an error (BLKLOOPINIT): emit() lints with Verilator.
        #expect(t.contains("for (_i = 0; _i < 64; _i = _i + 1) begin"))
        #expect(t.contains("for (_i = 192; _i < 200; _i = _i + 1) begin"))
    }
}
