import ArgumentParser

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Not implemented yet.")
    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        _ = try parameters.config()
        throw CLIError("'trapline generate' is not implemented yet", code: .toolFailure)
    }
}
