import Foundation
import RouterModel

/// The reference router running on its own thread, ahead of the simulation,
/// so that lockstep checking costs the simulation thread only a buffer read
/// and a compare per response (the reference is a pure function of the
/// command stream, so it can run ahead; the comparison still happens as each
/// response arrives, and the run still stops at the first mismatch).
///
/// Expected responses go into a ring of `depth` chunks of `chunk` responses;
/// two semaphores hand chunks back and forth (one wait per chunk, none per
/// command). Not used for short runs (`minimumCommands`).
final class ReferencePipeline: @unchecked Sendable {
    static let chunk = 4096
    static let depth = 8
    static let minimumCommands = 4 * chunk

    private let ring: UnsafeMutablePointer<Response>
    private let filled = DispatchSemaphore(value: 0)
    private let free = DispatchSemaphore(value: ReferencePipeline.depth)
    private let finished = DispatchSemaphore(value: 0)
    private let cancelLock = NSLock()
    private var cancelled = false

    init(commands: [Command], config: RouterConfig) {
        ring = .allocate(capacity: Self.chunk * Self.depth)
        ring.initialize(repeating: Response(kind: 0), count: Self.chunk * Self.depth)
        let thread = Thread { [self] in
            produce(commands, config)
            finished.signal()
        }
        thread.name = "trapline-reference"
        thread.start()
    }

    private func produce(_ commands: [Command], _ config: RouterConfig) {
        var router = Router(config: config)
        commands.withUnsafeBufferPointer { cmds in
            var index = 0, k = 0
            while index < cmds.count {
                free.wait()
                cancelLock.lock(); let stop = cancelled; cancelLock.unlock()
                if stop { return }
                let base = ring + (k % Self.depth) * Self.chunk
                let end = min(cmds.count, index + Self.chunk)
                for i in index..<end { base[i - index] = router.execute(cmds[i]) }
                index = end; k += 1
                filled.signal()
            }
        }
    }

    /// The reference response to command `index`; indices must come in order 0, 1, 2...
    @inline(__always)
    func expected(_ index: Int) -> Response {
        let inChunk = index % Self.chunk
        if inChunk == 0 {
            if index > 0 { free.signal() }   // the previous chunk is done with
            filled.wait()
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

    deinit { ring.deallocate() }
}

/// Lockstep with the reference on its own thread (see `ReferencePipeline`).
struct PipelinedLockstepSink: ResponseSink {
    let pipeline: ReferencePipeline
    var keep: Bool
    var responses: [Response] = []
    var mismatch: (index: Int, expected: Response, actual: Response)?

    @inline(__always)
    mutating func accept(index: Int, response: Response) -> Bool {
        let expected = pipeline.expected(index)
        if keep { responses.append(response) }
        if expected != response {
            mismatch = (index, expected, response)
            return false
        }
        return true
    }
}
