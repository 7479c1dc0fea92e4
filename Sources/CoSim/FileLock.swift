import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a file (`flock`), held until `unlock()`.
/// Works across processes and across threads of one process (each `FileLock`
/// opens its own file description), so concurrent builders of the same model
/// wait for each other instead of racing.
final class FileLock {
    private var fd: Int32

    /// Blocks until the lock on `path` (created if missing) is held.
    init(path: String) throws(CacheError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        let cache = (path as NSString).deletingLastPathComponent
        guard fd >= 0 else { throw CacheError(directory: cache, problem: "cannot open the lock file \(path) (\(String(cString: strerror(errno))))") }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd); fd = -1
            throw CacheError(directory: cache, problem: "cannot lock \(path) (\(String(cString: strerror(e))))")
        }
    }

    func unlock() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
