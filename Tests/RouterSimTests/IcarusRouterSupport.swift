import Foundation
import RouterDesign
import RouterModel
import RouterSim
import Testing

/// Shared helpers of the Icarus router tests: the generated Verilog per
/// parameter set, the reference responses, and a first-divergence report.
enum IcarusRouterSupport {
    static func parameters(_ c: RouterConfig) -> RouterParameters {
        RouterParameters(vmms: c.vmms, guests: c.guests, ioRanges: c.ioRanges, platformVMM: c.platformVMM,
                         staticMap: c.staticMap, ioBitmaps: c.ioBitmaps)
    }

    static func reference(_ commands: [Command], _ config: RouterConfig) -> [Response] {
        var router = Router(config: config)
        return commands.map { router.execute($0) }
    }

    /// Runs `commands` through the generated router under Icarus and the
    /// reference; records the first divergence with everything to replay it.
    static func check(_ commands: [Command], config: RouterConfig, handshake: Handshake, label: String) throws {
        let verilog = try RouterGenerator.verilog(parameters(config))
        let run = try IcarusRouter(verilog: verilog).run(commands, handshake: handshake, wave: nil)
        let expected = reference(commands, config)
        #expect(run.responses.count == expected.count)
        for i in 0..<min(run.responses.count, expected.count) where run.responses[i] != expected[i] {
            Issue.record("""
            \(label): first divergence at command \(i) of \(commands.count): \(commands[i])
              rtl:       \(run.responses[i])
              reference: \(expected[i])
            parameters \(config), handshake \(handshake)
            """)
            return
        }
    }
}
