import Foundation
import Equivalence
import RouterModel
import RouterSim

/// A software `RouterSimulator` for orchestration tests (no hardware is
/// involved in what these tests check): the reference router, optionally with
/// one injected fault that rewrites some responses.
struct SoftwareRouter: RouterSimulator {
    let name: String
    let config: RouterConfig
    /// Rewrites a response (command, state before, response) -> response.
    var fault: (@Sendable (Command, Entity, Response) -> Response)?
    /// Seconds each run takes at least (a slow RTL).
    var delay: Double = 0

    func run(_ commands: [Command], handshake: Handshake, wave: URL?) throws -> SimRun {
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        var router = Router(config: config)
        var out: [Response] = []
        for c in commands {
            let before = router.current
            let r = router.execute(c)
            out.append(fault.map { $0(c, before, r) } ?? r)
        }
        if let wave { try "$comment software router $end\n".write(to: wave, atomically: true, encoding: .utf8) }
        return SimRun(responses: out, cycles: UInt64(commands.count))
    }
}
