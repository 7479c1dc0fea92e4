/// Exit codes of SPEC section 11.
enum ExitStatus: Int32 {
    case success = 0
    case mismatch = 1
    case badInput = 2
    case toolFailure = 3
}

/// A failure the CLI reports as one message on stderr plus an exit code.
/// The message names what went wrong, where, and how to fix it.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: ExitStatus
    init(_ message: String, code: ExitStatus) { self.message = message; self.code = code }
    static func badInput(_ message: String) -> CLIError { CLIError(message, code: .badInput) }
    static func tool(_ message: String) -> CLIError { CLIError(message, code: .toolFailure) }
    static func mismatch(_ message: String) -> CLIError { CLIError(message, code: .mismatch) }
    var description: String { message }
}
