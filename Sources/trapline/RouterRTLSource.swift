import Foundation
import RouterDesign
import CoSim
import RouterModel
import RouterSim

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

/// The Verilator model of `verilog` (built, or loaded from the cache), with the
/// CLI's mapping of model errors: a Verilog file whose ports are not those of
/// SPEC 9 is bad input (exit 2); any other build or load failure is a tool
/// failure (exit 3). `rtl` names the file in the message.
/// `timeLimit`: the --sim-timeout of one run in seconds; nil: `VerilatorRouter.defaultTimeLimit`.
func verilatorRouter(verilog: String, seed: UInt64, rtl: String?, timeLimit: Double? = nil) throws -> VerilatorRouter {
    do {
        let router = try VerilatorRouter(verilog: verilog, seed: seed, sourceName: rtl)
        router.timeLimit = { timeLimit ?? VerilatorRouter.defaultTimeLimit(commands: $0) }
        return router
    } catch let e as ModelError {
        throw cliError(e, rtl: rtl)
    }
}

/// The exit-code mapping of `verilatorRouter`, for model errors raised later (during a run).
func cliError(_ e: ModelError, rtl: String?) -> CLIError {
    if case .interfaceMismatch = e {
        return .badInput("\(rtl.map { "--rtl \($0)" } ?? "the generated router"): \(e); give a Verilog file with the trapline_router interface of SPEC section 9")
    }
    return .tool("\(e)")
}
