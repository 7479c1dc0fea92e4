import HDL
import Testing
import TestSupport
import VerilogEmitter

/// Bundles (declared and connected in one statement, directions flipped per side) and
/// vectors of signals with a dynamic index, checked on the emitted Verilog and in Icarus
/// and Verilator.
@Suite struct BundleVectorTests {
    static let stream = BundleType("stream", [("valid", 1, .forward), ("ready", 1, .backward), ("data", 8, .forward)])

    /// A pass-through stream, the lane `sel` picks (now and registered), and a 4-slot output
    /// vector in which only the selected slot carries the stream's data.
    static func design() throws -> Module {
        let m = ModuleBuilder("lanes")
        let clk = m.input("clk")
        let sel = m.input("sel", width: 2)
        let lanes = m.inputs("lane", count: 4, width: 8)
        let source = m.input(stream, "in")
        let sink = m.output(stream, "out")
        sink <== source                         // valid and data forward, ready backward
        let picked = m.output("picked", width: 8)
        picked <== lanes[sel]
        let held = m.reg("held", width: 8, clock: clk)      // the lane picked at the last edge
        held <== lanes[sel]
        m.output("last_picked", width: 8) <== held
        let slots = m.outputs("slot", count: 4, width: 8)
        for s in slots.elements { s <== 0 }
        slots.assign(at: sel, source["data"])
        return try m.build()
    }

    @Test func portsAndConnections() throws {
        let text = VerilogEmitter.emit(try Self.design())
        try Lint.check(verilog: text, top: "lanes")
        for port in ["input  wire in_valid,", "output wire in_ready,", "input  wire [7:0] in_data,",
                     "output wire out_valid,", "input  wire out_ready,", "output wire [7:0] out_data,",
                     "input  wire [7:0] lane_3,", "output reg  [7:0] slot_2,"] {
            #expect(text.contains(port), "\(port)\n\(text)")
        }
        #expect(text.contains("assign out_valid = in_valid;") && text.contains("assign in_ready = out_ready;")
                && text.contains("assign out_data = in_data;"), "\(text)")
    }

    @Test func behaviourInBothSimulators() throws {
        var cycles: [[String: UInt64]] = []
        for s in 0..<4 {
            var row: [String: UInt64] = ["lane_0": 10, "lane_1": 11, "lane_2": 12, "lane_3": 13]
            row["sel"] = UInt64(s)
            row["in_valid"] = UInt64(s & 1)
            row["out_ready"] = UInt64((s >> 1) & 1)
            row["in_data"] = UInt64(0x40 + s)
            cycles.append(row)
        }
        let rows = try DualSimulation.run(try Self.design(), cycles: cycles).rows
        for (s, row) in rows.enumerated() {
            #expect(row["picked"] == UInt64(10 + s))
            if s > 0 { #expect(row["last_picked"] == UInt64(10 + s - 1)) }
            let data = UInt64(0x40 + s)
            #expect(row["out_valid"] == UInt64(s & 1))
            #expect(row["in_ready"] == UInt64((s >> 1) & 1))
            #expect(row["out_data"] == data)
            for k in 0..<4 {
                let expected: UInt64 = k == s ? data : 0
                #expect(row["slot_\(k)"] == expected, "slot \(k) at sel \(s)")
            }
        }
    }

    @Test func misuseIsAnElaborationError() throws {
        let other = BundleType("other", [("valid", 1, .forward)])
        let m = ModuleBuilder("bad")
        let a = m.input(Self.stream, "a")
        let b = m.output(other, "b")
        b <== a
        _ = a["strobe"]
        _ = m.wires("none", count: 0)
        #expect { try m.build() } throws: { e in
            let t = "\(e)"
            return t.contains("cannot connect bundle `a` (stream) to bundle `b` (other): the bundle types differ")
                && t.contains("bundle `a` (stream) has no field `strobe`; fix: use one of: valid, ready, data")
                && t.contains("vector `none` has 0 elements")
        }
    }
}
