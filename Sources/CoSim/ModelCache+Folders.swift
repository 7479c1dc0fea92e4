import Foundation

/// The cache's folders: creating them (a cache path that is a file or
/// cannot be written is a `CacheError`), the build folders in `tmp/` (named
/// with the builder's process id, so folders of builders that were killed
/// with SIGKILL, which nothing can clean up at the time, are removed by the
/// next builder), and the validity of entries (`CacheManifest`).
extension ModelCache {
    /// `locks/`, `tmp/`, `models/`; removes build folders whose process is gone.
    func ensureDirectories() throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CacheError(directory: directory.path, problem: "it is a file, not a folder")
        }
        for sub in ["locks", "tmp", "models"] {
            let url = directory.appendingPathComponent(sub)
            if let e = Self.makeFolders(url) {
                throw CacheError(directory: directory.path, problem: "cannot create the folder \(e.path) (\(String(cString: strerror(e.errno))))")
            }
        }
        removeAbandonedBuilds()
    }

    /// `mkdir -p`, with the folder and errno of a failure (Foundation's error says "error 512").
    static func makeFolders(_ url: URL) -> (path: String, errno: Int32)? {
        var path = ""
        for part in url.standardizedFileURL.pathComponents.dropFirst() {
            path += "/" + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST { return (path, errno) }
        }
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) || !isFolder.boolValue {
            return (url.path, ENOTDIR)
        }
        return nil
    }

    /// A fresh build folder `tmp/<label>-p<pid>-<random>`.
    func temporaryFolder(_ label: String) -> URL {
        directory.appendingPathComponent("tmp/\(label)-p\(getpid())-\(UUID().uuidString.prefix(8))")
    }

    /// Removes build folders of processes that no longer run (killed mid-build).
    func removeAbandonedBuilds() {
        let tmp = directory.appendingPathComponent("tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] {
            guard let pid = Self.builderPid(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
        }
    }

    /// `tmp/` itself, once no build is in progress (rmdir fails harmlessly otherwise).
    func removeEmptyTemporaryFolder() {
        _ = rmdir(directory.appendingPathComponent("tmp").path)
    }

    /// The pid in a build folder's name (`...-p1234-ABCD1234`).
    static func builderPid(_ name: String) -> pid_t? {
        let parts = name.split(separator: "-")
        guard parts.count >= 3, parts[parts.count - 2].hasPrefix("p") else { return nil }
        return pid_t(parts[parts.count - 2].dropFirst())
    }

    /// Runs a file-system step of the cache; its failure is a `CacheError` naming `what`.
    func cacheStep(_ what: String, _ body: () throws -> Void) throws {
        do { try body() } catch {
            throw CacheError(directory: directory.path, problem: "\(what) (\(Self.reason(error)))")
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    /// Entries checked in this process (checking digests a library each time costs ~ms per load).
    private static let checked = CheckedEntries()

    /// The entry in `dir` matches its manifest (the library's digest included);
    /// memoised per process under the library's size and modification time, so a
    /// library changed since is checked again.
    static func isIntact(_ dir: URL) -> Bool {
        var st = stat()
        guard stat(dir.appendingPathComponent(ModelBuilder.libraryName).path, &st) == 0 else { return false }
        let memo = "\(dir.path) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)"
        if checked.contains(memo) { return true }
        guard damage(dir) == nil else { return false }
        checked.insert(memo)
        return true
    }

    /// What is wrong with the model entry in `dir` (sizes of all files, digest of the library), or nil.
    static func damage(_ dir: URL) -> String? {
        CacheManifest.problem(in: dir, digested: [ModelBuilder.libraryName])
    }
}

private final class CheckedEntries: @unchecked Sendable {
    private let lock = NSLock()
    private var paths = Set<String>()
    func contains(_ p: String) -> Bool { lock.lock(); defer { lock.unlock() }; return paths.contains(p) }
    func insert(_ p: String) { lock.lock(); paths.insert(p); lock.unlock() }
}
