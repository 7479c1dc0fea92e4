import Foundation
import RouterDesign
import RouterModel
@testable import RouterSim
import Stimulus
import Testing

/// A streamed random run (`lockstepRandom`) through the generic per-cycle loop
/// writes exactly the lines of the responses it compared, in order, the
/// mismatching one last; a pipelined reference and one on the test bench's
/// thread give the same cycles and verdict.
@Suite struct StreamedLinesTests {
    final class Collected: LineWriter, @unchecked Sendable {
        var bytes: [UInt8] = []
        var calls = 0
        func write(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b); calls += 1 }
    }

    static let verilog: String = (try? RouterGenerator.verilog(RouterParameters())) ?? ""

    func referenceLines(_ n: Int, seed: UInt64, then extra: Response? = nil) -> [UInt8] {
        var router = Router(config: .default)
        var out: [UInt8] = []
        for c in RandomTrace.generate(count: n, seed: seed, config: .default) { TraceWriter.appendLine(router.execute(c), to: &out) }
        if let extra { TraceWriter.appendLine(extra, to: &out) }
        return out
    }

    /// 3 commands fit in one chunk of the pipeline; the lines of 20,000 take several writes.
    @Test(arguments: [3, 20_000])
    func theLinesAreThoseOfTheComparedResponses(count: Int) throws {
        let sim = try VerilatorRouter(verilog: Self.verilog, cache: VerilatorFixtures.cache)
        let lines = Collected()
        let r = try sim.lockstepRandom(count: count, seed: 5, handshake: Handshake(seed: 2), config: .default, lines: lines)
        #expect(r.mismatch == nil)
        #expect(r.compared == count)
        #expect(lines.bytes == referenceLines(count, seed: 5))
        if count > ReferencePipeline.chunk { #expect(lines.calls > 1) }
    }

    @Test func aMismatchWritesTheActualResponseLast() throws {
        let sim = try VerilatorRouter(verilog: VerilatorFixtures.rejectRouter, cache: VerilatorFixtures.cache)
        let lines = Collected()
        let r = try sim.lockstepRandom(count: 20_000, seed: 5, handshake: Handshake(seed: 2), config: .default, lines: lines)
        let m = try #require(r.mismatch)
        #expect(m.actual == Response(kind: ResponseKind.rejected, error: 4))
        #expect(r.compared == m.index + 1)
        #expect(lines.bytes == referenceLines(m.index, seed: 5, then: m.actual))
    }

    /// Pipelined or not, the same handshake gives the same cycles and responses.
    @Test func pipelinedAndSerialRunTheSameCycles() throws {
        let sim = try VerilatorRouter(verilog: Self.verilog, cache: VerilatorFixtures.cache, seed: 3)
        let commands = RandomTrace.generate(count: 20_000, seed: 9, config: .default)
        let h = Handshake(seed: 4, idlePercent: 35, stallPercent: 25)
        let split = try sim.lockstep(commands, handshake: h, config: .default, keepResponses: true, pipelined: true)
        let one = try sim.lockstep(commands, handshake: h, config: .default, keepResponses: true, pipelined: false)
        let plain = try sim.run(commands, handshake: h, wave: nil)
        #expect(split.mismatch == nil && one.mismatch == nil)
        #expect(split.cycles == one.cycles)
        #expect(plain.cycles == one.cycles)
        #expect(split.responses == plain.responses)
    }
}
