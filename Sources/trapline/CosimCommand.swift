import ArgumentParser

struct CosimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cosim", abstract: "Not implemented yet.")
    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        _ = try parameters.config()
        throw CLIError("'trapline cosim' is not implemented yet", code: .toolFailure)
    }
}
