import Foundation

/// Paths the tests need: the repository root, the built `trapline` binary,
/// and fresh scratch directories.
public enum RepoPaths {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The build folder the test bundle runs from (e.g. `.build/debug`).
    public static var buildDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The `trapline` executable built next to the tests (`swift build` builds it).
    public static func traplineExecutable() throws -> URL {
        var dir = buildDirectory
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("trapline")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        throw TestSupportError("the trapline executable was not found next to \(buildDirectory.path): run `swift build` before `swift test` (make test does)")
    }

    /// A new empty directory under the system temp dir, unique per call.
    public static func scratchDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trapline-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A test-support failure with a message that says what to do.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
