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

/// Lockstep: each response is compared with the reference router's answer to the
/// same command as it arrives, the reference running on the test bench's thread;
/// the run stops at the first difference (`PipelinedResponses` runs it ahead, on
/// a thread of its own).
struct ReferenceResponses: ResponseCheck {
    let commands: [Command]
    var reference: Router
    var keep: Bool
    var responses: [Response] = []
    var mismatch: (index: Int, expected: Response, actual: Response)?

    init(_ commands: [Command], config: RouterConfig, keep: Bool) {
        self.commands = commands; reference = Router(config: config); self.keep = keep
    }

    @inline(__always)
    mutating func take(_ index: Int, _ response: Response) -> Bool {
        let expected = reference.execute(commands[index])
        if keep { responses.append(response) }
        if expected != response {
            mismatch = (index, expected, response)
            return false
        }
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
