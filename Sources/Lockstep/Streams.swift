/// A valid/ready stream into the design: the bench drives `valid` and `data`,
/// the design drives `ready`. A beat is accepted in a cycle where both `valid`
/// and `ready` are 1 (as sampled at the rising edge).
public struct InputStream: Sendable {
    /// The stream's name in messages (e.g. "in").
    public let name: String
    /// The valid line, driven by the bench.
    public let valid: InputSignal
    /// The ready line, driven by the design.
    public let ready: OutputSignal
    /// The data, driven by the bench, held while valid waits for ready.
    public let data: InputSignal

    /// A stream from its three signals.
    public init(_ name: String, valid: InputSignal, ready: OutputSignal, data: InputSignal) {
        self.name = name; self.valid = valid; self.ready = ready; self.data = data
    }

    /// The stream `prefix_valid` / `prefix_ready` / `prefix_data` of `ports`.
    public init(_ prefix: String, ports: Ports) throws(LockstepError) {
        self.init(prefix, valid: try ports.input("\(prefix)_valid", width: 1), ready: try ports.output("\(prefix)_ready", width: 1),
                  data: try ports.input("\(prefix)_data"))
    }
}

/// A valid/ready stream out of the design: the design drives `valid` and
/// `data`, the bench drives `ready`.
public struct OutputStream: Sendable {
    /// The stream's name in messages (e.g. "out").
    public let name: String
    /// The valid line, driven by the design.
    public let valid: OutputSignal
    /// The ready line, driven by the bench.
    public let ready: InputSignal
    /// The data, driven by the design.
    public let data: OutputSignal

    /// A stream from its three signals.
    public init(_ name: String, valid: OutputSignal, ready: InputSignal, data: OutputSignal) {
        self.name = name; self.valid = valid; self.ready = ready; self.data = data
    }

    /// The stream `prefix_valid` / `prefix_ready` / `prefix_data` of `ports`.
    public init(_ prefix: String, ports: Ports) throws(LockstepError) {
        self.init(prefix, valid: try ports.output("\(prefix)_valid", width: 1), ready: try ports.input("\(prefix)_ready", width: 1),
                  data: try ports.output("\(prefix)_data"))
    }
}

/// The beats a transaction-level reference says the design owes, per output
/// stream, in order (a queue per stream; capacity is kept across runs).
public struct ExpectedBeats {
    @usableFromInline var queues: [[UInt64]]
    @usableFromInline var heads: [Int]

    init(streams: Int) {
        queues = Array(repeating: [], count: streams)
        heads = Array(repeating: 0, count: streams)
    }

    /// The design must emit `data` on output stream `stream` after the beats already owed there.
    @inlinable public mutating func push(_ stream: Int, _ data: UInt64) { queues[stream].append(data) }

    /// Beats owed on `stream`.
    @inlinable public func count(_ stream: Int) -> Int { queues[stream].count - heads[stream] }

    @inlinable mutating func pop(_ stream: Int) -> UInt64? {
        guard heads[stream] < queues[stream].count else { return nil }
        let v = queues[stream][heads[stream]]
        heads[stream] += 1
        if heads[stream] == queues[stream].count { queues[stream].removeAll(keepingCapacity: true); heads[stream] = 0 }
        return v
    }

    @inlinable func peek(_ stream: Int) -> UInt64? { heads[stream] < queues[stream].count ? queues[stream][heads[stream]] : nil }

    mutating func clear() {
        for i in queues.indices { queues[i].removeAll(keepingCapacity: true); heads[i] = 0 }
    }
}

/// A transaction-level reference for valid/ready designs: which beats must come
/// out, in order, for the beats that went in, whatever the latency.
public protocol TransactionReference {
    /// The state right after reset.
    mutating func reset()
    /// A beat was accepted on input stream `stream` (its index in the
    /// scoreboard's `inputs`) with `data`: push the beats it makes the design owe.
    mutating func accept(stream: Int, data: UInt64, _ expected: inout ExpectedBeats)
    /// Names of the coverage bins `cover` counts (default: none).
    var coverageBins: [String] { get }
    /// Counts the bins this cycle hits (default: nothing).
    func cover(_ io: CycleIO, _ coverage: inout CoverageCounts)
}

extension TransactionReference {
    /// No coverage bins unless the reference names some.
    public var coverageBins: [String] { [] }
    /// Counts nothing unless the reference does.
    public func cover(_ io: CycleIO, _ coverage: inout CoverageCounts) {}
}
