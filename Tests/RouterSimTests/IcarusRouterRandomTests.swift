import Lockstep
import Foundation
import RouterDesign
import RouterModel
import RouterSim
import Stimulus
import Testing

/// Constrained-random traces through the generated router under Icarus with
/// random gaps and backpressure, compared with the reference, at several
/// parameter sets. Replay a failure with the printed seed and parameters.
@Suite struct IcarusRouterRandomTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var config: RouterConfig
        var count: Int
        var seed: UInt64
        var testDescription: String {
            "vmms \(config.vmms) guests \(config.guests) ioRanges \(config.ioRanges) platform \(config.platformVMM) static \(config.staticMap) bitmaps \(config.ioBitmaps), \(count) commands, seed \(seed)"
        }
    }

    static let cases: [Case] = [
        Case(config: .default, count: 4000, seed: 1),
        Case(config: RouterConfig(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: []), count: 2000, seed: 2),
        Case(config: RouterConfig(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15, staticMap: [5, 6, 10]), count: 1500, seed: 3),
        Case(config: RouterConfig(ioBitmaps: false), count: 2000, seed: 4),
        Case(config: RouterConfig(vmms: 5, guests: 13, ioRanges: 3, platformVMM: 3, staticMap: [1, 30, 55]), count: 2000, seed: 5),
    ]

    @Test(arguments: cases)
    func randomTraceMatchesTheReference(c: Case) throws {
        let commands = RandomTrace.generate(count: c.count, seed: c.seed, config: c.config)
        try IcarusRouterSupport.check(commands, config: c.config,
                                      handshake: Handshake(seed: c.seed, idlePercent: 15, stallPercent: 25),
                                      label: "random trace (trapline cosim --sim icarus --random \(c.count) --seed \(c.seed))")
    }

    /// Both simulators' test benches draw the handshake from the same SplitMix64
    /// sequence, so on the same router they agree response for response and cycle for cycle.
    @Test func icarusAndVerilatorAgreeOnResponsesAndCycles() throws {
        let commands = RandomTrace.generate(count: 1500, seed: 21)
        let verilog = try RouterGenerator.verilog(.defaults)
        let handshake = Handshake(seed: 21, idlePercent: 30, stallPercent: 30)
        let icarus = try IcarusRouter(verilog: verilog).run(commands, handshake: handshake, wave: nil)
        let verilator = try VerilatorRouter(verilog: verilog, cache: VerilatorFixtures.cache).run(commands, handshake: handshake, wave: nil)
        #expect(icarus.cycles == verilator.cycles)
        #expect(icarus.responses.count == verilator.responses.count)
        let first = (0..<min(icarus.responses.count, verilator.responses.count)).first { icarus.responses[$0] != verilator.responses[$0] }
        #expect(first == nil, "Icarus and Verilator differ first at command \(first ?? -1)")
        let expected = IcarusRouterSupport.reference(commands, .default)
        #expect((0..<min(icarus.responses.count, expected.count)).first { icarus.responses[$0] != expected[$0] } == nil, "the RTL differs from the reference")
    }

    /// The constrained trace with ~30% of its commands bent: one operand flipped or
    /// replaced at random (a field encoding one bit off, any data, reason, qual, vmcs,
    /// guest or op), so the decode sees near-miss encodings and out-of-range operands.
    static func bent(_ commands: [Command], seed: UInt64) -> [Command] {
        var rng = SeededRandom(seed: seed)
        return commands.map { c in
            var c = c
            guard rng.chance(30) else { return c }
            switch rng.below(8) {
            case 0: c.field ^= 1 << UInt32(rng.below(32))
            case 1: c.data = rng.chance(50) ? rng.next() : rng.next() & 0xFF
            case 2: c.reason = rng.chance(50) ? UInt16(rng.below(64)) : UInt16(truncatingIfNeeded: rng.next())
            case 3: c.qual ^= 1 << rng.below(64)
            case 4: c.vmcs = UInt8(rng.below(16))
            case 5: c.guest = UInt8(rng.below(64))
            case 6: c.op = UInt8(rng.below(8))
            default: c.vector = UInt8(truncatingIfNeeded: rng.next()); c.intType = UInt8(rng.below(8)); c.errValid = rng.chance(50)
            }
            return c
        }
    }

    @Test(arguments: [(RouterConfig.default, UInt64(31)),
                      (RouterConfig(vmms: 3, guests: 2, ioRanges: 1, platformVMM: 2, staticMap: [5]), UInt64(32))])
    func bentOperandsMatchTheReference(config: RouterConfig, seed: UInt64) throws {
        let commands = Self.bent(RandomTrace.generate(count: 3000, seed: seed, config: config), seed: seed)
        try IcarusRouterSupport.check(commands, config: config, handshake: Handshake(seed: seed),
                                      label: "bent random trace (seed \(seed))")
    }
}
