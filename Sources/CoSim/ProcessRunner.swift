import Foundation

/// What a finished child process left: its exit status and its captured output.
public struct ProcessResult: Sendable {
    /// Exit status (Foundation's `terminationStatus`: the signal's number when a signal ended it).
    public var status: Int32
    /// Everything the process wrote on standard output.
    public var stdout: String
    /// Everything the process wrote on standard error.
    public var stderr: String
    /// The run reached its time limit and was killed (with its process group).
    public var timedOut = false
    /// stdout and stderr together, for error messages.
    public var output: String { stderr.isEmpty ? stdout : stdout + stderr }
}

/// Runs a program to completion and captures its output (both pipes drained
/// concurrently so a chatty child never blocks). Every child is registered
/// with `ProcessGuard` while it runs, so a SIGINT/SIGTERM of Trapline stops it.
public enum ProcessRunner {
    /// `stdin` is written to the child in full, then closed; without it the
    /// child reads from /dev/null. `timeout` (seconds): past it the child and
    /// its process group are killed and the result has `timedOut` set.
    /// `stopSwitch`: another thread may end the child early (`StopSwitch.stop()`).
    public static func run(_ executable: String, _ arguments: [String], stdin: String? = nil, cwd: URL? = nil,
                           environment: [String: String]? = nil, timeout: Double? = nil,
                           stopSwitch: StopSwitch? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        if let environment {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        let input = stdin == nil ? nil : Pipe()
        p.standardInput = input ?? FileHandle.nullDevice
        let token = try ProcessGuard.start(p, command: ([executable] + arguments).joined(separator: " "))
        defer { ProcessGuard.finished(token) }
        stopSwitch?.attach(token)
        defer { stopSwitch?.detach() }
        let timer = TimeoutFlag()
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) {
                guard p.isRunning else { return }
                timer.set()
                ProcessGuard.killGroup(token)
            }
        }
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let input, let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        ProcessGuard.parkIfTerminating()   // killed by Trapline's own SIGINT/SIGTERM handling: no verdict
        return ProcessResult(status: p.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             timedOut: timer.isSet)
    }

    /// Runs `tool` and throws `ToolError.failed` with its output when it exits non-zero.
    @discardableResult
    public static func check(_ tool: Tool, _ arguments: [String], cwd: URL? = nil,
                             environment: [String: String]? = nil) throws -> ProcessResult {
        let path = try Toolchain.locate(tool)
        let result = try run(path, arguments, cwd: cwd, environment: environment)
        guard result.status == 0 else {
            throw ToolError.failed(tool: tool, command: ([path] + arguments).joined(separator: " "), output: result.output)
        }
        return result
    }
}

/// A flag set once by the timeout timer, read after the child ended.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
