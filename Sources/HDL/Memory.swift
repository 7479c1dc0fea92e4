/// A memory (`m.memory`): `depth` words of `width` bits, synchronous write on the clock,
/// any number of asynchronous read ports. Contents start at 0 in simulation (an
/// `initial` loop in the Verilog); there is no reset of the contents.
public struct Memory {
    let builder: ModuleBuilder
    let index: Int
    public let depth: Int
    public let width: Int
    /// ceil(log2(depth)) (at least 1): the width every address must have.
    public var addressWidth: Int { Swift.max(1, bitsToIndex(depth)) }

    /// Asynchronous read port (`address` exactly `addressWidth` bits). Addresses at or
    /// beyond `depth` read 0.
    public func read(_ address: Signal, fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        guard builder.owns(address, at), checkAddress(address, at) else { return builder.make(.constant(0), width: width) }
        return builder.make(.memoryRead(memory: index, address: address.node), width: width)
    }

    /// Synchronous write port, taken on the clock edge when the enclosing conditions hold.
    /// Writes at or beyond `depth` are ignored. Later writes in a scope win.
    public func write(_ address: Signal, _ data: Signal, fileID: String = #fileID, line: Int = #line) {
        let at = SourceLocation(fileID: fileID, line: line)
        guard builder.owns(address, at), builder.owns(data, at), checkAddress(address, at) else { return }
        if data.width != width {
            builder.report(at, "cannot write a \(data.width)-bit value to the \(width)-bit memory `\(builder.memories[index].swiftName)`",
                           fix: data.width > width ? "truncate it (.truncated(to: \(width)))" : "zero-extend it (.zeroExtended(to: \(width)))")
            return
        }
        builder.scopes[builder.scopes.count - 1].append(.memoryWrite(memory: index, address: address.node, data: data.node, at: at))
    }

    /// Write of a constant.
    public func write(_ address: Signal, _ data: Int, fileID: String = #fileID, line: Int = #line) {
        let at = SourceLocation(fileID: fileID, line: line)
        write(address, builder.literal(data, width: width, at, context: "the data written to the memory"), fileID: fileID, line: line)
    }

    private func checkAddress(_ address: Signal, _ at: SourceLocation) -> Bool {
        if address.width == addressWidth { return true }
        builder.report(at, "the address \(builder.describe(address.node)) of memory `\(builder.memories[index].swiftName)` is \(address.width) bits, but \(depth) words need \(addressWidth)",
                       fix: address.width > addressWidth ? "truncate it (.truncated(to: \(addressWidth)))" : "zero-extend it (.zeroExtended(to: \(addressWidth)))")
        return false
    }
}

extension ModuleBuilder {
    /// A memory of `depth` words of `width` bits written on the rising edge of `clock`.
    public func memory(_ name: String, depth: Int, width: Int, clock: Signal,
                       fileID: String = #fileID, line: Int = #line) -> Memory {
        let at = SourceLocation(fileID: fileID, line: line)
        var clockIndex = 0
        if owns(clock, at), let d = clock.declIndex, clock.width == 1 {
            clockIndex = d
        } else {
            report(at, "the clock of memory `\(name)` must be a 1-bit declared signal", fix: "pass the clock input itself, e.g. clock: clk")
        }
        var (d, w) = (depth, width)
        if d < 1 || w < 1 {
            report(at, "memory `\(name)` with depth \(depth) and width \(width)", fix: "use a depth and width of at least 1")
            d = Swift.max(d, 1); w = Swift.max(w, 1)
        }
        memories.append(MemoryDecl(name: Naming.snakeCase(name), swiftName: name, depth: d, width: w, clock: clockIndex, location: at))
        return Memory(builder: self, index: memories.count - 1, depth: d, width: w)
    }
}
