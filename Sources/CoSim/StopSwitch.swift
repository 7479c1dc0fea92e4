import Foundation

/// Lets another thread stop a child that `ProcessRunner.run` is waiting for:
/// a streamed simulation whose reader found a mismatch ends `vvp` at once
/// instead of letting it run the rest of its commands. `stop()` kills the
/// child's process group if it is running, or keeps it from starting when
/// it is not running yet; the run then returns normally with the child's
/// (signal) status, and `wasStopped` tells the caller why.
public final class StopSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var token: Int?
    private var stopped = false

    /// A switch not yet thrown.
    public init() {}

    /// Kills the child (and its process group) now, or as soon as it starts.
    public func stop() {
        lock.lock(); defer { lock.unlock() }
        stopped = true
        if let token { ProcessGuard.killGroup(token) }
    }

    /// `stop()` was called.
    public var wasStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    /// The child of `token` started (`ProcessRunner`); kills it if `stop()` came first.
    func attach(_ token: Int) {
        lock.lock(); defer { lock.unlock() }
        self.token = token
        if stopped { ProcessGuard.killGroup(token) }
    }

    /// The child of the attached token has been waited for: nothing more to kill.
    func detach() {
        lock.lock(); token = nil; lock.unlock()
    }
}
