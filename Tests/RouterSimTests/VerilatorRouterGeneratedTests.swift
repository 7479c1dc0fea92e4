import CoSim
import Foundation
import RouterDesign
import RouterModel
import RouterSim
import Stimulus
import Testing
import TestSupport

/// The generated router at default parameters under the Verilator driver:
/// lockstep with the reference over a long random trace (pipelined and
/// serial), and the same responses and cycle count as the Icarus bench.
@Suite struct VerilatorRouterGeneratedTests {
    static let verilog: String = (try? RouterGenerator.verilog(RouterParameters())) ?? ""

    @Test func longRandomTraceMatchesInLockstep() throws {
        let sim = try VerilatorRouter(verilog: Self.verilog, cache: VerilatorFixtures.cache, seed: 11)
        let commands = RandomTrace.generate(count: 20_000, seed: 21, config: .default)
        for pipelined in [true, false] {
            let r = try sim.lockstep(commands, handshake: Handshake(seed: 8, idlePercent: 30, stallPercent: 30),
                                     config: .default, keepResponses: false, pipelined: pipelined)
            #expect(r.mismatch == nil, "\(String(describing: r.mismatch))")
            #expect(r.compared == 20_000)
            #expect(r.cycles > 20_000)
        }
    }

    @Test func sameResponsesAndCyclesAsIcarus() throws {
        let commands = RandomTrace.generate(count: 300, seed: 5, config: .default)
        let handshake = Handshake(seed: 6, idlePercent: 25, stallPercent: 45)
        let v = try VerilatorRouter(verilog: Self.verilog, cache: VerilatorFixtures.cache).run(commands, handshake: handshake, wave: nil)
        let i = try IcarusRouter(verilog: Self.verilog).run(commands, handshake: handshake, wave: nil)
        var reference = Router(config: .default)
        #expect(v.responses == commands.map { reference.execute($0) })
        #expect(v.responses == i.responses)
        #expect(v.cycles == i.cycles)
    }
}
