import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Not implemented yet.")
    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        _ = try parameters.config()
        throw CLIError("'trapline bench' is not implemented yet", code: .toolFailure)
    }
}
