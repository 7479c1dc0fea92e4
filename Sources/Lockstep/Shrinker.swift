import Foundation

/// Shrinking a failing trace (delta debugging), for any trace: the router's
/// commands and a generic design's per-cycle input values alike.
///
/// The failing property is a predicate that returns the index of the first
/// failing command, or nil when the candidate passes. Commands after the
/// failing one cannot matter (a command only affects later ones), so every
/// failing candidate is cut right after its failing index.
public struct Shrinker {
    /// The predicate: nil = passes, else the index where it fails.
    public typealias Property<T> = ([T]) throws -> Int?

    /// Attempts made (predicate evaluations) and the time limit.
    public private(set) var attempts = 0
    /// When shrinking stops and keeps the smallest failing trace found so far.
    public let deadline: Date
    /// A shrinker that works until `deadline`.
    public init(deadline: Date = .distantFuture) { self.deadline = deadline }
    /// Whether the deadline has passed.
    public var timedOut: Bool { Date() >= deadline }

    /// Runs the property, counting attempts.
    mutating func check<T>(_ candidate: [T], _ property: Property<T>) rethrows -> Int? {
        attempts += 1
        return try property(candidate)
    }

    /// Zeller's ddmin: a 1-minimal failing subsequence of `input` (which must
    /// fail with index `failingAt`), or the smallest found before the deadline.
    public mutating func ddmin<T>(_ input: [T], failingAt: Int, _ property: Property<T>) rethrows -> [T] {
        var current = Array(input.prefix(failingAt + 1))
        var n = 2
        while current.count >= 2 && !timedOut {
            let chunk = (current.count + n - 1) / n
            let starts = Array(stride(from: 0, to: current.count, by: chunk))
            var reduced = false
            // Complements first: setup commands usually matter, so removing a chunk is the common win.
            for s in starts.reversed() {
                var candidate = current
                candidate.removeSubrange(s..<min(s + chunk, current.count))
                if candidate.isEmpty { continue }
                if let at = try check(candidate, property) {
                    current = Array(candidate.prefix(at + 1)); n = max(n - 1, 2); reduced = true; break
                }
                if timedOut { break }
            }
            if !reduced && n > 2 && !timedOut {
                for s in starts {
                    let candidate = Array(current[s..<min(s + chunk, current.count)])
                    if let at = try check(candidate, property) {
                        current = Array(candidate.prefix(at + 1)); n = 2; reduced = true; break
                    }
                    if timedOut { break }
                }
            }
            if !reduced {
                if n >= current.count { break }
                n = min(n * 2, current.count)
            }
        }
        return current
    }

    /// Simplifies values one at a time while the trace still fails: each value set
    /// to 0, else (for values with 2 to 16 set bits) each set bit cleared, highest first.
    public mutating func simplifyValues<T: ShrinkableValues>(_ input: [T], _ property: Property<T>) rethrows -> [T] {
        var current = input
        var i = 0
        while i < current.count && !timedOut {
            for slot in 0..<current[i].shrinkableCount {
                let value = current[i][shrinkable: slot]
                if value == 0 { continue }
                var candidates: [UInt64] = [0]
                if value.nonzeroBitCount > 1 && value.nonzeroBitCount <= 16 {
                    var bits = value
                    while bits != 0 {
                        let top = UInt64(1) << UInt64(63 - bits.leadingZeroBitCount)
                        candidates.append(value & ~top); bits &= ~top
                    }
                }
                for v in candidates where !timedOut {
                    let cur = current[i][shrinkable: slot]
                    let next = v == 0 ? 0 : cur & v
                    if next == cur { continue }
                    var candidate = current
                    candidate[i][shrinkable: slot] = next
                    if let at = try check(candidate, property) {
                        current = Array(candidate.prefix(at + 1))
                        if v == 0 { break }
                    }
                }
                if i >= current.count { break }
            }
            i += 1
        }
        return current
    }
}

/// An element of a trace whose values the shrinker may simplify (a command's
/// operands, one cycle's input values): a fixed number of slots, each read and
/// written as a `UInt64` (a setter keeps what fits its field).
public protocol ShrinkableValues {
    /// How many values this element has.
    var shrinkableCount: Int { get }
    /// Value `slot` (0..<shrinkableCount).
    subscript(shrinkable slot: Int) -> UInt64 { get set }
}
