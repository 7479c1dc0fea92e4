/// One design problem found while building or elaborating a module.
///
/// `description` reads `File.swift:LINE: what is wrong (other places involved); fix: what to do`.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The main place (nil when Swift gives no call site, e.g. for an operator).
    public var location: SourceLocation?
    /// What is wrong, naming the signals and other places involved.
    public var message: String
    /// What to do about it.
    public var fix: String

    /// A problem at `location` (nil: no call site known) with `message` and `fix`.
    public init(_ location: SourceLocation?, _ message: String, fix: String) {
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// `File.swift:LINE: message; fix: fix` (without the place when there is none).
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(message); fix: \(fix)"
    }
}

/// Thrown by `ModuleBuilder.build()`: every problem found in the module, in the order
/// the constructs were written (problems found by whole-module checks come after
/// those found while recording).
public struct ElaborationError: Error, Sendable, CustomStringConvertible {
    /// The name of the module that failed to build.
    public var module: String
    /// Every problem, in the order the constructs were written.
    public var problems: [Problem]

    /// "module `NAME` has N problems:" followed by one indented line per problem.
    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return "module `\(module)` has \(problems.count) \(noun):\n"
            + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
