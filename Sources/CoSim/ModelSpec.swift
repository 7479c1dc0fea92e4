/// One port of the top module as the co-simulation layer sees it: a name, a
/// width in bits and a direction. The list is given by the caller (it is the
/// contract of the design) or found by Verilator's elaboration
/// (`ModelSpec.discover`), never parsed out of the Verilog text.
public struct ModelPort: Hashable, Sendable, CustomStringConvertible {
    /// Seen from the module: an input the driver pokes, or an output it reads.
    public enum Direction: String, Hashable, Sendable {
        /// Driven by the caller (`poke`, or `step` for the clock).
        case input
        /// Read by the caller (`peek`, the sampled outputs).
        case output
    }
    /// The port's name in the top module.
    public var name: String
    /// Width in bits (1 and more; over 64 the port is a `VlWide`).
    public var width: Int
    /// Input or output.
    public var direction: Direction

    /// A port `name` of `width` bits in `direction`.
    public init(_ name: String, width: Int, _ direction: Direction) {
        self.name = name; self.width = width; self.direction = direction
    }
    /// An input port `name` of `width` bits (default 1).
    public static func input(_ name: String, _ width: Int = 1) -> ModelPort { ModelPort(name, width: width, .input) }
    /// An output port `name` of `width` bits (default 1).
    public static func output(_ name: String, _ width: Int = 1) -> ModelPort { ModelPort(name, width: width, .output) }

    /// Verilator's C++ storage class for this width.
    public var storage: StorageClass { StorageClass(width: width) }
    /// `input [W-1:0] name` (or `output ...`), as a Verilog declaration would write it.
    public var description: String { "\(direction.rawValue) [\(width - 1):0] \(name)" }
}

/// Verilator's storage classes: CData (1-8 bits), SData (9-16), IData (17-32),
/// QData (33-64) and VlWide (65 and more, an array of 32-bit words, least
/// significant first).
public enum StorageClass: String, Hashable, Sendable {
    /// The C++ type names Verilator uses: `CData`, `SData`, `IData`, `QData`, `VlWide`.
    case cData = "CData", sData = "SData", iData = "IData", qData = "QData", wide = "VlWide"
    /// The class of a `width`-bit port: up to 8, 16, 32 and 64 bits, then wide.
    public init(width: Int) {
        switch width {
        case ...8: self = .cData
        case ...16: self = .sData
        case ...32: self = .iData
        case ...64: self = .qData
        default: self = .wide
        }
    }
}

/// Everything that defines one compiled model: the Verilog text, the top
/// module, its ports, which input is the clock (driven by `step`), which
/// inputs are secondary clocks (driven by `tick`), which is the reset (driven
/// by `reset(cycles:)`), the internal signals to observe, and the build options. Every field is part of the cache key.
public struct ModelSpec: Hashable, Sendable {
    /// The Verilog text to compile (one or more modules; part of the cache key).
    public var verilog: String
    /// Name of the top module.
    public var top: String
    /// The top module's ports, in any order (the clock and reset included).
    public var ports: [ModelPort]
    /// The clock input; it is not pokeable, `step` drives it.
    public var clock: String
    /// The reset input used by `reset(cycles:)`, if any, and its active level.
    public var reset: String?
    /// True when `reset` is active at 1, false when at 0.
    public var resetActiveHigh: Bool
    /// Build a model that can write VCD waveforms (`openTrace`). Costs build
    /// time and some speed even when no trace is open, so it is off by default.
    public var trace: Bool
    /// Extra `verilator` arguments (e.g. `-GWIDTH=8`); part of the cache key.
    public var verilatorFlags: [String]
    /// Secondary clock inputs (1-bit, not `clock`): the bench drives each with
    /// `VerilatedModel.tick(_:)`, one full cycle at a time, without touching
    /// `clock`; they cannot be poked.
    public var clocks: [String]
    /// Internal signals exposed like outputs (`VerilatedModel.observed(_:)`);
    /// empty: the model exposes its ports only.
    public var observed: [ObservedSignal]

    /// A spec from its parts; `ModelSpec.discover` finds the ports instead.
    public init(verilog: String, top: String, ports: [ModelPort], clock: String = "clk",
                reset: String? = nil, resetActiveHigh: Bool = true, trace: Bool = false,
                verilatorFlags: [String] = [], clocks: [String] = [], observed: [ObservedSignal] = []) {
        self.verilog = verilog; self.top = top; self.ports = ports; self.clock = clock
        self.reset = reset; self.resetActiveHigh = resetActiveHigh; self.trace = trace
        self.verilatorFlags = verilatorFlags; self.clocks = clocks; self.observed = observed
    }

