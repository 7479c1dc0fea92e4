import Foundation

/// What Trapline leaves behind when it is stopped: nothing.
///
/// Every external program `ProcessRunner` starts (the C++ compiler,
/// `verilator`, `iverilog`, `vvp`) runs in its own process group (Foundation's
/// `Process` puts it there, so a terminal's Ctrl-C does not reach it), and is
/// registered here while it runs, as are the temporary folders of builds and
/// simulator runs. After `installSignalHandlers(activity:)`, a SIGINT or
/// SIGTERM:
///
/// 1. kills every registered process group (SIGKILL: a compiler's or `vvp`'s
///    children go with it), and makes sure no new one starts;
/// 2. removes every registered temporary folder;
/// 3. prints on stderr what had run (the caller's `activity` text, the
///    programs it stopped, the folders it removed);
/// 4. ends the process with exit status 128 + signal (130 for SIGINT, 143
///    for SIGTERM), from the handler thread: the simulation thread, possibly
///    inside a Verilated model, is not asked to cooperate.
///
/// SIGPIPE when standard output's reader went away (`trapline cosim ... |
/// head`) ends Trapline the same way, with exit status 141 like any Unix
/// filter, but without leaving a simulator or a temporary folder behind; a
/// SIGPIPE from a write to a child's pipe is left to that write's caller (EPIPE).
///
/// The C signal handler only writes the signal number to a pipe (async-signal
/// safe); a dedicated thread reads it and does the rest. Threads that see a
/// killed child exit meanwhile are parked (`parkIfTerminating`), so a killed
/// `vvp` is never reported as a tool failure or a verdict.
public enum ProcessGuard {
    /// A running child: its process group (or pid when it shares ours) and a description.
    struct Child { var pid: pid_t; var group: Bool; var command: String }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var children: [Int: Child] = [:]
    nonisolated(unsafe) private static var nextToken = 0
    nonisolated(unsafe) private static var temporaries: [String: URL] = [:]
    nonisolated(unsafe) private static var terminating = false
    nonisolated(unsafe) private static var activity: (@Sendable () -> String)?
    nonisolated(unsafe) private static var installed = false

    /// Starts `process` and registers it (one lock, so a signal either finds it
    /// registered or stops it from starting). Returns the token for `finished`.
    static func start(_ process: Process, command: String) throws -> Int {
        lock.lock(); defer { lock.unlock() }
        if terminating { parkForever() }   // unreachable while terminate holds the lock; kept for clarity
        try process.run()
        let pid = process.processIdentifier
        nextToken += 1
        children[nextToken] = Child(pid: pid, group: getpgid(pid) == pid, command: command)
        return nextToken
    }

    /// The child of `token` has been waited for.
    static func finished(_ token: Int) {
        lock.lock(); children[token] = nil; lock.unlock()
    }

    /// Kills the child of `token` and its process group now (a timeout).
    static func killGroup(_ token: Int) {
        lock.lock(); defer { lock.unlock() }
        if let c = children[token] { signalChild(c, SIGKILL) }
    }

    private static func signalChild(_ c: Child, _ sig: Int32) {
        _ = kill(c.group ? -c.pid : c.pid, sig)
    }

    /// Registers a temporary folder (or file) to remove if Trapline is stopped
    /// by a signal before its owner removes or keeps it (`release`).
    public static func registerTemporary(_ url: URL) {
        lock.lock(); temporaries[url.path] = url; lock.unlock()
    }

    /// The owner has removed `url`, or keeps it on purpose.
    public static func release(_ url: URL) {
        lock.lock(); temporaries[url.path] = nil; lock.unlock()
    }

    /// The descriptions of the children running now (for tests and messages).
    public static var runningCommands: [String] {
        lock.lock(); defer { lock.unlock() }
        return children.keys.sorted().compactMap { children[$0]?.command }
    }

    /// Blocks the calling thread for good once a signal is being handled:
    /// the handler thread ends the process. Call after a child ended, before
    /// acting on its exit status.
    public static func parkIfTerminating() {
        lock.lock(); let t = terminating; lock.unlock()
        if t { parkForever() }
    }

    private static func parkForever() -> Never {
        while true { sleep(60) }
    }

    // MARK: Signals

    nonisolated(unsafe) private static var pipeWrite: Int32 = -1

