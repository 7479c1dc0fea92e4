import ArgumentParser

struct EquivCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "equiv", abstract: "Not implemented yet.")
    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        _ = try parameters.config()
        throw CLIError("'trapline equiv' is not implemented yet", code: .toolFailure)
    }
}
