/// An array of registers (`m.regArray`): each element is a plain register named
/// `name_0`, `name_1`, ...; `read(idx)` and `write(idx, value)` select one by a signal.
public struct RegArray: RandomAccessCollection {
    /// The registers, element i named `<name>_<i>`.
    public let registers: [Signal]
    public var startIndex: Int { 0 }
    public var endIndex: Int { registers.count }
    /// Static index (a Swift Int): the plain register.
    public subscript(position: Int) -> Signal { registers[position] }

    /// Dynamic read: the register selected by `index` (any width); an index with no
    /// register reads 0. Emitted as a chain of `?:` on `index == i`.
    public func read(_ index: Signal, fileID: String = #fileID, line: Int = #line) -> Signal {
        guard let first = registers.first else { fatalError("empty RegArray (\(fileID):\(line))") }
        guard first.builder.owns(index, SourceLocation(fileID: fileID, line: line)) else { return first }
        return mux(index, registers, fileID: fileID, line: line)
    }

    /// Dynamic write (inside the current scope): register i gets `value` when `index == i`.
    public func write(_ index: Signal, _ value: Signal, fileID: String = #fileID, line: Int = #line) {
        guard let first = registers.first else { return }
        let m = first.builder
        let at = SourceLocation(fileID: fileID, line: line)
        guard m.owns(index, at), m.owns(value, at) else { return }
        let reachable = index.width >= 62 ? registers.count : Swift.min(registers.count, 1 << index.width)
        for i in 0..<reachable {
            m.when(index .== i, fileID: fileID, line: line) { m.assign(registers[i], value, at) }
        }
    }

    /// Dynamic write of a constant.
    public func write(_ index: Signal, _ value: Int, fileID: String = #fileID, line: Int = #line) {
        guard let first = registers.first else { return }
        let at = SourceLocation(fileID: fileID, line: line)
        write(index, first.builder.literal(value, width: first.width, at, context: "the value written to the register array"), fileID: fileID, line: line)
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
        let base = Naming.snakeCase(name)
        let regs = (0..<n).map { i in
            declare("\(name)[\(i)]", verilogName: "\(base)_\(i)", width: width, kind: .register(info), at)
        }
        return RegArray(registers: regs)
    }
}
