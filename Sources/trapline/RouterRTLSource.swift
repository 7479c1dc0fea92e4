import Foundation
import RouterModel

/// The Verilog text of the router to simulate: the file given with `--rtl`,
/// or the router generated from `config` (placeholder until the generator lands).
func routerVerilog(config: RouterConfig, rtl: String?) throws -> String {
    if let rtl {
        guard let text = try? String(contentsOfFile: rtl, encoding: .utf8) else {
            throw CLIError.badInput("--rtl \(rtl): cannot read the file; give the path of a Verilog file with the trapline_router interface of SPEC section 9")
        }
        return text
    }
    throw CLIError.tool("the router generator is not available yet")
}
