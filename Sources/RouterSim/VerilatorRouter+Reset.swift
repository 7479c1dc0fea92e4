import CoSim
import RouterModel

extension VerilatorRouter {
    /// Runs `segments` one after another on ONE model instance, with a `rst`
    /// pulse (2 cycles, cmd_valid and rsp_ready low) before each: the first is
    /// the usual power-on reset, every later one is a mid-run reset of a router
    /// whose registers and bitmap memory the earlier segments changed. The
    /// handshake restarts from `handshake.seed` in every segment.
    /// One `SimRun` per segment (its `cycles` count from that segment's reset).
    /// The reference for segment k > 0 is a fresh `Router` (SPEC 9: reset
    /// gives the SPEC reset values, SPEC 7: the I/O bitmaps read 0).
    public func runSegments(_ segments: [[Command]], handshake: Handshake) throws -> [SimRun] {
        try Self.checkHandshake(handshake)
        let m = try instance(wave: nil)
        var runs: [SimRun] = []
        for commands in segments {
            var collected = CollectResponses()
            collected.responses.reserveCapacity(commands.count)
            let (_, cycles) = try drive(m, ArrayCommands(commands: commands), count: commands.count, handshake, &collected)
            runs.append(SimRun(responses: collected.responses, cycles: cycles))
        }
        return runs
    }
}
