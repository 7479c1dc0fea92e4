import Lockstep
import Foundation
import RouterDesign
import RouterModel
import RouterSim
import Stimulus
import Testing

/// SPEC 7 ("I/O bitmaps, reset: all 0") with SPEC 9's synchronous `rst`: a
/// reset in the middle of a run clears the bitmaps exactly like the power-on
/// reset. The generated router (Verilator) runs a trace that fills bitmap
/// words of one VMM and uses them, then `rst` is pulsed on the same model
/// instance, then a second trace turns PROC bit 25 on again WITHOUT rewriting
/// the bitmaps and sends I/O events from a guest that VMM owns: every response
/// after the reset must be a fresh reference router's (`Router.reset()`).
@Suite struct BitmapResetTests {
    typealias C = Command
    static func w(_ vmcs: UInt8, _ field: UInt32, _ data: UInt64) -> C { .vmwrite(vmcs: vmcs, field: field, data: data) }
    static func io(port: UInt64, size: UInt64) -> C { .event(reason: 30, qual: port << 16 | 8 | (size - 1)) }
    static let procUseIOBitmaps: UInt64 = 1 << 25

    /// VMM 0 routes task switches (reason 9) to VMM `k` (ROUTE[9] = FIELD), launches
    /// guest `g`, whose task switch enters VMM `k`, which launches it: owner[g] = k.
    static func own(_ k: UInt8, _ g: UInt8) -> [C] {
        [w(0, 0x4200 + 2 * 9, UInt64(k) << 4 | 1), .launch(guest: g), .event(reason: 9), .launch(guest: g)]
    }

    /// Each I/O event from guest `g`, then back to the guest whoever took it.
    static func probes(_ g: UInt8, _ events: [C]) -> [C] {
        events.flatMap { [$0, .resume, .resume, .launch(guest: g)] }
    }

    /// Ports 0x00 (word 0), 0x3F (word 1 bit 31), 0x3F+2 (crosses into word 2 bit 0),
    /// 0x40 (word 2), 0x45 (word 2 bit 5), 0x8000 (bitmap B, word 1024), 0xFFFF (word 2047).
    static let ports: [C] = [io(port: 0x00, size: 1), io(port: 0x3F, size: 1), io(port: 0x3F, size: 2),
                             io(port: 0x3E, size: 4), io(port: 0x40, size: 1), io(port: 0x45, size: 1),
                             io(port: 0x8000, size: 1), io(port: 0x8001, size: 1), io(port: 0xFFFF, size: 1)]

    /// Before the reset: bitmap words of VMM `k` written (A and B, a word-crossing span,
    /// words sharing a 32-word group), PROC bit 25 set, the ports probed.
    static func before(_ k: UInt8, _ g: UInt8) -> [C] {
        [.bitmapWrite(vmcs: k, word: 0, data: 0xFFFF_FFFF), .bitmapWrite(vmcs: k, word: 1, data: 0x8000_0000),
         .bitmapWrite(vmcs: k, word: 2, data: 0x0000_0021), .bitmapWrite(vmcs: k, word: 31, data: 7),
         .bitmapWrite(vmcs: k, word: 1024, data: 1), .bitmapWrite(vmcs: k, word: 1025, data: 1),
         .bitmapWrite(vmcs: k, word: 2047, data: 0x8000_0000),
         w(k, 0x4002, procUseIOBitmaps)] + own(k, g) + probes(g, ports)
    }

    /// After the reset: PROC bit 25 again, no bitmap write, the same ports (all must go to
    /// VMM 0); then one word of the first 32-word group rewritten (word 1, bit 30 only):
    /// its neighbours 0 and 2, written before the reset, must still read 0.
    static func after(_ k: UInt8, _ g: UInt8) -> [C] {
        [w(k, 0x4002, procUseIOBitmaps)] + own(k, g) + probes(g, ports)
            + [.event(reason: 10), .bitmapWrite(vmcs: k, word: 1, data: 0x4000_0000), .launch(guest: g)]
            + probes(g, ports + [io(port: 0x3E, size: 1)])
    }

    static func reference(_ commands: [C], _ config: RouterConfig) -> [Response] {
        var router = Router(config: config)
        return commands.map { router.execute($0) }
    }

    static func firstDivergence(_ got: [Response], _ want: [Response], _ commands: [C]) -> String? {
        if got.count != want.count { return "\(got.count) responses, expected \(want.count)" }
        guard let i = (0..<got.count).first(where: { got[$0] != want[$0] }) else { return nil }
        return "command \(i) \(commands[i]):\n  rtl:       \(got[i])\n  reference: \(want[i])"
    }

    /// The targets of guest `g`'s I/O events.
    static func ioTargets(_ commands: [C], _ responses: [Response], _ g: UInt8) -> [UInt8] {
        zip(commands, responses).filter { $0.0.op == 0 && $0.0.reason == 30 && $0.1.from == Entity.guest(Int(g)).raw }
            .map { $0.1.target }
    }

