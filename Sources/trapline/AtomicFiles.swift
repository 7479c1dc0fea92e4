import CoSim
import Foundation

/// Writes a set of files all or nothing: each text goes to a temporary file
/// beside its destination (same folder, so the rename cannot cross file
/// systems); only when every one is written and no destination is a folder
/// are they renamed into place. On a failure the temporaries are removed,
/// no destination has changed, and the error names the file that failed.
/// (A reader never sees a half-written file; an interrupted run leaves none.)
enum AtomicFiles {
    struct Failure: Error {
        var file: URL
        var reason: String
    }

    static func write(_ files: [(url: URL, text: String)]) throws(Failure) {
        let fm = FileManager.default
        var temporaries: [URL] = []
        defer { for t in temporaries { try? fm.removeItem(at: t); ProcessGuard.release(t) } }
        for (url, text) in files {
            let folder = url.deletingLastPathComponent()
            do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw Failure(file: url, reason: "cannot create the folder \(folder.path) (\((error as NSError).localizedDescription))")
            }
            let tmp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
            ProcessGuard.registerTemporary(tmp)
            temporaries.append(tmp)
            do { try text.write(to: tmp, atomically: false, encoding: .utf8) } catch {
                throw Failure(file: url, reason: (error as NSError).localizedDescription)
            }
        }
        for (url, _) in files {
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                throw Failure(file: url, reason: "it is a folder")
            }
        }
        for (tmp, (url, _)) in zip(temporaries, files) where rename(tmp.path, url.path) != 0 {
            throw Failure(file: url, reason: String(cString: strerror(errno)))
        }
        for t in temporaries { ProcessGuard.release(t) }
        temporaries.removeAll()   // all renamed: nothing left to remove
    }
}
