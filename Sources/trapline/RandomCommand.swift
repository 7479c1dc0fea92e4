import ArgumentParser

struct RandomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "random", abstract: "Not implemented yet.")
    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        _ = try parameters.config()
        throw CLIError("'trapline random' is not implemented yet", code: .toolFailure)
    }
}
