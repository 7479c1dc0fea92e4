import RouterModel

/// Where the Verilator driver takes its commands from, in order: an array in
/// memory (`BufferedCommands`) or a stream that holds only a window of them
/// (`StreamedCommands`), so a run of any length needs bounded memory. The
/// driver asks for command `i` when it offers it and, in messages, for the
/// oldest command without a response; never for one more than `window`
/// behind the newest it asked for.
protocol CommandSource {
    var count: Int { get }
    /// How far behind the newest command the driver may still ask (it stops a
    /// router that accepts this many commands without responding).
    var window: Int { get }
    mutating func command(_ i: Int) -> Command
}

/// Commands in memory.
struct BufferedCommands: CommandSource {
    let cmds: UnsafeBufferPointer<Command>
    var count: Int { cmds.count }
    var window: Int { Int.max }
    @inline(__always) func command(_ i: Int) -> Command { cmds[i] }
}

/// Commands read from a `ReferencePipeline` that generates them on its own
/// thread (with the reference responses): only the pipeline's ring holds any.
struct StreamedCommands: CommandSource {
    let pipeline: ReferencePipeline
    let count: Int
    var window: Int { ReferencePipeline.commandWindow }
    @inline(__always) func command(_ i: Int) -> Command { pipeline.command(i) }
}

/// Where a streamed run's checked response lines go (SPEC 10 trace lines, in command
/// order, a chunk of lines per call), from the thread that runs the model. Keeps its own
/// write error.
public protocol LineWriter: AnyObject, Sendable {
    /// Takes the next bytes of the output (whole lines; valid only during the call).
    func write(_ bytes: UnsafeRawBufferPointer)
}

/// Lockstep on a streamed run: each response is compared with the reference's
/// (from the pipeline); the lines are the pipeline's (`ReferencePipeline`'s `lines`).
struct CheckingSink: ResponseSink {
    let pipeline: ReferencePipeline
    /// Responses that matched, all in a row from the first.
    var checked = 0
    var mismatch: (index: Int, expected: Response, actual: Response)?

    @inline(__always)
    mutating func accept(index: Int, response: Response) -> Bool {
        let expected = pipeline.expected(index)
        if expected != response {
            mismatch = (index, expected, response)
            return false
        }
        checked = index + 1
        return true
    }
}
