import ArgumentParser
import CoSim
import Foundation

/// The `trapline` command line (SPEC section 11).
///
/// Exit codes: 0 success, 1 a mismatch, 2 bad input or bad parameters,
/// 3 a tool is missing or failed. Subcommands report problems by throwing
/// `CLIError`; argument-parser usage errors are mapped to exit code 2 here.
@main
struct Trapline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trapline",
        abstract: "Generate, co-simulate and check the privileged-event router.",
        version: TraplineVersion.string,
        subcommands: [
            GenerateCommand.self, RouteCommand.self, RandomCommand.self,
            CosimCommand.self, EquivCommand.self, ProveCommand.self, MergeCommand.self, LintCommand.self, MutateCommand.self, BenchCommand.self,
        ]
    )

    static func main() {
        // SIGINT/SIGTERM: stop every child process group, remove temporary folders, exit 130/143.
        ProcessGuard.installSignalHandlers { "trapline \(CommandLine.arguments.dropFirst().first ?? "") had not finished" }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("trapline: error: \(error.message)\n".utf8))
            Foundation.exit(error.code.rawValue)
        } catch let error as VerilogRejected {
            // The file is the user's (--rtl): bad input, named as given, never the temporary copy the tool saw.
            let flag = error.source == nil ? "" : "--rtl "
            FileHandle.standardError.write(Data("trapline: error: \(flag)\(error)\n".utf8))
            Foundation.exit(ExitStatus.badInput.rawValue)
        } catch let error as CacheError {
            FileHandle.standardError.write(Data("trapline: error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.toolFailure.rawValue)
        } catch let error as ToolError {
            FileHandle.standardError.write(Data("trapline: error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.toolFailure.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            // Usage and validation errors are "bad input" (SPEC section 11: exit 2).
            Foundation.exit(code == .validationFailure ? ExitStatus.badInput.rawValue : code.rawValue)
        }
    }
}

enum TraplineVersion {
    static let string = "0.1.0"
}
