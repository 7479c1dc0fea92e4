import Foundation
import RouterModel

/// Keeps every response (a plain run).
struct CollectResponses: ResponseCheck {
    var responses: [Response] = []
    @inline(__always)
    mutating func take(_ index: Int, _ response: Response) -> Bool {
        responses.append(response)
        return true
    }
}

/// Where a lockstep run's expected responses come from, asked in order 0, 1, 2...:
/// the reference router on the test bench's thread (`InlineReference`) or run
/// ahead on a thread of its own (`ReferencePipeline`).
protocol ExpectedResponses {
    /// The reference's response to command `index`.
    mutating func expected(_ index: Int) -> Response
}

/// The reference router on the test bench's thread, one command per response.
struct InlineReference: ExpectedResponses {
    let commands: [Command]
    var router: Router
    init(_ commands: [Command], config: RouterConfig) { self.commands = commands; router = Router(config: config) }
    @inline(__always) mutating func expected(_ index: Int) -> Response { router.execute(commands[index]) }
}

/// Lockstep: each response is compared with the reference's as it arrives; the run
/// stops at the first difference.
struct ComparedResponses<Expected: ExpectedResponses>: ResponseCheck {
    var reference: Expected
    var keep: Bool
    var responses: [Response] = []
    var mismatch: (index: Int, expected: Response, actual: Response)?
    /// Responses that matched, all in a row from the first.
    var checked = 0

    init(_ reference: Expected, keep: Bool) { self.reference = reference; self.keep = keep }

    @inline(__always)
    mutating func take(_ index: Int, _ response: Response) -> Bool {
        let expected = reference.expected(index)
        if keep { responses.append(response) }
        if expected != response {
            mismatch = (index, expected, response)
            return false
        }
        checked = index + 1
        return true
    }
}

/// Where a streamed run's checked response lines go (SPEC 10 trace lines, in command
/// order, a chunk of lines per call), from one thread at a time: the reference
/// pipeline's during the run, the caller's at the end. Keeps its own write error.
public protocol LineWriter: AnyObject, Sendable {
    /// Takes the next bytes of the output (whole lines; valid only during the call).
    func write(_ bytes: UnsafeRawBufferPointer)
}
