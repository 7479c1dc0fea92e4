import CoSim
import Foundation
import HDL
import Lockstep
import TestSupport

/// The valid/ready FIFO of `Examples.fifo` and its Swift references, shared by the lockstep tests.
enum FifoFixtures {
    static let cache = ModelCache(directory: RepoPaths.root.appendingPathComponent("sim/build/test-cache"))

    /// The FIFO as the DSL emits it.
    static func spec() throws -> ModelSpec { try ModelSpec(module: Examples.fifo(depth: 4, width: 8)) }

    /// The FIFO with a seeded bug: `in_ready` stays 1 when full, so a push into a
    /// full FIFO overwrites the oldest word (and `used` overflows).
    static func buggySpec() throws -> ModelSpec {
        var s = try spec()
        let good = "assign in_ready = used != 3'd4;"
        precondition(s.verilog.contains(good), "the FIFO's Verilog changed: update the seeded bug")
        s.verilog = s.verilog.replacingOccurrences(of: good, with: "assign in_ready = 1'b1;")
        return s
    }
}

/// Cycle-level reference of the FIFO: a queue of at most `depth` words.
struct FifoReference: CycleReference {
    let depth: Int
    let inValid, inData, outReady: InputSignal
    let inReady, outValid, outData, count: OutputSignal
    var queue: [UInt64] = []

    init(ports: Ports, depth: Int = 4) throws {
        self.depth = depth
        inValid = try ports.input("in_valid", width: 1); inData = try ports.input("in_data", width: 8)
        outReady = try ports.input("out_ready", width: 1)
        inReady = try ports.output("in_ready", width: 1); outValid = try ports.output("out_valid", width: 1)
        outData = try ports.output("out_data", width: 8); count = try ports.output("count")
        queue.reserveCapacity(depth + 1)
    }

    mutating func reset() { queue.removeAll(keepingCapacity: true) }

    mutating func cycle(_ io: inout CycleIO) {
        let full = queue.count == depth
        io[inReady] = full ? 0 : 1
        io[outValid] = queue.isEmpty ? 0 : 1
        io[count] = UInt64(queue.count)
        if let head = queue.first { io[outData] = head } else { io.ignore(outData) }
        let push = io[inValid] == 1 && !full
        let pop = !queue.isEmpty && io[outReady] == 1
        if pop { queue.removeFirst() }
        if push { queue.append(io[inData]) }
    }

    var coverageBins: [String] { ["empty", "full", "push and pop", "push refused (full)"] }
    func cover(_ io: CycleIO, _ coverage: inout CoverageCounts) {
        coverage.hit(0, when: io.actual(count) == 0)
        coverage.hit(1, when: io.actual(count) == UInt64(depth))
        coverage.hit(2, when: io[inValid] == 1 && io.actual(inReady) == 1 && io.actual(outValid) == 1 && io[outReady] == 1)
        coverage.hit(3, when: io[inValid] == 1 && io.actual(inReady) == 0)
    }
}

/// Transaction-level reference of the FIFO: every word that goes in comes out, in order.
struct FifoTransactions: TransactionReference {
    mutating func reset() {}
    mutating func accept(stream: Int, data: UInt64, _ expected: inout ExpectedBeats) { expected.push(0, data) }
}

/// Builds the stream scoreboard and stimulus of the FIFO's two streams.
func fifoStreams(_ ports: Ports) throws -> (StreamScoreboard<FifoTransactions>, StreamStimulus) {
    let input = try InputStream("in", ports: ports), output = try OutputStream("out", ports: ports)
    return (StreamScoreboard(FifoTransactions(), inputs: [input], outputs: [output]),
            StreamStimulus(ports: ports, inputs: [input], outputs: [output]))
}
