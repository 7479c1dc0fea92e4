import Foundation
import RouterDesign
import RouterModel

/// The Verilog text of the router to simulate: the file given with `--rtl`,
/// or the router generated from `config`.
func routerVerilog(config: RouterConfig, rtl: String?) throws -> String {
    if let rtl {
        guard let text = try? String(contentsOfFile: rtl, encoding: .utf8) else {
            throw CLIError.badInput("--rtl \(rtl): cannot read the file; give the path of a Verilog file with the trapline_router interface of SPEC section 9")
        }
        return text
    }
    do {
        return try RouterGenerator.verilog(config.designParameters)
    } catch let e as RouterParameterError {
        throw CLIError.badInput(e.message)
    }
}
