/// Where a DSL construct was written: the caller's `#fileID` and `#line`.
///
/// Printed as `File.swift:LINE` (the module prefix of `#fileID` is dropped), which is
/// the form used in elaboration messages and in the `// File.swift:LINE` comments of
/// the emitted Verilog.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The caller's `#fileID` (`Module/File.swift`).
    public let fileID: String
    /// The caller's `#line`, 1-based.
    public let line: Int

    /// The place `fileID`:`line`.
    public init(fileID: String, line: Int) {
        self.fileID = fileID
        self.line = line
    }

    /// `File.swift:LINE`.
    public var description: String {
        let file = fileID.split(separator: "/").last.map(String.init) ?? fileID
        return "\(file):\(line)"
    }
}
