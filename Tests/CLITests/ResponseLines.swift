import Foundation

/// Checks of a streamed `cosim` run's stdout: only response JSON lines, as many
/// as the error message says were given ("after R of C responses").
enum ResponseLines {
    /// True when `stdout` is exactly `count` JSON objects, one a line.
    static func all(_ stdout: String, count: Int) -> Bool {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count == count, stdout.isEmpty || stdout.hasSuffix("\n") else { return false }
        return lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] }
    }

    /// R of "after R of C responses" in the error message.
    static func reported(_ stderr: String) -> Int? {
        guard let m = stderr.firstMatch(of: /after (\d+) of \d+ responses/) else { return nil }
        return Int(m.1)
    }
}
