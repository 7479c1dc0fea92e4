import CoSim

/// Bad input to the lockstep layer: each message names what, where and the fix.
/// The command line maps all of them to exit code 2.
public enum LockstepError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The reference or the stimulus asked for a port the design does not have.
    case unknownPort(asker: String, name: String, direction: ModelPort.Direction, design: String, known: [String])
    /// The reference or the stimulus expects another width than the design declares.
    case widthMismatch(asker: String, name: String, expected: Int, design: String, declared: Int)
    /// The design cannot be run in lockstep (no clock, a port too wide, ...).
    case badDesign(String)
    /// A trace file that cannot be read: the file, the line (1-based; 0 for the
    /// whole file) and what is wrong with it.
    case badTrace(file: String, line: Int, message: String)
    /// A bad option or parameter.
    case badArgument(String)

    /// The message: what is wrong, where, and the fix.
    public var description: String {
        switch self {
        case let .unknownPort(asker, name, direction, design, known):
            return "\(asker) asks for \(direction.rawValue) '\(name)', but design \(design) has no such \(direction.rawValue); "
                + "its \(direction.rawValue)s are: \(known.isEmpty ? "(none)" : known.joined(separator: ", "))"
        case let .widthMismatch(asker, name, expected, design, declared):
            return "\(asker) expects \(name) to be \(expected) bit\(expected == 1 ? "" : "s") wide, but design \(design) "
                + "declares it \(declared) bit\(declared == 1 ? "" : "s") wide; make the two agree"
        case let .badDesign(m): return m
        case let .badTrace(file, line, message):
            return line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
        case let .badArgument(m): return m
        }
    }
}
