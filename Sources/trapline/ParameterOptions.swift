import ArgumentParser
import Foundation
import RouterModel

/// The generator parameters every subcommand takes (SPEC sections 2 and 11).
struct ParameterOptions: ParsableArguments {
    @Option(help: "Number of VMMs, 2...16.")
    var vmms: Int = 4
    @Option(help: "Number of guest VMs, 1...64.")
    var guests: Int = 8
    @Option(name: .customLong("io-ranges"), help: "Number of I/O range registers, 0...16.")
    var ioRanges: Int = 8
    @Option(name: .customLong("platform-vmm"), help: "VMM that the static map sends events to, 0..vmms-1.")
    var platformVMM: Int = 1
    @Option(name: .customLong("static-map"), help: "Comma-separated exit reasons hard-wired to the platform VMM (empty for none).")
    var staticMap: String = "5,6"
    @Flag(name: .customLong("no-io-bitmaps"), help: "Leave out the per-VMM I/O bitmaps.")
    var noIOBitmaps: Bool = false

    /// The validated parameters; out-of-range values are bad input (exit 2).
    func config() throws(CLIError) -> RouterConfig {
        var reasons: [UInt16] = []
        let items = staticMap.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if !(items.count == 1 && items[0].isEmpty) {
            for item in items {
                guard let r = UInt16(item) else {
                    throw .badInput("--static-map '\(staticMap)': '\(item)' is not an exit reason number; give a comma-separated list such as 5,6")
                }
                guard !reasons.contains(r) else {
                    throw .badInput("--static-map '\(staticMap)' names reason \(r) twice; list each reason once")
                }
                reasons.append(r)
            }
        }
        let config = RouterConfig(vmms: vmms, guests: guests, ioRanges: ioRanges,
                                  platformVMM: platformVMM, staticMap: reasons, ioBitmaps: !noIOBitmaps)
        do { try config.validate() } catch { throw .badInput(error.message) }
        return config
    }
}

