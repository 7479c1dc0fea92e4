/// Where a lockstep run's inputs come from, cycle by cycle.
///
/// `next(_:_:)` sets this cycle's inputs in `io` (an input not set keeps last
/// cycle's value); `io.actual(out)` holds what the design showed the cycle before,
/// so a stimulus can follow a protocol (hold `valid` and the data until `ready`).
/// All randomness must come from `random`, which the bench seeds per run from the
/// campaign seed: the same seed gives the same stimulus.
public protocol StimulusSource {
    /// Called before each run, after reset (default: nothing).
    mutating func start()
    /// Sets this cycle's inputs.
    mutating func next(_ io: inout CycleIO, _ random: inout SeededRandom)
    /// Whether `next` reads anything but `random`, `io.cycle` and the inputs it set
    /// itself: the design's outputs (`io.actual`) or the expected values. false
    /// lets a long run generate the stimulus ahead of the model, on the checker's
    /// thread, and run the model a chunk of cycles per call
    /// (`LockstepOptions.checkerThread`). Default true: always correct.
    var readsOutputs: Bool { get }
}

extension StimulusSource {
    /// Nothing to do before a run unless the stimulus says so.
    public func start() {}
    /// A stimulus may follow the design's outputs unless it says it does not.
    public var readsOutputs: Bool { true }
}

/// Uniform random values on every driven input, each cycle; an input can be
/// given a probability of being 1 instead (`oneInPercent`, for valid and ready
/// lines) or a fixed value.
public struct RandomStimulus: StimulusSource {
    /// Per input: 0 uniform under `masks`, 1 one in `parameter` percent of the cycles, 2 held at `parameter`.
    @usableFromInline var kinds: [UInt8]
    @usableFromInline var parameters: [UInt64]
    @usableFromInline var masks: [UInt64]

    /// Uniform random values on every input of `ports`.
    public init(ports: Ports) {
        masks = ports.inputSignals.map(\.mask)
        kinds = Array(repeating: 0, count: ports.inputs.count)
        parameters = Array(repeating: 0, count: ports.inputs.count)
    }

    /// `input` is 1 in `percent` % of the cycles (0 otherwise).
    public mutating func set(_ input: InputSignal, oneInPercent percent: Int) {
        kinds[input.index] = 1; parameters[input.index] = UInt64(max(0, min(100, percent)))
    }

    /// `input` is held at `value`.
    public mutating func hold(_ input: InputSignal, at value: UInt64) {
        kinds[input.index] = 2; parameters[input.index] = value & input.mask
    }

    /// Random values depend on the seed alone, never on the design's outputs.
    public var readsOutputs: Bool { false }

    /// Draws this cycle's value of every input, in input order.
    @inlinable public mutating func next(_ io: inout CycleIO, _ random: inout SeededRandom) {
        let inputs = io.inputs
        kinds.withUnsafeBufferPointer { kinds in
            masks.withUnsafeBufferPointer { masks in
                parameters.withUnsafeBufferPointer { parameters in
                    for i in 0..<kinds.count {
                        switch kinds[i] {
                        case 0: inputs[i] = random.next() & masks[i]
                        case 1: inputs[i] = random.below(100) < parameters[i] ? 1 : 0
                        default: inputs[i] = parameters[i]
                        }
                    }
                }
            }
        }
    }
}
