import Lockstep

/// The arbiter's reference model in plain Swift: what `stream_arbiter` must show
/// each cycle. The lockstep bench runs it beside the Verilator model.
public struct ArbiterReference: CycleReference {
    let aValid, aData, bValid, bData, outReady: InputSignal
    let aReady, bReady, outValid, outData, outSrc: OutputSignal
    var full = false, data: UInt64 = 0, src: UInt64 = 0, lastB = true

    /// Resolves the ports once; a name or width the design lacks is an error naming both sides.
    public init(ports: Ports, width: Int = 8) throws {
        aValid = try ports.input("a_valid", width: 1); aData = try ports.input("a_data", width: width)
        bValid = try ports.input("b_valid", width: 1); bData = try ports.input("b_data", width: width)
        outReady = try ports.input("out_ready", width: 1)
        aReady = try ports.output("a_ready", width: 1); bReady = try ports.output("b_ready", width: 1)
        outValid = try ports.output("out_valid", width: 1); outData = try ports.output("out_data", width: width)
        outSrc = try ports.output("out_src", width: 1)
    }

    public mutating func reset() { full = false; data = 0; src = 0; lastB = true }

    public mutating func cycle(_ io: inout CycleIO) {
        let a = io[aValid] == 1, b = io[bValid] == 1
        let canLoad = !full || io[outReady] == 1
        let grantA = a && (!b || lastB), grantB = b && !grantA
        io[aReady] = canLoad && grantA ? 1 : 0
        io[bReady] = canLoad && grantB ? 1 : 0
        io[outValid] = full ? 1 : 0
        if full { io[outData] = data; io[outSrc] = src } else { io.ignore(outData); io.ignore(outSrc) }
        if canLoad {
            full = a || b
            if grantA { data = io[aData]; src = 0; lastB = false } else if grantB { data = io[bData]; src = 1; lastB = true }
        }
    }

    public var coverageBins: [String] { ["tie won by a", "tie won by b", "output stalled", "a and b served back to back"] }

    public func cover(_ io: CycleIO, _ coverage: inout CoverageCounts) {
        let tie = io[aValid] == 1 && io[bValid] == 1
        coverage.hit(0, when: tie && io.actual(aReady) == 1)
        coverage.hit(1, when: tie && io.actual(bReady) == 1)
        coverage.hit(2, when: io.actual(outValid) == 1 && io[outReady] == 0)
        coverage.hit(3, when: io.actual(outValid) == 1 && io[outReady] == 1 && (io.actual(aReady) == 1 || io.actual(bReady) == 1))
    }
}
