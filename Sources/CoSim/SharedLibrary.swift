import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C entry points of one compiled model's shim, looked up once with
/// `dlopen`/`dlsym` (so `swift build` never links against Verilator).
/// Libraries stay loaded for the life of the process; instances share them.
struct ShimFunctions: @unchecked Sendable {
    typealias New = @convention(c) (UInt32, UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<UInt64>?) -> UnsafeMutableRawPointer?
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias Step = @convention(c) (UnsafeMutableRawPointer?, UInt64) -> Int32
    typealias Run = @convention(c) (UnsafeMutableRawPointer?, UInt64, UnsafePointer<UInt64>?, UInt32, UnsafePointer<Int>?,
                                     UnsafeMutablePointer<UInt64>?, UInt32, UnsafePointer<Int>?, UnsafeMutablePointer<UInt64>?) -> Int32
    typealias Tick = @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt64) -> Int32
    typealias Settle = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias End = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafeMutablePointer<Int32>?,
                                     UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafeMutablePointer<UInt64>?) -> Int32
    typealias TraceOpen = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    typealias ABI = @convention(c) () -> UInt32

    var new: New
    var free: Free
    var step: Step
    var run: Run
    var tick: Tick
    var settle: Settle
    var end: End
    var traceOpen: TraceOpen
    var traceClose: Free
    var traceFlush: Free

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: ShimFunctions] = [:]

    static func load(_ library: URL) throws(ModelError) -> ShimFunctions {
        lock.lock(); defer { lock.unlock() }
        if let f = loaded[library.path] { return f }
        guard let handle = dlopen(library.path, RTLD_NOW | RTLD_LOCAL) else {
            let msg = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw .load("\(library.path): \(msg); delete the cache directory to rebuild it")
        }
        func sym<T>(_ name: String, _: T.Type) throws(ModelError) -> T {
            guard let p = dlsym(handle, name) else {
                throw .load("\(library.path) lacks \(name); it was not built by this version of Trapline, delete it to rebuild")
            }
            return unsafeBitCast(p, to: T.self)
        }
        let abi = try sym("tl_abi", ABI.self)
        guard abi() == ShimGenerator.version else {
            throw .load("\(library.path) has shim ABI \(abi()), expected \(ShimGenerator.version); delete it to rebuild")
        }
        let f = ShimFunctions(
            new: try sym("tl_new", New.self), free: try sym("tl_free", Free.self),
            step: try sym("tl_step", Step.self), run: try sym("tl_run", Run.self), tick: try sym("tl_tick", Tick.self), settle: try sym("tl_settle", Settle.self), end: try sym("tl_end", End.self),
            traceOpen: try sym("tl_trace_open", TraceOpen.self), traceClose: try sym("tl_trace_close", Free.self),
            traceFlush: try sym("tl_trace_flush", Free.self))
        loaded[library.path] = f
        return f
    }
}
