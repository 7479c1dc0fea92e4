import CoSim
import Foundation
import RouterModel
import RouterSim
import Stimulus
import Testing
import TestSupport

/// sim/handwritten/trapline_router.v, the hand-written router that `make bench` measures the
/// generated RTL against, must stay a valid baseline: clean in the three tools and equal to
/// the reference (a short version of `trapline equiv --rtl sim/handwritten/trapline_router.v`).
@Suite struct HandwrittenBaselineTests {
    static let file = RepoPaths.root.appendingPathComponent("sim/handwritten/trapline_router.v")

    @Test func isLintClean() throws {
        try Lint.check(file: Self.file, top: "trapline_router")
    }

    @Test func matchesTheReferenceUnderVerilatorAndIcarus() throws {
        let verilog = try String(contentsOf: Self.file, encoding: .utf8)
        let commands = RandomTrace.generate(count: 20_000, seed: 31, config: .default)
        let sim = try VerilatorRouter(verilog: verilog, cache: VerilatorFixtures.cache, seed: 5)
        let r = try sim.lockstep(commands, handshake: Handshake(seed: 9, idlePercent: 20, stallPercent: 40),
                                 config: .default, keepResponses: false)
        #expect(r.mismatch == nil, "\(String(describing: r.mismatch))")
        #expect(r.compared == commands.count)
        let few = Array(commands.prefix(400))
        let i = try IcarusRouter(verilog: verilog).run(few, handshake: Handshake(seed: 4, idlePercent: 20, stallPercent: 40), wave: nil)
        var reference = Router(config: .default)
        #expect(i.responses == few.map { reference.execute($0) })
    }
}
