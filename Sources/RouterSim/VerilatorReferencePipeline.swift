import Foundation
import RouterModel
import Stimulus

/// The reference router running on its own thread, ahead of the simulation,
/// so that lockstep checking costs the simulation thread only a buffer read
/// and a compare per response (the reference is a pure function of the
/// command stream, so it can run ahead; the comparison still happens as each
/// response arrives, and the run still stops at the first mismatch).
///
/// Expected responses go into a ring of `depth` chunks of `chunk` responses;
/// two semaphores hand chunks back and forth (one wait per chunk, none per
/// command). Not used for short runs (`minimumCommands`).
final class ReferencePipeline: ExpectedResponses, @unchecked Sendable {
    static let chunk = 4096
    static let depth = 8
    static let minimumCommands = 4 * chunk

    private let ring: UnsafeMutablePointer<Response>
    /// The commands of the chunks in the ring (generated runs only).
    private let commandRing: UnsafeMutablePointer<Command>?
    private let filled = DispatchSemaphore(value: 0)
    private let free = DispatchSemaphore(value: ReferencePipeline.depth)
    private let finished = DispatchSemaphore(value: 0)
    private let cancelLock = NSLock()
    private var cancelled = false
    /// Commands in chunks the driver has waited for (`command(_:)`, generated runs).
    private var available = 0
    /// Where checked response lines go (`init(randomCount:seed:config:lines:)`); nil: none.
    private let lines: LineWriter?
    /// Per ring slot, `slotBytes` bytes: the lines of its chunk's expected responses,
    /// formatted on the pipeline's thread (raw memory: the two threads use different
    /// slots at once, which Swift arrays in one property would not allow).
    private let lineBytes: UnsafeMutablePointer<UInt8>?
    private static let slotBytes = chunk * TraceWriter.maxLineBytes
    /// Per ring entry: where its line ends in its slot of `lineBytes`.
    private let lineEnds: UnsafeMutablePointer<Int32>?
    /// Chunks whose lines were written: by the pipeline's thread, chunk j when it takes its
    /// slot back for chunk j + depth (the checker freed it: every response matched); the
    /// rest by `finishLines`, once the pipeline's thread is done.
    private var writtenChunks = 0

    init(commands: [Command], config: RouterConfig) {
        ring = .allocate(capacity: Self.chunk * Self.depth)
        ring.initialize(repeating: Response(kind: 0), count: Self.chunk * Self.depth)
        commandRing = nil
        lines = nil; lineEnds = nil; lineBytes = nil
        let thread = Thread { [self] in
            var router = Router(config: config)
            commands.withUnsafeBufferPointer { cmds in produce(count: cmds.count) { (cmds[$0], router.execute(cmds[$0])) } }
            finished.signal()
        }
        thread.name = "trapline-reference"
        thread.start()
    }

    /// A generated run: `count` commands of `RandomTraceGenerator(seed:config:)`,
    /// made on the pipeline's thread with their reference responses; the driver
    /// reads the commands with `command(_:)`, the checker the responses with
    /// `expected(_:)`. Nothing holds more than the ring.
    ///
    /// The expected responses are the generator's shadow router's
    /// (`RandomTraceGenerator.nextWithResponse`: a `Router(config:)` run from reset on
    /// the same commands), so the reference runs once per command, not twice.
    ///
    /// With `lines`, the pipeline's thread also formats each expected response as its
    /// trace line (SPEC 10): a response that matched is the expected one, so its line is
    /// known before the model gives it, and formatting leaves the simulation thread. The
    /// pipeline's thread also writes them, a chunk per call, when it takes back a slot
    /// the checker has freed (every response of that chunk matched), so the writes leave
    /// the simulation thread too; call `finishLines(checked:then:)` after `finish()` for the rest.
    init(randomCount count: Int, seed: UInt64, config: RouterConfig, lines: LineWriter? = nil) {
        ring = .allocate(capacity: Self.chunk * Self.depth)
        ring.initialize(repeating: Response(kind: 0), count: Self.chunk * Self.depth)
        let commands = UnsafeMutablePointer<Command>.allocate(capacity: Self.chunk * Self.depth)
        commands.initialize(repeating: Command(op: 0), count: Self.chunk * Self.depth)
        commandRing = commands
        self.lines = lines
        if lines != nil {
            let ends = UnsafeMutablePointer<Int32>.allocate(capacity: Self.chunk * Self.depth)
            ends.initialize(repeating: 0, count: Self.chunk * Self.depth)
            lineEnds = ends
            // Room for the widest lines; only the pages the lines touch become resident (~0.4 MB a slot).
            lineBytes = .allocate(capacity: Self.slotBytes * Self.depth)
        } else {
            lineEnds = nil; lineBytes = nil
        }
        let thread = Thread { [self] in
            var generator = RandomTraceGenerator(seed: seed, config: config)
            produce(count: count) { _ in generator.nextWithResponse() }
            finished.signal()
        }
        thread.name = "trapline-reference"
        thread.start()
    }

