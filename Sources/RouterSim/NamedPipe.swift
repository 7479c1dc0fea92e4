import Foundation

/// A named pipe (FIFO) in a run's work folder, through which Trapline and a
/// `vvp` process exchange a stream of any length in bounded memory.
///
/// Trapline opens its end read-write and non-blocking: opening never waits
/// for the other side, the pipe never reads as ended while `vvp` starts, and
/// a write to a full pipe or a read from an empty one waits in `poll` with a
/// short timeout, so a stopped run (a mismatch, `vvp` gone) is noticed within
/// that time instead of blocking for ever.
struct NamedPipe {
    /// The open file descriptor (close with `close()`).
    let fd: Int32

    /// Makes the FIFO at `url` (mode 0600) and opens it.
    init(creating url: URL) throws {
        guard mkfifo(url.path, 0o600) == 0 else {
            throw IcarusRunError("cannot make the named pipe \(url.path): \(String(cString: strerror(errno))); the streamed Icarus run needs a folder where FIFOs can be made (set TMPDIR to a local disk)")
        }
        let fd = open(url.path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw IcarusRunError("cannot open the named pipe \(url.path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
    }

    /// Closes the descriptor.
    func close() { _ = Foundation.close(fd) }

    /// Waits up to `milliseconds` until the pipe can be read (`POLLIN`) or written (`POLLOUT`).
    func wait(for events: Int16, milliseconds: Int32) {
        var p = pollfd(fd: fd, events: events, revents: 0)
        _ = poll(&p, 1, milliseconds)
    }

    /// Writes all of `bytes`, waiting while the pipe is full; gives up (false)
    /// as soon as `stopped()` says so.
    func write(_ bytes: [UInt8], until stopped: () -> Bool) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno != EAGAIN && errno != EINTR { return false }
            if stopped() { return false }
            wait(for: Int16(POLLOUT), milliseconds: 50)
        }
        return true
    }

    /// Appends what can be read now to `buffer`, after waiting up to
    /// `milliseconds` for something to arrive; the number of bytes read.
    func read(into buffer: inout [UInt8], waiting milliseconds: Int32) -> Int {
        wait(for: Int16(POLLIN), milliseconds: milliseconds)
        // Through a scratch buffer on the stack (no allocation per read).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 14) { chunk in
            var total = 0
            while true {
                let n = Foundation.read(fd, chunk.baseAddress!, chunk.count)
                if n <= 0 { return total }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
                total += n
            }
        }
    }
}
