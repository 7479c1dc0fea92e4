import ArgumentParser
import Foundation
import RouterModel

/// `trapline route TRACE` (SPEC 11): runs a trace through the reference router
/// and prints one response JSON line per command. The whole trace is parsed
/// first: a malformed line prints nothing on stdout and exits 2 naming the line.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Run a trace through the reference software router; responses as JSON Lines on stdout.")
    @OptionGroup var parameters: ParameterOptions
    @Argument(help: "Trace file (JSON Lines, SPEC section 10); '-' reads standard input.")
    var trace: String

    func run() throws {
        let config = try parameters.config()
        let commands = try TraceFile.read(trace)
        var router = Router(config: config)
        var out = OutputBuffer()
        for command in commands {
            TraceWriter.append(router.execute(command), to: &out.bytes)
            out.endLine()
        }
        try out.finish()
    }
}

/// Reading a trace file for the CLI: a missing or malformed file is bad input (exit 2).
enum TraceFile {
    static func read(_ path: String) throws(CLIError) -> [Command] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw .badInput("trace file \(path) does not exist: give the path of a JSON Lines trace (or '-' for standard input)")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw .badInput("trace file \(path) cannot be read: check that it is a readable file")
            }
            data = contents
        }
        do { return try TraceReader.parse(bytes: [UInt8](data), source: path == "-" ? "<stdin>" : path) } catch {
            throw .badInput("\(error.description); nothing was run")
        }
    }
}
