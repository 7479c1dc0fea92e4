import CoSim
import Foundation
import RouterModel
import RouterSim

/// Writing to stdout without crashing when it cannot take the bytes (a full
/// device, `> /dev/full`, a closed file): Foundation's `FileHandle.write`
/// traps on an error (exit 132). Here the first error is kept, nothing more
/// is written, and the caller reports it: `CLIError.output` (exit 3, the
/// environment failed) or, after a mismatch, a note under the verdict (exit 1
/// stands). A closed pipe (`| head`) ends trapline by SIGPIPE (exit 141), as it
/// ends every Unix filter, through `ProcessGuard`: children stopped, temporaries removed.
enum StandardOutput {
    /// Writes all of `bytes` to file descriptor 1; the `errno` of a failure.
    static func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                if e == EPIPE { ProcessGuard.awaitClosedOutput() }   // the signal thread ends the run (141)
                return e
            }
            offset += n
        }
        return nil
    }

    /// Writes `text` (the summary of a run); throws `CLIError.output` on a failure.
    static func print(_ text: String) throws {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        if let e = bytes.withUnsafeBytes({ write($0) }) { throw CLIError.output(errno: e) }
    }
}

extension CLIError {
    /// stdout could not be written (exit 3: the environment, not the input or the RTL).
    static func output(errno e: Int32) -> CLIError {
        .tool("cannot write to standard output (\(String(cString: strerror(e)))): the output is incomplete; free space on the device or send stdout elsewhere")
    }
}

/// Collects output lines and writes them to stdout in large chunks. After a
/// write error nothing more is written; `finish()` throws it.
struct OutputBuffer {
    /// Append a line's bytes here, then call `endLine()`.
    var bytes: [UInt8] = []
    /// The errno of the first failed write.
    private(set) var failure: Int32?
    /// Appends text (flushing when the buffer is large).
    mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        if bytes.count >= 1 << 16 { flush() }
    }
    mutating func endLine() {
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        if failure == nil { failure = bytes.withUnsafeBytes { StandardOutput.write($0) } }
        bytes.removeAll(keepingCapacity: true)
    }
    /// Flushes; throws `CLIError.output` when any write failed.
    mutating func finish() throws {
        flush()
        if let failure { throw CLIError.output(errno: failure) }
    }
}

extension OutputBuffer {
    /// One response as a JSON line (SPEC 10).
    @inline(__always)
    mutating func write(_ response: Response) {
        TraceWriter.appendLine(response, to: &bytes)
        if bytes.count >= 1 << 16 { flush() }
    }
}

/// Response lines of a streamed Verilator run (`VerilatorRouter.lockstepRandom`),
/// written straight to stdout in the pipeline's chunks (about 400 KB each), from
/// the pipeline's thread during the run and the caller's at the end (one at a
/// time). After a write error nothing more is written; `finish()` throws it.
final class StandardOutputLines: LineWriter, @unchecked Sendable {
    /// The errno of the first failed write.
    private var failure: Int32?

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, bytes.count > 0 else { return }
        failure = StandardOutput.write(bytes)
    }

    /// Throws `CLIError.output` when any write failed.
    func finish() throws {
        if let failure { throw CLIError.output(errno: failure) }
    }
}
