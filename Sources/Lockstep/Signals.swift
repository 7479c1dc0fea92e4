import CoSim

/// A design input as the reference model and the stimulus see it: a slot in the
/// cycle's input values (`CycleIO`), resolved by name once (`Ports.input`).
/// A plain value (its name is interned, see `InternedName`): copying or
/// iterating handles in per-cycle code costs no reference counting.
public struct InputSignal: Hashable, Sendable, CustomStringConvertible {
    /// The port's Verilog name.
    public var name: String { interned.string }
    let interned: InternedName
    /// Its width in bits (1...64).
    public let width: Int
    /// Position in `Ports.inputs` (and in a trace line).
    public let index: Int
    /// The value bits of this input (all ones for 64 bits).
    public let mask: UInt64

    init(name: String, width: Int, index: Int) {
        interned = InternedName(name); self.width = width; self.index = index; mask = valueMask(width)
    }
    /// `input NAME[WIDTH]`.
    public var description: String { "input \(name)[\(width)]" }
}

/// A design output as the reference model sees it: a slot in the cycle's
/// expected and actual values (`CycleIO`), resolved by name once (`Ports.output`).
/// A plain value, as `InputSignal`.
public struct OutputSignal: Hashable, Sendable, CustomStringConvertible {
    /// The port's Verilog name.
    public var name: String { interned.string }
    let interned: InternedName
    /// Its width in bits (1...64).
    public let width: Int
    /// Position in `Ports.outputs`.
    public let index: Int
    /// The value bits of this output (all ones for 64 bits).
    public let mask: UInt64

    init(name: String, width: Int, index: Int) {
        interned = InternedName(name); self.width = width; self.index = index; mask = valueMask(width)
    }
    /// `output NAME[WIDTH]`.
    public var description: String { "output \(name)[\(width)]" }
}

/// The value bits of a port `width` bits wide (all ones from 64 bits).
func valueMask(_ width: Int) -> UInt64 { width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) &- 1 }

/// The ports of a design that a lockstep run drives and compares: every input
/// but the clock and the reset (the bench drives those), and every output.
/// Names are resolved here once; a wrong name or width is a `LockstepError`
/// naming both sides.
public struct Ports: Sendable {
    /// The design's top module.
    public let design: String
    /// Inputs driven per cycle, in declaration order.
    public let inputs: [ModelPort]
    /// Outputs, in declaration order.
    public let outputs: [ModelPort]

    /// The ports of `spec` as a lockstep run sees them. Ports wider than 64 bits
    /// are refused (the layer holds one `UInt64` per port).
    public init(spec: ModelSpec) throws(LockstepError) {
        design = spec.top
        guard spec.clocks.isEmpty else {
            throw .badDesign("\(spec.top) has more than one clock (\(([spec.clock] + spec.clocks).joined(separator: ", "))); the lockstep layer runs one clock: drive a multi-clock design with VerilatedModel.tick(_:) (docs/cosim.md)")
        }
        let driven = spec.ports.filter { $0.name != spec.clock && $0.name != spec.reset }
        if let wide = driven.first(where: { $0.width > 64 }) {
            throw .badDesign("port \(wide.name) of \(spec.top) is \(wide.width) bits wide; the lockstep layer handles ports of up to 64 bits (drive wider ones with VerilatedModel.poke(_:words:))")
        }
        inputs = driven.filter { $0.direction == .input }
        outputs = driven.filter { $0.direction == .output }
    }

    /// The input `name`; `width`, when given, must be the design's; `asker` names the
    /// caller in the message ("the reference model", "the stimulus").
    public func input(_ name: String, width: Int? = nil, asker: String = "the reference model") throws(LockstepError) -> InputSignal {
        guard let i = inputs.firstIndex(where: { $0.name == name }) else {
            throw .unknownPort(asker: asker, name: name, direction: .input, design: design, known: inputs.map(\.name))
        }
        let declared = inputs[i].width
        if let width, width != declared {
            throw .widthMismatch(asker: asker, name: name, expected: width, design: design, declared: declared)
        }
        return InputSignal(name: name, width: declared, index: i)
    }

    /// The output `name`; `width`, when given, must be the design's.
    public func output(_ name: String, width: Int? = nil, asker: String = "the reference model") throws(LockstepError) -> OutputSignal {
        guard let i = outputs.firstIndex(where: { $0.name == name }) else {
            throw .unknownPort(asker: asker, name: name, direction: .output, design: design, known: outputs.map(\.name))
        }
        let declared = outputs[i].width
        if let width, width != declared {
            throw .widthMismatch(asker: asker, name: name, expected: width, design: design, declared: declared)
        }
        return OutputSignal(name: name, width: declared, index: i)
    }

    /// Every driven input as a handle, in order.
    public var inputSignals: [InputSignal] {
        inputs.indices.map { InputSignal(name: inputs[$0].name, width: inputs[$0].width, index: $0) }
    }
    /// Every output as a handle, in order.
    public var outputSignals: [OutputSignal] {
        outputs.indices.map { OutputSignal(name: outputs[$0].name, width: outputs[$0].width, index: $0) }
    }
}