    static func check(_ config: RouterConfig, vmm k: UInt8, guest g: UInt8, handshake: Handshake) throws {
        let params = RouterParameters(vmms: config.vmms, guests: config.guests, ioRanges: config.ioRanges,
                                      platformVMM: config.platformVMM, staticMap: config.staticMap,
                                      ioBitmaps: config.ioBitmaps)
        let sim = try VerilatorRouter(verilog: try RouterGenerator.verilog(params), cache: VerilatorFixtures.cache, seed: 3)
        let a = before(k, g), b = after(k, g)
        let runs = try sim.runSegments([a, b], handshake: handshake)
        let label = "parameters \(config), VMM \(k), guest \(g), handshake \(handshake)"
        let wantA = reference(a, config), wantB = reference(b, config)
        if let d = firstDivergence(runs[0].responses, wantA, a) { Issue.record("before the reset, \(label): \(d)") }
        if let d = firstDivergence(runs[1].responses, wantB, b) { Issue.record("after a mid-run rst, \(label): \(d)") }
        // The trace does what it says: before the reset VMM k takes bitmap ports, after it
        // none until word 1 is rewritten, then only port 0x3E.
        #expect(ioTargets(a, wantA, g) == [k, k, k, k, k, k, k, 0, k], "\(label)")
        #expect(ioTargets(b, wantB, g) == [0, 0, 0, 0, 0, 0, 0, 0, 0] + [0, 0, 0, k, 0, 0, 0, 0, 0, k], "\(label)")
    }

    @Test func midRunResetClearsBitmapsAtDefaults() throws {
        try Self.check(.default, vmm: 2, guest: 5, handshake: Handshake(seed: 4, idlePercent: 30, stallPercent: 30))
    }

    @Test func midRunResetClearsBitmapsAtTwoVMMsOneGuest() throws {
        try Self.check(RouterConfig(vmms: 2, guests: 1, ioRanges: 0), vmm: 1, guest: 0,
                       handshake: Handshake(seed: 5, idlePercent: 30, stallPercent: 30))
    }

    /// Right after the reset the router still takes a command every cycle:
    /// n commands, n responses in n + 1 cycles (latency 1), the same as after power-on.
    @Test func fullSpeedRightAfterMidRunReset() throws {
        let sim = try VerilatorRouter(verilog: try RouterGenerator.verilog(.defaults), cache: VerilatorFixtures.cache, seed: 3)
        let a = Self.before(2, 5), b = Self.after(2, 5)
        let runs = try sim.runSegments([a, b], handshake: .fullSpeed())
        #expect(runs[0].cycles == UInt64(a.count + 1))
        #expect(runs[1].cycles == UInt64(b.count + 1))
        #expect(Self.firstDivergence(runs[1].responses, Self.reference(b, .default), b) == nil)
    }

    /// A seeded random segment: VMM 0 writes random words of the first two 32-word
    /// groups (and of bitmap B's first group) of every VMM, sets PROC bit 25 of every
    /// VMM but some, hands guest `g` to VMM `k`, and probes random ports of those groups.
    /// After a reset the next segment's words are a different random subset, so a word
    /// kept from before the reset is seen with high probability.
    static func randomSegment(_ rng: inout SeededRandom, vmms: Int, guest g: UInt8) -> [C] {
        var out: [C] = []
        let k = UInt8(1 + rng.below(UInt64(vmms - 1)))
        for _ in 0..<12 {
            let word = UInt32(rng.below(64)) + (rng.chance(25) ? 1024 : 0)
            out.append(.bitmapWrite(vmcs: UInt8(rng.below(UInt64(vmms))), word: word, data: UInt32(truncatingIfNeeded: rng.next())))
        }
        for v in 0..<vmms where rng.chance(80) { out.append(w(UInt8(v), 0x4002, procUseIOBitmaps)) }
        out += own(k, g)
        let probes = (0..<24).map { _ in
            io(port: rng.below(0x800) + (rng.chance(25) ? 0x8000 : 0), size: [1, 2, 4][Int(rng.below(3))])
        }
        return out + Self.probes(g, probes)
    }

    /// Six random segments on one model instance, a mid-run reset before each
    /// (fixed seed, named in any failure).
    @Test(arguments: [(RouterConfig.default, UInt8(5)), (RouterConfig(vmms: 2, guests: 1, ioRanges: 0), UInt8(0))])
    func randomSegmentsEachMatchAFreshReference(config: RouterConfig, guest: UInt8) throws {
        let params = RouterParameters(vmms: config.vmms, guests: config.guests, ioRanges: config.ioRanges,
                                      platformVMM: config.platformVMM, staticMap: config.staticMap,
                                      ioBitmaps: config.ioBitmaps)
        let sim = try VerilatorRouter(verilog: try RouterGenerator.verilog(params), cache: VerilatorFixtures.cache, seed: 7)
        let seed: UInt64 = 2026
        var rng = SeededRandom(seed: seed)
        let segments = (0..<6).map { _ in Self.randomSegment(&rng, vmms: config.vmms, guest: guest) }
        let handshake = Handshake(seed: 12, idlePercent: 20, stallPercent: 20)
        let runs = try sim.runSegments(segments, handshake: handshake)
        for (i, (segment, run)) in zip(segments, runs).enumerated() {
            if let d = Self.firstDivergence(run.responses, Self.reference(segment, config), segment) {
                Issue.record("segment \(i) of BitmapResetTests.randomSegment (seed \(seed)) after \(i) mid-run resets, parameters \(config), handshake \(handshake): \(d)")
                return
            }
        }
    }
}