    /// Installs the SIGINT and SIGTERM handling described above (once per
    /// process). `activity` says what had run, for the message; it is called
    /// on the handler thread and must not block on the simulation thread.
    public static func installSignalHandlers(activity: @escaping @Sendable () -> String) {
        lock.lock()
        self.activity = activity
        if installed { lock.unlock(); return }
        installed = true
        lock.unlock()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC); _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        pipeWrite = fds[1]
        let readEnd = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                while read(readEnd, &byte, 1) != 1 {}
                // SIGPIPE from a write to a child's pipe: that write fails with EPIPE and its caller reports it.
                if Int32(byte) == SIGPIPE && !standardOutputClosed() { continue }
                terminate(signal: Int32(byte))
            }
        }
        thread.name = "trapline signals"
        thread.start()
        // A handled (not ignored) disposition resets to the default in exec'ed children.
        let handler: @convention(c) (Int32) -> Void = { sig in
            var b = UInt8(truncatingIfNeeded: sig)
            _ = write(ProcessGuard.pipeWrite, &b, 1)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        signal(SIGPIPE, handler)
        // A parent may start us with the signals blocked (Foundation's Process
        // passes its own mask on: a Swift test's child had SIGINT and SIGTERM
        // blocked, and never saw them). Threads started later inherit this.
        var set = sigset_t()
        sigemptyset(&set); sigaddset(&set, SIGINT); sigaddset(&set, SIGTERM); sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Updates the activity text (e.g. per phase; not per cycle).
    public static func setActivity(_ text: @escaping @Sendable () -> String) {
        lock.lock(); activity = text; lock.unlock()
    }

    private static func terminate(signal sig: Int32) -> Never {
        if sig == SIGPIPE {
            end(status: 128 + sig) { activity in
                "trapline: stopped: standard output was closed (SIGPIPE: the program reading it went away)" + (activity.map { "; \($0)" } ?? "")
            }
        }
        let name = sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "signal \(sig)"
        end(status: 128 + sig) { activity in "trapline: interrupted by \(name)" + (activity.map { ": \($0)" } ?? "") }
    }

    /// Standard output is a pipe (or socket) whose reader has gone: `poll` reports an error on it.
    private static func standardOutputClosed() -> Bool {
        var p = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
        return poll(&p, 1, 0) == 1 && p.revents & Int16(POLLERR) != 0
    }

    /// A write to standard output failed with EPIPE: the signal thread is
    /// ending the process (SIGPIPE, exit 141, as any filter, but with every
    /// child stopped and every temporary removed). Waits up to a second for
    /// it; returns if it did not come (signals not installed, or SIGPIPE
    /// blocked by the caller), and the writer reports the error itself.
    public static func awaitClosedOutput() {
        for _ in 0..<100 {
            parkIfTerminating()
            usleep(10_000)
        }
    }

    /// Kills every child, removes every temporary, prints `headline` (given the
    /// activity text) and what was stopped, and ends the process with `status`.
    private static func end(status: Int32, headline: (String?) -> String) -> Never {
        lock.lock()   // held until _exit: no child starts, no registry changes
        terminating = true
        let stopped = children.keys.sorted().compactMap { children[$0] }
        for c in stopped { signalChild(c, SIGKILL) }
        var removed = 0
        for url in temporaries.values where (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        var lines = [headline(activity?())]
        for c in stopped { lines.append("  stopped: \(c.command) (pid \(c.pid))") }
        if removed > 0 { lines.append("  removed \(removed) temporary folder\(removed == 1 ? "" : "s")") }
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        _exit(status)
    }

    // MARK: Watchdogs

    /// A wall-clock limit on work that cannot be interrupted: a Verilated
    /// model evaluating in this process (a loop in the RTL that Verilator's
    /// convergence limit does not catch never returns). Armed per run, not
    /// per cycle (one timer); `disarm()` when the run ends. If it expires
    /// first, the process ends as on a signal (children killed, temporaries
    /// removed) with `message` on stderr and exit status 1: a hung RTL is a
    /// verdict, never a pass.
    public final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var armed = true
        /// Arms a watchdog that ends the process with `message` (exit 1) after `seconds` of wall-clock time unless disarmed first.
        public init(seconds: Double, message: @escaping @Sendable () -> String) {
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds)) { [self] in
                lock.lock(); let fire = armed; lock.unlock()
                guard fire else { return }
                ProcessGuard.end(status: 1) { _ in "trapline: error: \(message())" }
            }
        }
        /// Stops the watchdog from firing (also done when it is released); safe to call more than once.
        public func disarm() { lock.lock(); armed = false; lock.unlock() }
        deinit { disarm() }
    }
}
