import Lockstep
import Foundation
import RouterModel

/// How the test bench wiggles the handshake (SPEC section 9): in each cycle
/// `cmd_valid` is held low with probability `idlePercent` (a gap in the command
/// stream) and `rsp_ready` is held low with probability `stallPercent`
/// (backpressure). Both draws come from `SeededRandom(seed:)`, so a run is
/// replayable from its seed.
public struct Handshake: Hashable, Sendable {
    /// Seed of the gap and stall draws.
    public var seed: UInt64
    /// Percentage (0-100) of cycles with `cmd_valid` low.
    public var idlePercent: Int
    /// Percentage (0-100) of cycles with `rsp_ready` low.
    public var stallPercent: Int
    /// A handshake pattern from `seed`; by default 20 % idle and 20 % stalled cycles.
    public init(seed: UInt64, idlePercent: Int = 20, stallPercent: Int = 20) {
        self.seed = seed; self.idlePercent = idlePercent; self.stallPercent = stallPercent
    }
    /// Every cycle valid, every cycle ready: the throughput case.
    public static func fullSpeed(seed: UInt64 = 0) -> Handshake { Handshake(seed: seed, idlePercent: 0, stallPercent: 0) }
}

/// The result of running a trace through a simulated router.
public struct SimRun: Sendable {
    /// Exactly one per command, in order (a simulator that produced fewer or
    /// more throws instead).
    public var responses: [Response]
    /// Clock cycles simulated after reset.
    public var cycles: UInt64
    /// A run's result: one response per command and the cycles it took.
    public init(responses: [Response], cycles: UInt64) { self.responses = responses; self.cycles = cycles }
}

/// A simulator that runs a router RTL with the SPEC section 9 interface.
/// Implemented by the Verilator lockstep driver and by the Icarus replay.
public protocol RouterSimulator {
    /// Short name for reports: "verilator", "icarus".
    var name: String { get }
    /// Runs `commands` from reset and returns every response. `wave`, when
    /// given, is a VCD file to write.
    func run(_ commands: [Command], handshake: Handshake, wave: URL?) throws -> SimRun
}
