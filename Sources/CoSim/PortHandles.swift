/// A typed handle to an input port, resolved once by name
/// (`VerilatedModel.input(_:)`); poking through it is a masked store into the
/// shared input buffer, no string or dictionary involved.
public struct InputPort: Hashable, Sendable, CustomStringConvertible {
    /// The port's name.
    public let name: String
    /// Width in bits.
    public let width: Int
    /// First slot in the input buffer (`VerilatedModel.rawInputs`).
    public let slot: Int
    /// Slots used: 1 up to 64 bits, else one per 32-bit word.
    @usableFromInline let slots: Int
    /// Mask of the value bits of a narrow port (all ones for 64 and wider).
    @usableFromInline let mask: UInt64
    /// Verilator's C++ storage class for the port's width.
    public var storage: StorageClass { StorageClass(width: width) }
    /// `input NAME[WIDTH]`.
    public var description: String { "input \(name)[\(width)]" }
}

/// A typed handle to an output port (see `InputPort`).
public struct OutputPort: Hashable, Sendable, CustomStringConvertible {
    /// The port's name.
    public let name: String
    /// Width in bits.
    public let width: Int
    /// First slot in the output buffers (`VerilatedModel.rawSampled`).
    public let slot: Int
    @usableFromInline let slots: Int
    /// Verilator's C++ storage class for the port's width.
    public var storage: StorageClass { StorageClass(width: width) }
    /// `output NAME[WIDTH]`.
    public var description: String { "output \(name)[\(width)]" }
}

extension PortLayout.Entry {
    var inputHandle: InputPort {
        InputPort(name: port.name, width: port.width, slot: slot, slots: slots,
                  mask: port.width >= 64 ? ~0 : (UInt64(1) << UInt64(port.width)) &- 1)
    }
    var outputHandle: OutputPort { OutputPort(name: port.name, width: port.width, slot: slot, slots: slots) }
}
