/// Vectors of signals: `count` signals of one width, read and driven by a constant or a
/// signal index.
///
///     let lanes = m.inputs("lane", count: 4, width: 8)   // lane_0 ... lane_3
///     y <== lanes[sel]                                   // a balanced mux on sel (out of range: 0)
///     let slots = m.wires("slot", count: 4, width: 8)
///     for s in slots.elements { s <== 0 }                // defaults first (no latch)
///     slots.assign(at: sel, value)                       // drives the element sel selects
public struct SignalVector {
    /// The elements, index 0 first.
    public let elements: [Signal]

    /// Number of elements.
    public var count: Int { elements.count }

    /// Element `i` (a constant index).
    public subscript(_ i: Int) -> Signal { elements[i] }

    /// The element `index` selects (an index past the last element reads 0).
    public subscript(_ index: Signal) -> Signal { mux(index, elements) }

    /// Drives the element `index` selects with `value` (one `if` per element, under the
    /// enclosing conditions); the others keep what earlier statements gave them.
    public func assign(at index: Signal, _ value: Signal, fileID: String = #fileID, line: Int = #line) {
        let m = index.builder
        let at = SourceLocation(fileID: fileID, line: line)
        for (k, e) in elements.enumerated() {
            if k >= 1 << Swift.min(index.width, 62) { break }
            m.when(index .== k, fileID: fileID, line: line) { m.assign(e, value, at) }
        }
    }
}

extension ModuleBuilder {
    /// Input ports `<name>_0` ... `<name>_<count-1>`.
    public func inputs(_ name: String, count: Int, width: Int = 1, fileID: String = #fileID, line: Int = #line) -> SignalVector {
        vector(name, count, SourceLocation(fileID: fileID, line: line)) { input("\(name)_\($0)", width: width, fileID: fileID, line: line) }
    }

    /// Output ports `<name>_0` ... `<name>_<count-1>`.
    public func outputs(_ name: String, count: Int, width: Int = 1, fileID: String = #fileID, line: Int = #line) -> SignalVector {
        vector(name, count, SourceLocation(fileID: fileID, line: line)) { output("\(name)_\($0)", width: width, fileID: fileID, line: line) }
    }

    /// Wires `<name>_0` ... (snake_cased).
    public func wires(_ name: String, count: Int, width: Int = 1, fileID: String = #fileID, line: Int = #line) -> SignalVector {
        vector(name, count, SourceLocation(fileID: fileID, line: line)) { wire("\(name)_\($0)", width: width, fileID: fileID, line: line) }
    }

    private func vector(_ name: String, _ count: Int, _ at: SourceLocation, _ make: (Int) -> Signal) -> SignalVector {
        guard count >= 1 else {
            report(at, "vector `\(name)` has \(count) elements", fix: "give it at least one element")
            return SignalVector(elements: [self.make(.constant(0), width: 1)])
        }
        return SignalVector(elements: (0..<count).map(make))
    }
}
