import Foundation
import RouterDesign
import RouterModel
import RouterSim
import Testing

/// The mid-run reset of `BitmapResetTests` under Icarus: one bench run whose
/// `rst` is pulsed between the two traces (`IcarusRouter.run(resetAfter:)`);
/// the responses after it must be a fresh reference router's.
@Suite struct BitmapResetIcarusTests {
    static func check(_ config: RouterConfig, vmm k: UInt8, guest g: UInt8, handshake: Handshake) throws {
        let params = RouterParameters(vmms: config.vmms, guests: config.guests, ioRanges: config.ioRanges,
                                      platformVMM: config.platformVMM, staticMap: config.staticMap,
                                      ioBitmaps: config.ioBitmaps)
        let a = BitmapResetTests.before(k, g), b = BitmapResetTests.after(k, g)
        let run = try IcarusRouter(verilog: try RouterGenerator.verilog(params))
            .run(a + b, handshake: handshake, wave: nil, resetAfter: a.count)
        let want = BitmapResetTests.reference(a, config) + BitmapResetTests.reference(b, config)
        if let d = BitmapResetTests.firstDivergence(run.responses, want, a + b) {
            Issue.record("Icarus, reset after command \(a.count - 1), parameters \(config), VMM \(k), guest \(g), handshake \(handshake): \(d)")
        }
    }

    @Test func midRunResetClearsBitmapsAtDefaults() throws {
        try Self.check(.default, vmm: 2, guest: 5, handshake: Handshake(seed: 6, idlePercent: 40, stallPercent: 40))
    }

    @Test func midRunResetClearsBitmapsAtTwoVMMsOneGuest() throws {
        try Self.check(RouterConfig(vmms: 2, guests: 1, ioRanges: 0), vmm: 1, guest: 0, handshake: .fullSpeed(seed: 2))
    }

    @Test func resetAfterOutsideTheTraceIsRefused() throws {
        let sim = IcarusRouter(verilog: "")
        for k in [0, 3, -1] {
            #expect(throws: IcarusRunError.self) {
                try sim.run([.resume, .resume, .resume], handshake: .fullSpeed(), wave: nil, resetAfter: k)
            }
        }
    }
}
