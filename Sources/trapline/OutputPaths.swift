import Foundation

/// Output paths checked before any work starts (`--junit`, `--wave`,
/// `--out`), so a run of minutes never ends in "cannot write" with its
/// verdict lost. Each message names the option, the path, what is wrong and
/// the fix; all are bad input (exit 2). The checks create nothing.
enum OutputPaths {
    /// `path` will be created or replaced as a file (`what`, e.g. "JUnit report"):
    /// it must not be a folder, and its folder must exist and take new files.
    static func checkFile(_ flag: String, _ path: String, what: String) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue {
                throw CLIError.badInput("\(flag) \(path) is a folder; give the path of the \(what) file to write (e.g. \(URL(fileURLWithPath: path).appendingPathComponent(example(what)).path))")
            }
            guard access(path, W_OK) == 0 else {
                throw CLIError.badInput("\(flag) \(path): the file cannot be replaced (\(reason())); give a writable path")
            }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard fm.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError.badInput("\(flag) \(path): the folder \(parent) does not exist; create it first or give another path")
        }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw CLIError.badInput("\(flag) \(path): cannot create files in the folder \(parent) (\(reason())); give a writable folder")
        }
    }

    /// `path` is a folder that will be created when missing (`what` goes in it):
    /// an existing path must be a writable folder; else its nearest existing
    /// ancestor must be one (every existing part a folder, not a file).
    static func checkFolder(_ flag: String, _ path: String, what: String) throws {
        let fm = FileManager.default
        var url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        while !fm.fileExists(atPath: url.path, isDirectory: &isFolder) {
            let up = url.deletingLastPathComponent()
            if up.path == url.path { break }
            url = up
        }
        guard isFolder.boolValue else {
            let which = url.path == URL(fileURLWithPath: path).path ? "it" : url.path
            throw CLIError.badInput("\(flag) \(path): \(which) is a file, not a folder; give a folder for \(what) (it is created when missing)")
        }
        guard access(url.path, W_OK | X_OK) == 0 else {
            throw CLIError.badInput("\(flag) \(path): cannot write in the folder \(url.path) (\(reason())); give a writable folder for \(what)")
        }
    }

    /// Two report options naming one file would overwrite each other: refused.
    static func distinct(_ paths: [(flag: String, path: String?)]) throws {
        var seen: [String: String] = [:]
        for (flag, path) in paths {
            guard let path else { continue }
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            if let other = seen[key], key != "/dev/null" {
                throw CLIError.badInput("\(other) and \(flag) both name \(path); give each report its own file")
            }
            seen[key] = flag
        }
    }

    /// The text of the last system error ("Permission denied", "Read-only file system").
    static func reason() -> String { String(cString: strerror(errno)) }

    private static func example(_ what: String) -> String {
        what.contains("JUnit") ? "junit.xml" : what.contains("JSON") ? "results.json" : what.contains("HTML") ? "report.html" : what.contains("waveform") ? "run.vcd" : "out.txt"
    }
}