    /// Fills the ring a chunk at a time with `next(i)`: command i and its reference response.
    private func produce(count: Int, _ next: (Int) -> (Command, Response)) {
        var index = 0, k = 0
        while index < count {
            free.wait()
            cancelLock.lock(); let stop = cancelled; cancelLock.unlock()
            if stop { return }
            // The slot's previous chunk was checked whole (the checker freed it): its lines go out now.
            if lines != nil && k >= Self.depth { writeChunk(k - Self.depth) }
            let slot = k % Self.depth, offset = slot * Self.chunk
            let end = min(count, index + Self.chunk)
            if let lineEnds, let lineBytes {
                let base = lineBytes + slot * Self.slotBytes
                var used = 0
                for i in index..<end {
                    let (c, r) = next(i)
                    commandRing?[offset + i - index] = c
                    ring[offset + i - index] = r
                    used += TraceWriter.writeLine(r, at: base + used)
                    lineEnds[offset + i - index] = Int32(used)
                }
            } else {
                for i in index..<end {
                    let (c, r) = next(i)
                    commandRing?[offset + i - index] = c
                    ring[offset + i - index] = r
                }
            }
            index = end; k += 1
            filled.signal()
        }
    }

    /// Command `index` of a generated run. The test bench asks in order (a message may
    /// ask again for one of the last few hundred); it waits for each chunk here, so
    /// `expected` does not.
    @inline(__always)
    func command(_ index: Int) -> Command {
        while index >= available { filled.wait(); available += Self.chunk }
        return commandRing![((index / Self.chunk) % Self.depth) * Self.chunk + index % Self.chunk]
    }

    /// The reference response to command `index`; indices must come in order 0, 1, 2...
    @inline(__always)
    func expected(_ index: Int) -> Response {
        let inChunk = index % Self.chunk
        if inChunk == 0 {
            if index > 0 { free.signal() }   // the previous chunk is done with (each of its responses matched)
            if commandRing == nil { filled.wait() }   // a generated run's driver waited in `command`
        }
        return ring[((index / Self.chunk) % Self.depth) * Self.chunk + inChunk]
    }

    /// Stops the producer (if still running) and waits for it; call exactly once.
    ///
    /// `free` gets depth + 1 signals: the producer is at most `depth` chunks ahead of the
    /// consumer plus one wait it may be blocked in, so afterwards the semaphore's count is
    /// back at least to its initial `depth`. libdispatch traps when a semaphore is
    /// released with a count below its initial value, which a run stopped early at a
    /// mismatch could otherwise do (a crash after the report, depending on thread timing).
    func finish() {
        cancelLock.lock(); cancelled = true; cancelLock.unlock()
        for _ in 0...Self.depth { free.signal() }
        finished.wait()
    }

    /// Writes chunk `j`'s lines (before its slot is filled again).
    @inline(never)
    private func writeChunk(_ j: Int) {
        writeLines(slot: j % Self.depth, count: Self.chunk)
        writtenChunks = j + 1
    }

    /// The first `count` lines of `slot`.
    private func writeLines(slot: Int, count: Int) {
        guard let lines, let lineEnds, let lineBytes, count > 0 else { return }
        let n = Int(lineEnds[slot * Self.chunk + count - 1])
        lines.write(UnsafeRawBufferPointer(start: lineBytes + slot * Self.slotBytes, count: n))
    }

    /// After `finish()`: writes the lines of the first `checked` responses not yet written
    /// (every one of them matched), then `extra`'s line (the response that did not match),
    /// in order. Their slots are intact: a slot is handed back only after its chunk was written.
    func finishLines(checked: Int, then extra: Response?) {
        guard let lines else { return }
        let full = checked / Self.chunk, rest = checked % Self.chunk
        for j in writtenChunks..<max(writtenChunks, full) { writeChunk(j) }
        writeLines(slot: full % Self.depth, count: rest)
        if let extra {
            var b: [UInt8] = []
            TraceWriter.appendLine(extra, to: &b)
            b.withUnsafeBytes { lines.write($0) }
        }
    }

    deinit { ring.deallocate(); commandRing?.deallocate(); lineEnds?.deallocate(); lineBytes?.deallocate() }
}

/// The commands of a generated run, read from the `ReferencePipeline` that makes
/// them on its own thread (only the pipeline's ring holds any).
struct PipelineCommands: CommandStream {
    let pipeline: ReferencePipeline
    var index = 0
    @inline(__always) mutating func next() -> Command {
        defer { index += 1 }
        return pipeline.command(index)
    }
    func command(_ i: Int) -> Command { pipeline.command(i) }
}
