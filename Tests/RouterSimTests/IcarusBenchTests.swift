import CoSim
import Foundation
import RouterModel
import RouterSim
import Testing
import TestSupport

/// Tests of the Icarus replay machinery itself, with the tiny hand-written
/// routers of `VerilatorFixtures` (the Verilator driver tests use the same ones),
/// whose behaviour is known: every command comes back once, in order, under
/// any handshake; a router that never answers is reported as a hang.
@Suite struct IcarusBenchTests {
    @Test(arguments: [Handshake.fullSpeed(), Handshake(seed: 7), Handshake(seed: 99, idlePercent: 60, stallPercent: 70)])
    func everyOperandReachesThePortsAndEveryResponseComesBackOnce(handshake: Handshake) throws {
        let commands = VerilatorFixtures.randomCommands(300, seed: handshake.seed &+ 1)
        let run = try IcarusRouter(verilog: VerilatorFixtures.echoRouter).run(commands, handshake: handshake, wave: nil)
        #expect(run.responses.count == commands.count)
        for (i, c) in commands.enumerated() where run.responses[i] != VerilatorFixtures.echoExpected(c) {
            Issue.record("response \(i) of \(c): got \(run.responses[i]), expected \(VerilatorFixtures.echoExpected(c))")
            break
        }
        if handshake.idlePercent == 0 && handshake.stallPercent == 0 {
            // Full speed: one command per cycle, the last response one cycle later.
            #expect(run.cycles == UInt64(commands.count + 1))
        } else {
            #expect(run.cycles > UInt64(commands.count + 1))
        }
    }

    @Test func sameSeedSameCycles() throws {
        let commands = VerilatorFixtures.randomCommands(100, seed: 3)
        let a = try IcarusRouter(verilog: VerilatorFixtures.echoRouter).run(commands, handshake: Handshake(seed: 5), wave: nil)
        let b = try IcarusRouter(verilog: VerilatorFixtures.echoRouter).run(commands, handshake: Handshake(seed: 5), wave: nil)
        let c = try IcarusRouter(verilog: VerilatorFixtures.echoRouter).run(commands, handshake: Handshake(seed: 6), wave: nil)
        #expect(a.cycles == b.cycles)
        #expect(a.cycles != c.cycles)
    }

    @Test func emptyTraceRunsAndWaveIsWritten() throws {
        let dir = try RepoPaths.scratchDirectory("icarus-wave")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wave = dir.appendingPathComponent("run.vcd")
        let run = try IcarusRouter(verilog: VerilatorFixtures.echoRouter, workDirectory: dir.appendingPathComponent("work"))
            .run(VerilatorFixtures.randomCommands(5, seed: 1), handshake: Handshake(seed: 1), wave: wave)
        #expect(run.responses.count == 5)
        let vcd = try String(contentsOf: wave, encoding: .utf8)
        #expect(vcd.contains("$var") && vcd.contains("rsp_valid"))
        let empty = try IcarusRouter(verilog: VerilatorFixtures.echoRouter).run([], handshake: Handshake(seed: 1), wave: nil)
        #expect(empty.responses.isEmpty && empty.cycles == 0)
    }

    @Test func aRouterThatNeverAnswersIsReportedAsAHang() throws {
        let stuck = VerilatorFixtures.echoRouter.replacingOccurrences(of: "assign cmd_ready = !rsp_valid || rsp_ready;", with: "assign cmd_ready = 1'b0;")
        #expect {
            try IcarusRouter(verilog: stuck).run(VerilatorFixtures.randomCommands(3, seed: 1), handshake: Handshake(seed: 1), wave: nil)
        } throws: { error in
            "\(error)".contains("hung") && "\(error)".contains("accepted 0 of 3 commands")
        }
    }

    /// The input's fault, not the tool's: VerilogRejected naming the file as given, not the work folder's copy.
    @Test func verilogThatDoesNotCompileIsRejectedNamingTheSource() throws {
        #expect {
            try IcarusRouter(verilog: "module trapline_router(input clk); syntax error here endmodule", sourceName: "mine.v")
                .run(VerilatorFixtures.randomCommands(1, seed: 1), handshake: Handshake(seed: 1), wave: nil)
        } throws: { error in
            error is VerilogRejected && "\(error)".contains("iverilog cannot compile it") && "\(error)".contains("  mine.v:1: syntax error")
        }
    }

    @Test func undefinedResponseBitsAreReportedWithTheirPort() throws {
        let floating = VerilatorFixtures.echoRouter.replacingOccurrences(of: "rsp_data <= cmd_data ^ cmd_qual;", with: "")
            .replacingOccurrences(of: "rsp_data <= 64'd0;", with: "")
        #expect {
            try IcarusRouter(verilog: floating).run(VerilatorFixtures.randomCommands(3, seed: 1), handshake: Handshake(seed: 1), wave: nil)
        } throws: { error in
            "\(error)".contains("response 0: rsp_data has undefined (x/z) bits")
        }
    }
}
