import Foundation
@testable import RouterSim
import RouterModel
import Stimulus
import Testing

/// The reference pipeline writes the trace lines of checked responses from its own
/// thread (chunks whose every response was checked) and the caller writes the rest
/// (`finishLines`): together exactly the lines of the responses checked, in order,
/// then the mismatching response's line, wherever the run stops.
@Suite struct ReferencePipelineLinesTests {
    final class Collected: LineWriter, @unchecked Sendable {
        var bytes: [UInt8] = []
        func write(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }
    }

    static let chunk = ReferencePipeline.chunk
    static let count = 12 * chunk + 5   // more chunks than the ring holds

    /// Checks `checked` responses (as the driver would), stops, and returns what was written.
    func run(checked: Int, extra: Response?) -> [UInt8] {
        let lines = Collected()
        let pipeline = ReferencePipeline(randomCount: Self.count, seed: 5, config: .default, lines: lines)
        for i in 0..<checked { _ = pipeline.command(i); _ = pipeline.expected(i) }
        pipeline.finish()
        pipeline.finishLines(checked: checked, then: extra)
        return lines.bytes
    }

    func reference(_ n: Int, then extra: Response?) -> [UInt8] {
        var router = Router(config: .default)
        var out: [UInt8] = []
        for c in RandomTrace.generate(count: n, seed: 5, config: .default) { TraceWriter.appendLine(router.execute(c), to: &out) }
        if let extra { TraceWriter.appendLine(extra, to: &out) }
        return out
    }

    @Test(arguments: [0, 1, chunk - 1, chunk, chunk + 1, 9 * chunk + 17, count])
    func theLinesAreThoseOfTheCheckedResponses(checked: Int) {
        #expect(run(checked: checked, extra: nil) == reference(checked, then: nil))
    }

    @Test func aMismatchAddsTheActualResponseLast() {
        let actual = Response(kind: 4, error: 3)
        let got = run(checked: 8 * Self.chunk + 3, extra: actual)
        #expect(got == reference(8 * Self.chunk + 3, then: actual))
        var line: [UInt8] = []
        TraceWriter.appendLine(actual, to: &line)
        #expect(got.suffix(line.count).elementsEqual(line))
    }
}
