import Foundation

/// A port name kept for the life of the process, so that the signal handles
/// (`InputSignal`, `OutputSignal`) are plain values: a reference model copies
/// and iterates them in its per-cycle code, and a `String` field would cost a
/// reference-count increment and decrement on each such use. One copy per
/// distinct name is allocated, never freed (a design has few port names).
@usableFromInline
struct InternedName: Hashable, @unchecked Sendable {
    /// The name's NUL-terminated UTF-8 bytes (the same pointer for equal names).
    let text: UnsafePointer<CChar>

    init(_ name: String) { text = NameTable.shared.intern(name) }

    /// The name as a `String`.
    var string: String { String(cString: text) }

    @usableFromInline static func == (a: InternedName, b: InternedName) -> Bool { a.text == b.text }
    @usableFromInline func hash(into hasher: inout Hasher) { hasher.combine(UnsafeRawPointer(text)) }
}

/// The process's interned port names.
private final class NameTable: @unchecked Sendable {
    static let shared = NameTable()
    private let lock = NSLock()
    private var names: [String: UnsafePointer<CChar>] = [:]

    func intern(_ name: String) -> UnsafePointer<CChar> {
        lock.lock(); defer { lock.unlock() }
        if let known = names[name] { return known }
        let bytes = Array(name.utf8CString)
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        copy.initialize(from: bytes, count: bytes.count)
        names[name] = UnsafePointer(copy)
        return UnsafePointer(copy)
    }
}
