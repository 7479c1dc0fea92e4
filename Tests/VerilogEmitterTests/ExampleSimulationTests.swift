import HDL
import Testing
import TestSupport
import VerilogEmitter

/// The UART, the block-RAM FIFO and the controller with assertions behave as described,
/// in Icarus and in Verilator (one stimulus, both simulators must agree).
@Suite struct ExampleSimulationTests {
    @Test func uartSendsStartDataStopLeastSignificantFirst() throws {
        var cycles: [[String: UInt64]] = [["rst": 1], ["rst": 0], ["valid": 1, "data": 0xa5], ["valid": 0]]
        cycles += Array(repeating: [:], count: 44)
        let rows = try DualSimulation.run(try Examples.uartTransmitter(clocksPerBit: 4), cycles: cycles).rows
        #expect(rows[2]["ready"] == 1 && rows[3]["ready"] == 0)
        // From row 3: 10 bits of 4 cycles each: start 0, 0xa5 LSB first, stop 1.
        let bits = (0..<10).map { rows[3 + 4 * $0]["tx"]! }
        #expect(bits == [0, 1, 0, 1, 0, 0, 1, 0, 1, 1], "\(rows.map { $0["tx"]! })")
        for k in 0..<10 { for j in 1..<4 { #expect(rows[3 + 4 * k + j]["tx"] == bits[k]) } }
        #expect(rows[43]["ready"] == 1 && rows[43]["tx"] == 1)
    }

    @Test func bramFifoKeepsOrderUnderBackpressure() throws {
        var cycles: [[String: UInt64]] = [["rst": 1], ["rst": 0]]
        var sent: [UInt64] = []
        // Seeded (the same stimulus every run): writes offered 3 cycles in 4, reads taken 1 in
        // 2, so the 4-word FIFO fills and drains many times.
        var state: UInt64 = 0x5EED
        func draw() -> UInt64 {   // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var next: UInt64 = 1
        for _ in 0..<200 {
            let v: UInt64 = draw() % 4 == 0 ? 0 : 1, r: UInt64 = draw() % 2
            cycles.append(["in_valid": v, "in_data": next & 0xff, "out_ready": r])
            next += 1
        }
        let rows = try DualSimulation.run(try Examples.bramFifo(depth: 4, width: 8), cycles: cycles).rows
        var received: [UInt64] = []
        for (k, row) in rows.enumerated() where k >= 2 {
            let c = cycles[k]
            if c["in_valid"] == 1 && row["in_ready"] == 1 { sent.append(c["in_data"]!) }
            if row["out_valid"] == 1 && c["out_ready"] == 1 { received.append(row["out_data"]!) }
        }
        #expect(received.count > 20)
        #expect(received == Array(sent.prefix(received.count)))
        #expect(rows.contains { $0["in_ready"] == 0 }, "the FIFO filled at some point")
    }

    @Test func controllerRunsAndItsPropertiesHold() throws {
        let cycles: [[String: UInt64]] = [["rst": 1], ["rst": 0], ["req": 1], ["req": 0], [:], [:], [:], [:], ["req": 1], ["req": 0, "cancel": 1], ["cancel": 0], [:]]
        let r = try DualSimulation.run(try Examples.pulseController(runCycles: 3), cycles: cycles)
        #expect(r.rows.map { $0["busy"]! } == [r.rows[0]["busy"]!, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0])
        #expect(r.rows.map { $0["done"]! }.dropFirst() == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0])
        #expect(r.verilatorEnd == nil)
        #expect(r.icarusLog.contains("cover reached at PulseController.swift"))
    }

    @Test func aBrokenAssumptionStopsBothSimulators() throws {
        let cycles: [[String: UInt64]] = [["rst": 1], ["rst": 0], ["req": 1, "cancel": 1], [:], [:]]
        let r = try DualSimulation.run(try Examples.pulseController(), cycles: cycles)
        #expect(r.icarusLog.contains("assumption failed at PulseController.swift"), "\(r.icarusLog)")
        let end = try #require(r.verilatorEnd)
        #expect(end.kind == .stop || end.kind == .fatal)
        #expect(r.rows.count == 3, "stopped at the edge that saw req && cancel")
    }

    @Test func formalToolsSeeTheProperties() throws {
        let dir = try RepoPaths.scratchDirectory("formal")
        let file = dir.appendingPathComponent("pulse_controller.v")
        try VerilogEmitter.emit(try Examples.pulseController()).write(to: file, atomically: true, encoding: .utf8)
        let formal = try Tools.run("yosys", ["-p", "read_verilog -formal \(file.path); prep -top pulse_controller; stat"])
        #expect(formal.status == 0, "\(formal.output)")
        #expect(formal.stdout.contains("$assert                         2"), "\(formal.stdout)")
        #expect(formal.stdout.contains("$assume                         1"))
        #expect(formal.stdout.contains("$cover                          1"))
        let plain = try Tools.run("yosys", ["-p", "read_verilog \(file.path); synth -top pulse_controller; stat"])
        #expect(plain.status == 0 && !plain.stdout.contains("$assert"), "plain synthesis ignores the properties")
    }
}
