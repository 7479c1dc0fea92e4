/// A memory (`m.memory`): `depth` words of `width` bits, synchronous write on the clock,
/// any number of asynchronous read ports. Contents start at 0 in simulation (an
/// `initial` loop in the Verilog); there is no reset of the contents.
public struct Memory {
    let builder: ModuleBuilder
    let index: MemoryID
    /// Number of words.
    public let depth: Int
    /// Width of a word in bits.
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
        builder.record(.memoryWrite(memory: index, address: address.node, data: data.node, at: at))
    }

    /// Write of a constant.
    public func write(_ address: Signal, _ data: Int, fileID: String = #fileID, line: Int = #line) {
        let at = SourceLocation(fileID: fileID, line: line)
        write(address, builder.literal(data, width: width, at, context: "the data written to the memory"), fileID: fileID, line: line)
    }

    /// How a synchronous read sees a write to the same address in the same cycle.
    public enum ReadDuringWrite: Sendable {
        /// The word before the write (read-first): the data register loads `mem[addr]`
        /// in the write's `always` block.
        case oldData
        /// The word being written (write-first): the address is registered and the word read
        /// after the edge (`mem[addr_q]`).
        case newData
    }

    /// Synchronous read port, the form Yosys maps to block RAM: the word at `address` one
    /// clock edge later. `enable` (when given) holds the output while 0.
    /// `.oldData`: `reg <name>_rdata` loaded with `mem[address]` on the clock.
    /// `.newData`: `reg <name>_raddr` loaded with `address`; the result is `mem[<name>_raddr]`.
    public func readSync(_ address: Signal, enable: Signal? = nil, readDuringWrite: ReadDuringWrite = .oldData,
                         fileID: String = #fileID, line: Int = #line) -> Signal {
        let at = SourceLocation(fileID: fileID, line: line)
        let b = builder, decl = b.memories[index]
        guard b.owns(address, at), checkAddress(address, at) else { return b.make(.constant(0), width: width) }
        let clock = Signal(width: 1, node: b.signalNodes[decl.clock.index], builder: b)
        return b.unconditionally { () -> Signal in   // the port's register is loaded on every edge, like `.named`
            switch readDuringWrite {
            case .oldData:
                let data = b.reg("\(decl.swiftName)_rdata", width: width, clock: clock, enable: enable, fileID: fileID, line: line)
                b.assign(data, read(address, fileID: fileID, line: line), at)
                return data
            case .newData:
                let held = b.reg("\(decl.swiftName)_raddr", width: addressWidth, clock: clock, enable: enable, fileID: fileID, line: line)
                b.assign(held, address, at)
                return read(held, fileID: fileID, line: line)
            }
        }
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
    ///
    /// Initial contents (also for synthesis: Yosys puts them in the block RAM's init):
    /// `initial` (words from 0; the rest are 0) or `initialFile` (a `$readmemh` file, path
    /// as given, relative to where the simulator or synthesis runs). Without either, the
    /// words start at 0 in simulation only.
    public func memory(_ name: String, depth: Int, width: Int, clock: Signal, initial: [Int]? = nil,
                       initialFile: String? = nil, fileID: String = #fileID, line: Int = #line) -> Memory {
        let at = SourceLocation(fileID: fileID, line: line)
        var clockID = SignalID(0)
        if owns(clock, at), let d = clock.declIndex, clock.width == 1 {
            clockID = d
        } else {
            report(at, "the clock of memory `\(name)` must be a 1-bit declared signal", fix: "pass the clock input itself, e.g. clock: clk")
        }
        var (d, w) = (depth, width)
        if d < 1 || w < 1 {
            report(at, "memory `\(name)` with depth \(depth) and width \(width)", fix: "use a depth and width of at least 1")
            d = Swift.max(d, 1); w = Swift.max(w, 1)
        }
        var decl = MemoryDecl(name: Naming.snakeCase(name), swiftName: name, depth: d, width: w, clock: clockID, location: at)
        if initial != nil && initialFile != nil {
            report(at, "memory `\(name)` has both initial contents and an initial file", fix: "give one of them")
        }
        if let initial {
            if initial.count > d {
                report(at, "memory `\(name)` has \(d) words but \(initial.count) initial values", fix: "give at most \(d) values")
            }
            decl.initialValues = initial.prefix(d).map { literalBits($0, width: w, at, context: "an initial word of memory `\(name)`") }
        }
        decl.initialFile = initialFile
        memories.append(decl)
        return Memory(builder: self, index: MemoryID(memories.count - 1), depth: d, width: w)
    }
}
