import CoSim
import Foundation
import RouterModel
import Stimulus
@testable import RouterSim
import Testing
import TestSupport

/// The Verilator driver of the SPEC 9 handshake, on hand-written routers:
/// every operand reaches the ports, every response comes back once under any
/// handshake, the cycle pattern equals the Icarus bench's, protocol
/// violations are reported with the command index, lockstep stops at the
/// first mismatch.
@Suite struct VerilatorRouterTests {
    static let handshakes = [Handshake.fullSpeed(), Handshake(seed: 7), Handshake(seed: 99, idlePercent: 60, stallPercent: 70)]

    @Test(arguments: handshakes)
    func everyResponseComesBackOnceInOrder(handshake: Handshake) throws {
        let commands = VerilatorFixtures.randomCommands(500, seed: handshake.seed &+ 1)
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.echoRouter, cache: VerilatorFixtures.cache)
        let run = try sim.run(commands, handshake: handshake, wave: nil)
        #expect(run.responses.count == commands.count)
        for (i, c) in commands.enumerated() where run.responses[i] != VerilatorFixtures.echoExpected(c) {
            Issue.record("response \(i) of \(c): got \(run.responses[i]), expected \(VerilatorFixtures.echoExpected(c))")
            break
        }
        if handshake.idlePercent == 0 && handshake.stallPercent == 0 {
            #expect(run.cycles == UInt64(commands.count + 1), "full speed: one command per cycle, last response a cycle later")
        } else {
            #expect(run.cycles > UInt64(commands.count + 1))
        }
    }

    @Test func sameHandshakeSameCyclesAsIcarus() throws {
        let commands = VerilatorFixtures.randomCommands(200, seed: 11)
        let handshake = Handshake(seed: 5, idlePercent: 30, stallPercent: 40)
        let v = try VerilatorRouter(verilog: VerilatorFixtures.echoRouter, cache: VerilatorFixtures.cache)
            .run(commands, handshake: handshake, wave: nil)
        let i = try IcarusRouter(verilog: VerilatorFixtures.echoRouter).run(commands, handshake: handshake, wave: nil)
        #expect(v.responses == i.responses)
        #expect(v.cycles == i.cycles, "both benches draw the same idle/stall pattern per cycle")
        let again = try VerilatorRouter(verilog: VerilatorFixtures.echoRouter, cache: VerilatorFixtures.cache)
            .run(commands, handshake: handshake, wave: nil)
        #expect(again.cycles == v.cycles)
    }

    @Test func lockstepMatchesAndStopsAtTheFirstMismatch() throws {
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.rejectRouter, cache: VerilatorFixtures.cache)
        // Ops 6 and 7 are rejected with code 4 by the reference too.
        var commands = (0..<300).map { Command(op: UInt8(6 + $0 % 2)) }
        let ok = try sim.lockstep(commands, handshake: Handshake(seed: 3), config: .default)
        #expect(ok.mismatch == nil)
        #expect(ok.compared == 300)
        #expect(ok.responses.count == 300)
        commands[123] = .vmread(vmcs: 0, field: 0x4402)
        commands[200] = .resume
        let bad = try sim.lockstep(commands, handshake: Handshake(seed: 3), config: .default)
        let m = try #require(bad.mismatch)
        #expect(m.index == 123)
        #expect(m.expected.kind == ResponseKind.vmsucceed)
        #expect(m.actual == Response(kind: ResponseKind.rejected, error: 4))
        #expect(bad.compared == 124, "stops at the first mismatch")
    }

    @Test func mismatchReportNamesEverything() throws {
        let commands: [Command] = [Command(op: 6), .vmread(vmcs: 0, field: 0x4402)]
        let dir = try RepoPaths.scratchDirectory("mismatch")
        let url = Mismatch.writePrefix(commands, through: 1, directory: dir)
        let m = Mismatch(index: 1, command: commands[1], expected: Response(kind: 1, current: 0x80),
                         actual: Response(kind: 4, error: 4), simulator: "verilator", stimulusSeed: 9,
                         handshake: Handshake(seed: 9), prefixTrace: url, replay: "trapline cosim x.jsonl --seed 9")
        let text = m.description
        #expect(text.contains("mismatch at command 1 (verilator vs reference)"))
        #expect(text.contains("command:  {\"op\":\"vmread\",\"field\":\"0x4402\"}"))
        #expect(text.contains("expected: {\"kind\":\"vmsucceed\",\"data\":\"0x0\",\"current\":{\"vmm\":0}}"))
        #expect(text.contains("actual:   {\"kind\":\"rejected\",\"error\":4}"))
        #expect(text.contains("differing fields: kind, current, error"))
        #expect(text.contains("stimulus seed: 9"))
        #expect(text.contains("replay: trapline cosim x.jsonl --seed 9"))
        let prefix = try String(contentsOf: try #require(url), encoding: .utf8)
        #expect(prefix == "{\"op\":6}\n{\"op\":\"vmread\",\"field\":\"0x4402\"}\n")
    }

    @Test func aRouterThatNeverAnswersIsAHangNamingTheCommand() throws {
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.muteRouter, cache: VerilatorFixtures.cache)
        do {
            _ = try sim.run(VerilatorFixtures.randomCommands(10, seed: 1), handshake: .fullSpeed(), wave: nil)
            Issue.record("a mute router must fail")
        } catch let v as ProtocolViolation {
            #expect(v.commandIndex == 0)
            #expect(v.message.contains("command 0 ("))
            #expect(v.message.contains("got no response within 32 cycles"))
        }
    }

    @Test func aResponseWithoutACommandIsAViolation() throws {
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.chattyRouter, cache: VerilatorFixtures.cache)
        do {
            _ = try sim.run([Command(op: 6)], handshake: Handshake(seed: 1, idlePercent: 90, stallPercent: 0), wave: nil)
            Issue.record("a chatty router must fail")
        } catch let v as ProtocolViolation {
            #expect(v.message.contains("with no command outstanding") || v.message.contains("after all 1 commands were answered"))
        }
    }

    @Test func waveFileIsWrittenOnRequest() throws {
        let dir = try RepoPaths.scratchDirectory("wave")
        let wave = dir.appendingPathComponent("router.vcd")
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.echoRouter, cache: VerilatorFixtures.cache)
        let run = try sim.run(VerilatorFixtures.randomCommands(20, seed: 2), handshake: Handshake(seed: 2), wave: wave)
        #expect(run.responses.count == 20)
        let vcd = try String(contentsOf: wave, encoding: .utf8)
        for s in ["cmd_valid", "cmd_ready", "rsp_valid", "rsp_data"] { #expect(vcd.contains(" \(s) ")) }
    }

    @Test func waveWindowStartsAtTheGivenCommand() throws {
        let dir = try RepoPaths.scratchDirectory("wave-window")
        let full = dir.appendingPathComponent("full.vcd"), window = dir.appendingPathComponent("window.vcd")
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.echoRouter, cache: VerilatorFixtures.cache)
        let commands = VerilatorFixtures.randomCommands(200, seed: 3)
        let a = try sim.run(commands, handshake: .fullSpeed(), wave: full)
        let b = try sim.run(commands, handshake: .fullSpeed(), wave: window, waveFrom: 150)
        #expect(a.responses == b.responses)
        func firstTime(_ url: URL) throws -> Int? {
            let text = try String(contentsOf: url, encoding: .utf8)
            return text.split(separator: "\n").first { $0.hasPrefix("#") }.flatMap { Int($0.dropFirst()) }
        }
        #expect(try firstTime(full) == 0)
        // Full speed: command k is offered in cycle k after the 2 reset cycles, at time 10 * (2 + k).
        #expect(try firstTime(window) == 10 * (2 + 150))
        let fullSize = try FileManager.default.attributesOfItem(atPath: full.path)[.size] as? Int ?? 0
        let windowSize = try FileManager.default.attributesOfItem(atPath: window.path)[.size] as? Int ?? 0
        #expect(windowSize < fullSize / 2)
    }

    @Test func badHandshakePercentIsRefused() throws {
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.echoRouter, cache: VerilatorFixtures.cache)
        #expect(throws: ProtocolViolation.self) {
            _ = try sim.run([Command(op: 6)], handshake: Handshake(seed: 1, idlePercent: 100, stallPercent: 0), wave: nil)
        }
    }
}

@Suite struct PipelinedLockstepTests {
    @Test func pipelinedReferenceFindsTheSameFirstMismatch() throws {
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.rejectRouter, cache: VerilatorFixtures.cache)
        var commands = (0..<20_000).map { Command(op: UInt8(6 + $0 % 3 % 2)) }
        let ok = try sim.lockstep(commands, handshake: Handshake(seed: 4), config: .default, keepResponses: false)
        #expect(ok.mismatch == nil)
        #expect(ok.compared == 20_000)
        commands[17_001] = .resume
        commands[19_000] = .resume
        for pipelined in [true, false] {
            let bad = try sim.lockstep(commands, handshake: Handshake(seed: 4), config: .default, pipelined: pipelined)
            let m = try #require(bad.mismatch)
            #expect(m.index == 17_001)
            #expect(m.expected == Response(kind: ResponseKind.vmfailValid, error: 5))
            #expect(bad.responses.count == 17_002)
        }
    }
}
