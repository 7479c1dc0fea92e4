import Foundation

/// The files of a cache entry with their sizes and SHA-256 digests, written
/// into the entry (`manifest.txt`) as its last file, before the entry is
/// renamed into place; checked before the entry is used. An entry whose
/// manifest is missing or does not match (a truncated `libmodel.so`, a 0-byte
/// object left by a disk that filled up, an entry of an older Trapline) is
/// rebuilt, never loaded: `dlopen` of a truncated library ends the process
/// with SIGBUS, and a 0-byte object fails every later link.
///
/// Format: a header line, then `size digest path` per file (path relative to
/// the entry).
enum CacheManifest {
    static let fileName = "manifest.txt"
    static let header = "trapline cache manifest v1"

    struct Item: Equatable {
        var path: String
        var size: Int
        var digest: String
    }

    /// Writes the manifest of `files` (paths relative to `dir`).
    static func write(in dir: URL, files: [String]) throws {
        var lines = [header]
        for f in files.sorted() {
            let url = dir.appendingPathComponent(f)
            lines.append("\(try size(of: url)) \(try digest(of: url)) \(f)")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent(fileName), atomically: false, encoding: .utf8)
    }

    /// What is wrong with the entry in `dir`, or nil when every file listed has
    /// its recorded size, and the files in `digested` (all when nil) their digest.
    static func problem(in dir: URL, digested: Set<String>? = nil) -> String? {
        guard let text = try? String(contentsOf: dir.appendingPathComponent(fileName), encoding: .utf8) else {
            return "it has no \(fileName) (a build that did not finish, or an older Trapline built it)"
        }
        var lines = text.split(separator: "\n").map(String.init)
        guard lines.first == header, lines.count > 1 else { return "its \(fileName) is not a manifest" }
        lines.removeFirst()
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let recorded = Int(parts[0]) else { return "its \(fileName) has a bad line '\(line)'" }
            let url = dir.appendingPathComponent(parts[2])
            guard let actual = try? size(of: url) else { return "\(parts[2]) is missing" }
            guard actual == recorded else { return "\(parts[2]) is \(actual) bytes, \(recorded) when it was built" }
            if digested?.contains(parts[2]) ?? true {
                guard let d = try? digest(of: url), d == parts[1] else { return "\(parts[2]) does not have the digest it was built with" }
            }
        }
        return nil
    }

    static func size(of url: URL) throws -> Int {
        var st = stat()
        guard stat(url.path, &st) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
        return Int(st.st_size)
    }

    /// The SHA-256 of the file's bytes.
    static func digest(of url: URL) throws -> String {
        try Digest.file(url)
    }
}

/// The model cache folder cannot be used: it is a file, cannot be created or
/// written (read-only, permissions). The environment's fault: the CLI's exit 3.
public struct CacheError: Error, CustomStringConvertible, Sendable {
    /// The cache folder's path.
    public var directory: String
    /// Why it cannot be used (the system's words).
    public var problem: String
    /// An error for `directory` with the reason `problem`.
    public init(directory: String, problem: String) { self.directory = directory; self.problem = problem }
    /// The folder, the reason and the fix (a writable `TRAPLINE_CACHE_DIR`).
    public var description: String {
        "the model cache \(directory) cannot be used: \(problem); point TRAPLINE_CACHE_DIR at a writable folder (or remove what is in the way)"
    }
}
