/// Declarations of a module: signals (ports, wires, registers, instance outputs),
/// memories and instances. Shared by the builder and the elaborated `Module`.

/// A register's clocking: its clock signal, optional synchronous active-high reset
/// (with the value it resets to) and optional enable (the register only loads when
/// the enable is 1; reset wins over enable).
public struct RegisterInfo: Sendable, Equatable {
    /// The clock (a 1-bit declared signal).
    public var clock: SignalID
    /// The reset condition, or nil for a register without reset.
    public var reset: ExprID?
    /// The value the register takes on reset (fits in its width; 0 when there is no reset).
    public var resetValue: UInt64
    /// The enable, or nil.
    public var enable: ExprID?
    /// Synchronous or asynchronous, active high or low.
    public var resetKind: ResetKind = .syncHigh
}

/// How a register's reset acts: on the clock edge (`sync`) or at once (`async`, the
/// reset is in the sensitivity list), when the reset is 1 (`High`) or 0 (`Low`).
public enum ResetKind: Sendable, Equatable, Hashable {
    /// `always @(posedge clk) if (rst) ...` (the default).
    case syncHigh
    /// `always @(posedge clk) if (!rst_n) ...`
    case syncLow
    /// `always @(posedge clk or posedge rst) if (rst) ...`
    case asyncHigh
    /// `always @(posedge clk or negedge rst_n) if (!rst_n) ...`
    case asyncLow

    /// True for `asyncHigh` and `asyncLow`: the reset is in the sensitivity list.
    public var isAsync: Bool { self == .asyncHigh || self == .asyncLow }
    /// True for `syncLow` and `asyncLow`: the reset acts when the signal is 0.
    public var isActiveLow: Bool { self == .syncLow || self == .asyncLow }
}

/// What kind of signal a declaration is.
public enum SignalKind: Sendable, Equatable {
    /// An input port.
    case input
    /// An output port (driven by the module's statements or a register).
    case output
    /// A wire (combinational, driven by `<==`).
    case wire
    /// A register with its clock, reset and enable.
    case register(RegisterInfo)
    /// An output of instance `instance` that no parent sink was bound to: the emitter
    /// declares a wire for it.
    case instanceOutput(instance: InstanceID, port: String)
}

/// A declared signal.
public struct SignalDecl: Sendable, Equatable {
    /// The Verilog name (ports: exactly as declared; others: snake_cased).
    public var name: String
    /// The name as written in Swift.
    public var swiftName: String
    /// Width in bits (at least 1; constants and register reset values hold at most 64 bits).
    public var width: Int
    /// Port, wire, register or instance output.
    public var kind: SignalKind
    /// Where the signal was declared in Swift.
    public var location: SourceLocation
    /// The enumeration (of `Module.enumerations`) whose values this signal holds.
    public var enumeration: EnumerationID? = nil

    /// True for input and output ports.
    public var isPort: Bool {
        switch kind { case .input, .output: return true; default: return false }
    }
    /// True for registers (`m.reg`).
    public var isRegister: Bool {
        if case .register = kind { return true }
        return false
    }
    /// Inputs and instance outputs are driven from outside the module's statements.
    public var isDrivenExternally: Bool {
        switch kind { case .input, .instanceOutput: return true; default: return false }
    }
    /// A noun for messages: "input", "output", "wire", "register".
    public var noun: String {
        switch kind {
        case .input: return "input"
        case .output: return "output"
        case .wire: return "wire"
        case .register: return "register"
        case .instanceOutput: return "instance output"
        }
    }
}

/// A memory: `depth` words of `width` bits, synchronous write on `clock`, asynchronous
/// read ports. A plain memory (`m.memory`) is initialised to 0 in simulation (an `initial`
/// loop), not by reset; a register array (`m.regArray`) is a memory whose words are
/// registers: `registers` holds their reset and enable, and the emitter resets every word.
public struct MemoryDecl: Sendable, Equatable {
    /// The Verilog name (snake_cased from `swiftName`).
    public var name: String
    /// The name as written in Swift.
    public var swiftName: String
    /// Number of words.
    public var depth: Int
    /// Width of a word in bits.
    public var width: Int
    /// The clock.
    public var clock: SignalID
    /// Where the memory was declared in Swift.
    public var location: SourceLocation
    /// Reset and enable of a register array (its `clock` is the memory's); nil for a memory.
    public var registers: RegisterInfo? = nil
    /// Initial contents from a Swift array (the words after it are 0), or nil.
    public var initialValues: [UInt64]? = nil
    /// Initial contents from a `$readmemh` file (path as written in the Verilog), or nil.
    public var initialFile: String? = nil
    /// Address width: ceil(log2(depth)), at least 1.
    public var addressWidth: Int { Swift.max(1, bitsToIndex(depth)) }
}

/// An instance of a sub-module.
public struct InstanceDecl: Sendable, Equatable {
    /// The instance name, exactly as given.
    public var name: String
    /// The instantiated module (a built module or an external one).
    public var module: Module
    /// Child input port name -> the parent expression it reads, in the child's port order.
    public var inputs: [PortBinding]
    /// Child output port name -> the parent signal it drives, in the child's port order.
    public var outputs: [OutputBinding]
    /// Where the instance was declared in Swift.
    public var location: SourceLocation
    /// Parameter values of an external module's instance (`#(.NAME(value))`), by name.
    public var parameters: [ParameterValue] = []
}

/// `#(.name(value))` of an instance of an external module.
public struct ParameterValue: Sendable, Equatable {
    /// The parameter's name in the external module.
    public var name: String
    /// The value given to it.
    public var value: UInt64
}

/// An input connection of an instance: the child's input port and the parent expression
/// bound to it.
public struct PortBinding: Sendable, Equatable {
    /// The child module's port name.
    public var port: String
    /// The parent's expression the input reads.
    public var value: ExprID
}

/// An output connection of an instance: the child's output port and the parent signal
/// (a wire, an output, or the instance-output wire the builder declared) it drives.
public struct OutputBinding: Sendable, Equatable {
    /// The child module's port name.
    public var port: String
    /// The parent's signal the output drives.
    public var sink: SignalID
}

/// ceil(log2(n)) for n >= 1 (0 for n == 1).
public func bitsToIndex(_ n: Int) -> Int {
    var bits = 0
    while (1 << bits) < n { bits += 1 }
    return bits
}