    /// Checks names and widths; the message names the port and the fix.
    public func validate() throws(ModelError) {
        func legal(_ s: String) -> Bool {
            guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
            return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        }
        guard legal(top) else { throw .badSpec("top module name '\(top)' is not a plain Verilog identifier") }
        var seen = Set<String>()
        for p in ports {
            guard legal(p.name) else { throw .badSpec("port name '\(p.name)' is not a plain Verilog identifier") }
            guard (1...4096).contains(p.width) else {
                throw .badSpec("port \(p.name) has width \(p.width); widths must be 1...4096")
            }
            guard seen.insert(p.name).inserted else { throw .badSpec("port \(p.name) is listed twice; list each port once") }
        }
        guard let clk = ports.first(where: { $0.name == clock }), clk.direction == .input, clk.width == 1 else {
            throw .badSpec("clock '\(clock)' must be a 1-bit input in the port list")
        }
        if let reset {
            guard let r = ports.first(where: { $0.name == reset }), r.direction == .input, r.width == 1 else {
                throw .badSpec("reset '\(reset)' must be a 1-bit input in the port list")
            }
        }
        var clockNames: Set = [clock]
        for c in clocks {
            guard let p = ports.first(where: { $0.name == c }), p.direction == .input, p.width == 1 else {
                throw .badSpec("secondary clock '\(c)' must be a 1-bit input in the port list")
            }
            guard c != reset else { throw .badSpec("\(c) is the reset; a secondary clock must be another input") }
            guard clockNames.insert(c).inserted else {
                throw .badSpec(c == clock ? "\(c) is the main clock (step drives it); list only other clocks in clocks"
                                          : "secondary clock \(c) is listed twice; list each clock once")
            }
        }
        var observedPaths = Set<String>()
        for s in observed {
            if let problem = s.pathProblem { throw .badSpec(problem) }
            if let p = ports.first(where: { $0.name == s.path }) {
                throw .badSpec("\(s.path) is a port of \(top), not an internal signal: "
                    + (p.direction == .input ? "it is an input the bench drives" : "read it with output(\"\(s.path)\")"))
            }
            guard (1...4096).contains(s.width) else {
                throw .badSpec("observed signal \(s.path) has width \(s.width); widths must be 1...4096")
            }
            guard observedPaths.insert(s.path).inserted else {
                throw .badSpec("observed signal \(s.path) is listed twice; list each signal once")
            }
        }
    }
}

/// A problem with a model: a bad spec, a wrong port name or kind, a library
/// that does not load. Tool failures (verilator, the compiler) are `ToolError`.
public enum ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The spec is inconsistent (e.g. its clock is not one of its ports); the message says how.
    case badSpec(String)
    /// The model has no port `name`; `known` lists the ports of `top`.
    case unknownPort(name: String, top: String, known: [String])
    /// A port used the wrong way (an output poked, an input peeked, a clock poked); the message says which.
    case wrongPort(String)
    /// The compiled library could not be loaded or lacks a shim symbol.
    case load(String)
    /// The Verilog's top module does not have the spec's ports (each difference listed).
    case interfaceMismatch(top: String, problems: [String])
    /// An observed signal (`ModelSpec.observed`) the model cannot expose:
    /// why, and the closest signals it has.
    case unknownSignal(path: String, top: String, reason: String, candidates: [String])

    /// One line naming the problem, the top module and what it has instead.
    public var description: String {
        switch self {
        case let .badSpec(m): return "invalid model description: \(m)"
        case let .unknownPort(name, top, known):
            return "\(top) has no port named '\(name)'; its ports are: \(known.joined(separator: ", "))"
        case let .wrongPort(m): return m
        case let .load(m): return "cannot load the compiled model: \(m)"
        case let .interfaceMismatch(top, problems):
            return "module \(top) does not have the expected ports: " + problems.joined(separator: "; ")
        case let .unknownSignal(path, top, reason, candidates):
            return "\(top) has no signal '\(path)' to observe: \(reason); "
                + (candidates.isEmpty ? "it has no internal signals" : "closest signals: " + candidates.joined(separator: ", "))
        }
    }
}
