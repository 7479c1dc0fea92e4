/// An array of registers (`m.regArray`): `count` words sharing clock, reset, reset value
/// and enable, emitted as one Verilog array `reg [W-1:0] name [0:count-1]` that the reset
/// branch clears with a `for` loop. Elements are read and written by a constant (`regs[2]`,
/// `regs[2] <== x`) or a signal index (`regs.read(i)`, `regs.write(i, x)`): an indexed
/// access is one array access in Verilog, not a chain of compares.
public struct RegArray: RandomAccessCollection {
    /// The storage: a memory whose words are registers (`MemoryDecl.registers`).
    let storage: Memory
    /// The first index, 0.
    public var startIndex: Int { 0 }
    /// One past the last index: the array's word count.
    public var endIndex: Int { storage.depth }

    /// Element `position` (a Swift Int): readable, and assignable with `<==`.
    public subscript(position: Int) -> Signal {
        let b = storage.builder
        let aw = storage.addressWidth
        let address = b.make(.constant(UInt64(position)), width: aw)
        return b.make(.memoryRead(memory: storage.index, address: address.node), width: storage.width)
    }

    /// Dynamic read: the element selected by `index` (any width); an index with no
    /// element reads 0.
    public func read(_ index: Signal, fileID: String = #fileID, line: Int = #line) -> Signal {
        let b = storage.builder
        guard b.owns(index, SourceLocation(fileID: fileID, line: line)) else { return self[0] }
        let (address, inRange) = split(index)
        let word = storage.read(address, fileID: fileID, line: line)
        guard let inRange else { return word }
        return mux(inRange, word, 0, fileID: fileID, line: line)
    }

    /// Dynamic write (inside the current scope): element `index` gets `value` on the clock
    /// edge; an index with no element writes nothing.
    public func write(_ index: Signal, _ value: Signal, fileID: String = #fileID, line: Int = #line) {
        let b = storage.builder
        guard b.owns(index, SourceLocation(fileID: fileID, line: line)) else { return }
        let (address, inRange) = split(index)
        if let inRange {
            b.when(inRange, fileID: fileID, line: line) { storage.write(address, value, fileID: fileID, line: line) }
        } else {
            storage.write(address, value, fileID: fileID, line: line)
        }
    }

    /// Dynamic write of a constant.
    public func write(_ index: Signal, _ value: Int, fileID: String = #fileID, line: Int = #line) {
        let at = SourceLocation(fileID: fileID, line: line)
        write(index, storage.builder.literal(value, width: storage.width, at, context: "the value written to the register array"),
              fileID: fileID, line: line)
    }

    /// The array address for `index` (zero-extended or cut to the address width) and, when
    /// `index` has bits above the address, the condition that they are 0.
    private func split(_ index: Signal) -> (address: Signal, inRange: Signal?) {
        let aw = storage.addressWidth
        if index.width == aw { return (index, nil) }
        if index.width < aw { return (index.zeroExtended(to: aw), nil) }
        return (index[aw - 1, 0], index[index.width - 1, aw] .== 0)
    }
}

extension ModuleBuilder {
    /// `count` registers of `width` bits sharing clock, reset, reset value and enable.
    public func regArray(_ name: String, count: Int, width: Int, clock: Signal, reset: Signal? = nil, resetValue: Int = 0,
                         enable: Signal? = nil, fileID: String = #fileID, line: Int = #line) -> RegArray {
        let at = SourceLocation(fileID: fileID, line: line)
        var n = count
        if n < 1 {
            report(at, "register array `\(name)` with \(count) elements", fix: "use a count of at least 1")
            n = 1
        }
        let info = registerInfo(name, width: width, clock: clock, reset: reset, resetValue: resetValue, enable: enable, at)
        let storage = memory(name, depth: n, width: width, clock: clock, fileID: fileID, line: line)
        memories[storage.index].registers = info
        return RegArray(storage: storage)
    }

    /// `sink <== value` where `sink` is an element of a register array (`regs[i]` or
    /// `regs.read(i)` with an in-range index): a write of that element.
    func assignElement(_ memory: MemoryID, address: ExprID, _ value: Signal, _ at: SourceLocation?) -> Bool {
        let mem = memories[memory]
        guard mem.registers != nil else { return false }
        if value.width != mem.width {
            report(at ?? mem.location,
                   "cannot assign a \(value.width)-bit value \(describe(value.node)) to an element of the \(mem.width)-bit register array `\(mem.swiftName)`"
                   + (at == nil ? " (declared at \(mem.location))" : ""),
                   fix: value.width > mem.width ? "truncate the value (.truncated(to: \(mem.width)))" : "zero-extend the value (.zeroExtended(to: \(mem.width)))")
            return true
        }
        record(.memoryWrite(memory: memory, address: address, data: value.node, at: at ?? mem.location))
        return true
    }
}
