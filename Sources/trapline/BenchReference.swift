import Foundation
import RouterModel
import Stimulus

/// `reference_commands_per_s` of SPEC 12: the reference router alone, in
/// memory. The random trace is generated first; only the execute loop is
/// timed (no JSON). The loop runs `repeats` times from reset and the fastest
/// run counts (the usual way to keep other processes' noise out of a figure).
/// The responses are folded into a checksum so the loop cannot be optimised away.
func measureReferenceCommandsPerSecond(config: RouterConfig = .default, count: Int = 1_000_000,
                                       seed: UInt64 = 1, repeats: Int = 5) -> Double {
    let commands = RandomTrace.generate(count: count, seed: seed, config: config)
    var best = Double.infinity
    for _ in 0..<max(1, repeats) {
        var router = Router(config: config)
        var checksum: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        commands.withUnsafeBufferPointer { buffer in
            for command in buffer {
                let r = router.execute(command)
                checksum = checksum &* 31 &+ UInt64(r.kind) &+ UInt64(r.target) &+ r.entry &+ r.data &+ UInt64(r.error)
            }
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        referenceChecksumSink = checksum
    }
    return Double(count) / max(best, 1e-9)
}

/// Keeps the bench loop's result observable.
nonisolated(unsafe) var referenceChecksumSink: UInt64 = 0
