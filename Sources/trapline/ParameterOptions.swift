import ArgumentParser
import Foundation
import RouterModel
import RouterSpec

/// The generator parameters every subcommand takes (SPEC sections 2 and 11);
/// ranges and defaults from RouterSpec's `SpecParameters`.
struct ParameterOptions: ParsableArguments {
    @Option(help: "Number of VMMs, \(range(SpecParameters.vmms)).")
    var vmms: Int = SpecParameters.defaultVMMs
    @Option(help: "Number of guest VMs, \(range(SpecParameters.guests)).")
    var guests: Int = SpecParameters.defaultGuests
    @Option(name: .customLong("io-ranges"), help: "Number of I/O range registers, \(range(SpecParameters.ioRanges)).")
    var ioRanges: Int = SpecParameters.defaultIORanges
    @Option(name: .customLong("platform-vmm"), help: "VMM that the static map sends events to, 0..vmms-1.")
    var platformVMM: Int = SpecParameters.defaultPlatformVMM
    @Option(name: .customLong("static-map"), help: "Comma-separated exit reasons hard-wired to the platform VMM (empty for none).")
    var staticMap: String = SpecParameters.defaultStaticMap.map(String.init).joined(separator: ",")
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

/// "2...16", as the help texts write a SPEC 2 range.
private func range(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound)...\(r.upperBound)" }
