import Foundation
import HDL
import Testing
import TestSupport
import VerilogEmitter

/// The examples: golden Verilog (rtl/examples/*.v, byte for byte; TRAPLINE_RECORD=1
/// re-records), clean in Verilator -Wall, Icarus and Yosys, and deterministic.
@Suite struct ExampleTests {
    static let examples: [(name: String, make: @Sendable () throws -> Module)] = [
        ("counter", { try Examples.counter() }),
        ("fifo", { try Examples.fifo() }),
        ("register_file", { try Examples.registerFile() }),
        ("priority_arbiter", { try Examples.priorityArbiter(requesters: 5) }),
        ("uart_tx", { try Examples.uartTransmitter() }),
        ("bram_fifo", { try Examples.bramFifo() }),
        ("pulse_controller", { try Examples.pulseController() }),
        ("edge_counter", { try Examples.edgeCounter() }),
    ]
    /// Verilog files an example reads beside its emitted text (its external modules).
    static let libraries: [String: [URL]] = ["edge_counter": [ExternalModuleTests.syncCell]]

    @Test(arguments: examples.map(\.name))
    func matchesGoldenAndIsLintClean(name: String) throws {
        let make = Self.examples.first { $0.name == name }!.make
        let text = VerilogEmitter.emit(try make())
        if let diff = try Golden.compare(text, to: "rtl/examples/\(name).v") { Issue.record("\(diff)") }
        try Lint.check(verilog: text, top: name, libraries: Self.libraries[name] ?? [])
    }

    @Test(arguments: examples.map(\.name))
    func emissionIsDeterministic(name: String) throws {
        let make = Self.examples.first { $0.name == name }!.make
        #expect(VerilogEmitter.emit(try make()) == VerilogEmitter.emit(try make()))
    }

    @Test func parametersChangeTheHardware() throws {
        let three = VerilogEmitter.emit(try Examples.priorityArbiter(requesters: 3))
        let eight = VerilogEmitter.emit(try Examples.priorityArbiter(requesters: 8))
        #expect(three.contains("input  wire [2:0] req,"))
        #expect(eight.contains("input  wire [7:0] req,"))
        try Lint.check(verilog: eight, top: "priority_arbiter")
        let fifo = VerilogEmitter.emit(try Examples.fifo(depth: 16, width: 12))
        #expect(fifo.contains("reg  [11:0] storage [0:15];"))
        try Lint.check(verilog: fifo, top: "fifo")
    }
}
