import Foundation

/// Golden-file comparison. Set `TRAPLINE_RECORD=1` to (re)write the golden files.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["TRAPLINE_RECORD"] == "1" }

    /// Compares `actual` with the file at `relativePath` (from the repository root)
    /// byte for byte; returns nil when equal, else a message naming the first
    /// differing line and how to re-record.
    public static func compare(_ actual: String, to relativePath: String) throws -> String? {
        let url = RepoPaths.root.appendingPathComponent(relativePath)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "golden file \(relativePath) is missing: run the tests with TRAPLINE_RECORD=1 to create it"
        }
        if expected == actual { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < min(a.count, e.count) && a[line] == e[line] { line += 1 }
        let exp = line < e.count ? String(e[line]) : "<end of file>"
        let act = line < a.count ? String(a[line]) : "<end of file>"
        return "\(relativePath) differs at line \(line + 1):\n  golden: \(exp)\n  actual: \(act)\nIf the change is intended, re-record with TRAPLINE_RECORD=1 swift test"
    }
}
