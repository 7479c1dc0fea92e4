/// A scoreboard over valid/ready streams: beats accepted on the input streams go
/// to the `TransactionReference`, and every beat the design emits on an output
/// stream must be the next one the reference said it owes. Timing is free; order
/// per stream and data are checked. A beat owed on a stream whose `ready` has
/// been 1 for `maxWait` cycles without a beat is a divergence (nothing came).
public struct StreamScoreboard<Reference: TransactionReference>: LockstepChecker {
    /// The transaction-level reference.
    public var reference: Reference
    /// The streams into the design; `accept(stream:)` numbers them in this order.
    public let inputs: [InputStream]
    /// The streams out of the design; `ExpectedBeats.push` numbers them in this order.
    public let outputs: [OutputStream]
    /// Cycles an owed beat may wait with `ready` high.
    public let maxWait: Int
    @usableFromInline var expected: ExpectedBeats
    @usableFromInline var waited: [Int]
    /// Last failure: kind (1 unexpected beat, 2 wrong data, 3 nothing came), stream, expected data.
    @usableFromInline var failed: (kind: Int, stream: Int, expected: UInt64) = (0, 0, 0)

    /// A scoreboard of `reference` over these streams; `maxWait` cycles of ready without an owed beat is a divergence.
    public init(_ reference: Reference, inputs: [InputStream], outputs: [OutputStream], maxWait: Int = 64) {
        self.reference = reference; self.inputs = inputs; self.outputs = outputs; self.maxWait = max(1, maxWait)
        expected = ExpectedBeats(streams: outputs.count)
        waited = Array(repeating: 0, count: outputs.count)
    }

    /// Clears the owed beats and resets the reference.
    public mutating func reset() {
        reference.reset(); expected.clear()
        for i in waited.indices { waited[i] = 0 }
        failed = (0, 0, 0)
    }

    /// Feeds this cycle's accepted input beats to the reference and checks each emitted output beat against the next one owed.
    @inlinable public mutating func check(_ io: inout CycleIO, _ coverage: inout CoverageCounts) -> Bool {
        // Inputs first: a design that passes a beat through in the same cycle owes it already.
        for s in inputs.indices {
            let st = inputs[s]
            if io[st.valid] == 1 && io.actual(st.ready) == 1 {
                reference.accept(stream: s, data: io[st.data], &expected)
            }
        }
        for s in outputs.indices {
            let st = outputs[s]
            let valid = io.actual(st.valid) == 1 || io.isUnknown(st.valid)
            if valid && io[st.ready] == 1 {
                guard let want = expected.pop(s) else { failed = (1, s, 0); return false }
                if want != io.actual(st.data) || io.isUnknown(st.data) { failed = (2, s, want); return false }
                waited[s] = 0
            } else if expected.count(s) > 0 && io[st.ready] == 1 {
                waited[s] += 1
                if waited[s] >= maxWait { failed = (3, s, expected.peek(s) ?? 0); return false }
            }
        }
        reference.cover(io, &coverage)
        return true
    }

    /// What went wrong: an unexpected beat, wrong data, or a beat that never came.
    public func failure(_ io: CycleIO, ports: Ports) -> [String] {
        let st = outputs[failed.stream]
        let got = io.isUnknown(st.data) ? "x" : hex(io.actual(st.data))
        switch failed.kind {
        case 1: return ["\(st.name): the design emitted \(got), but the reference owed no beat"]
        case 2: return ["\(st.name): expected beat \(hex(failed.expected)), design emitted \(got)"]
        case 3: return ["\(st.name): expected beat \(hex(failed.expected)), but nothing came in \(maxWait) cycles with \(st.ready.name) high"]
        default: return ["no failure"]
        }
    }

    /// The reference's coverage bins.
    public var coverageBins: [String] { reference.coverageBins }
}

/// Drives valid/ready streams by the rules of the protocol: an input stream's
/// `valid` rises at random and then holds, with its data, until the beat is
/// accepted; an output stream's `ready` is random. Other inputs are random.
public struct StreamStimulus: StimulusSource {
    /// The streams it drives valid and data of.
    public let inputs: [InputStream]
    /// The streams it drives ready of.
    public let outputs: [OutputStream]
    /// Percent of cycles an idle input stream offers a new beat.
    public var validPercent: Int
    /// Percent of cycles an output stream is ready.
    public var readyPercent: Int
    @usableFromInline let others: [InputSignal]

    /// Drives these streams; every other input of `ports` gets uniform random values.
    public init(ports: Ports, inputs: [InputStream], outputs: [OutputStream], validPercent: Int = 60, readyPercent: Int = 60) {
        self.inputs = inputs; self.outputs = outputs; self.validPercent = validPercent; self.readyPercent = readyPercent
        let used = Set(inputs.flatMap { [$0.valid.index, $0.data.index] } + outputs.map(\.ready.index))
        others = ports.inputSignals.filter { !used.contains($0.index) }
    }

    /// Holds a waiting beat, else offers a new one at random; random ready; random other inputs.
    @inlinable public mutating func next(_ io: inout CycleIO, _ random: inout SeededRandom) {
        for st in inputs {
            // io still holds last cycle's valid and data; the design's ready of that cycle is in actual.
            let busy = io[st.valid] == 1 && io.actual(st.ready) == 0
            if !busy {
                if random.chance(validPercent) { io[st.valid] = 1; io[st.data] = random.next() } else { io[st.valid] = 0 }
            }
        }
        for st in outputs { io[st.ready] = random.chance(readyPercent) ? 1 : 0 }
        for p in others { io[p] = random.next() }
    }
}
