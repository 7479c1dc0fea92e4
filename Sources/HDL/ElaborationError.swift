/// One design problem found while building or elaborating a module.
///
/// `description` reads `File.swift:LINE: what is wrong (other places involved); fix: what to do`.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The main place (nil when Swift gives no call site, e.g. for an operator).
    public var location: SourceLocation?
    public var message: String
    public var fix: String

    public init(_ location: SourceLocation?, _ message: String, fix: String) {
        self.location = location
        self.message = message
        self.fix = fix
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(message); fix: \(fix)"
    }
}

/// Thrown by `ModuleBuilder.build()`: every problem found in the module, in the order
/// the constructs were written (problems found by whole-module checks come after
/// those found while recording).
public struct ElaborationError: Error, Sendable, CustomStringConvertible {
    public var module: String
    public var problems: [Problem]

    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return "module `\(module)` has \(problems.count) \(noun):\n"
            + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
