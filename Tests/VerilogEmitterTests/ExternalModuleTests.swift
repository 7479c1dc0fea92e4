import Foundation
import HDL
import Testing
import TestSupport
import VerilogEmitter

/// External modules (black boxes): declared in Swift, instantiated with parameters, never
/// emitted; the design runs under Verilator and Icarus with the external Verilog beside it.
@Suite struct ExternalModuleTests {
    static let syncCell = RepoPaths.root.appendingPathComponent("rtl/examples/sync_cell.v")

    @Test func instanceWithParametersAndNoBody() throws {
        let text = VerilogEmitter.emit(try Examples.edgeCounter())
        #expect(text.contains("sync_cell #(.WIDTH(1)) u_sync (  // EdgeCounter.swift:21\n        .clk(clk),\n        .d(async_in),\n        .q(synced)\n    );"), "\(text)")
        #expect(!text.contains("module sync_cell"))
        #expect(text.contains("// sync_cell: external module (Module.external at EdgeCounter.swift:5), not emitted"))
        try Lint.check(verilog: text, top: "edge_counter", libraries: [Self.syncCell])
    }

    /// An edge on `async_in` is counted three edges later (two in the synchronizer, one in the
    /// counter); a level held high counts once.
    @Test func countsEdgesThroughTheSynchronizer() throws {
        let external = try String(contentsOf: Self.syncCell, encoding: .utf8)
        var cycles: [[String: UInt64]] = [["rst": 1], ["rst": 0]]
        for v in [1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0] { cycles.append(["async_in": UInt64(v)]) }
        let rows = try DualSimulation.run(try Examples.edgeCounter(), extraVerilog: "\n" + external, cycles: cycles).rows
        let counts = rows.dropFirst().map { $0["count"]! }   // row 0 is before the reset edge
        // Rising edges at rows 2, 7 and 9; each shows in `count` three rows later.
        #expect(counts == [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3], "\(counts)")
    }

    @Test func misuseIsAnElaborationError() throws {
        #expect { _ = try Module.external("bad", parameters: ["W", "W", "2x"]) { m in
            m.input("a")
            let w = m.wire("w"); w <== 0
        } } throws: { e in
            let text = "\(e)"
            return text.contains("external module `bad` declares `w`: an external module has ports only")
                && text.contains("parameter name `W` is repeated or not a Verilog identifier")
                && text.contains("parameter name `2x` is repeated or not a Verilog identifier")
        }
        #expect { _ = try Module.external("paths", combinationalPaths: ["y": ["nope"], "a": []]) { m in
            m.input("a"); m.output("y")
        } } throws: { e in
            "\(e)".contains("combinational path to `y` names `nope`, which is not an input")
                && "\(e)".contains("combinational path for `a`, which is not an output")
        }
        let cell = try Examples.syncCell(width: 4)
        let m = ModuleBuilder("top")
        let clk = m.input("clk"), d = m.input("d", width: 4), q = m.output("q", width: 4)
        m.instance(cell, name: "u0", parameters: ["DEPTH": 2], bindings: ["clk": clk, "d": d, "q": q])
        let counter = try Examples.counter()
        let m2 = ModuleBuilder("top2")
        let clk2 = m2.input("clk"), rst2 = m2.input("rst"), en2 = m2.input("en")
        m2.instance(counter, name: "c0", parameters: ["WIDTH": 8], bindings: ["clk": clk2, "rst": rst2, "en": en2])
        #expect { try m.build() } throws: { "\($0)".contains("instance `u0`: external module `sync_cell` has no parameter `DEPTH`; fix: use one of: WIDTH") }
        #expect { try m2.build() } throws: { "\($0)".contains("instance `c0`: `counter` is described in Swift and has no parameters to set") }
    }

    /// A loop through an external module's declared combinational path is found like any other.
    @Test func declaredCombinationalPathsTakePartInLoopChecks() throws {
        let buffer = try Module.external("buf_cell", combinationalPaths: ["y": ["a"]]) { m in
            m.input("a"); m.output("y")
        }
        let m = ModuleBuilder("looped")
        let w = m.wire("w")
        let out = m.output("o")
        m.instance(buffer, name: "u_buf", bindings: ["a": !w, "y": w])
        out <== w
        #expect { try m.build() } throws: { "\($0)".contains("combinational loop") }
    }
}
