/// A typed handle to a secondary clock (`ModelSpec.clocks`), resolved once
/// by name (`VerilatedModel.clock(_:)`): `tick(_:_:)` drives it. It is an
/// input slot the shim writes (0, then 1, each cycle); it cannot be poked.
public struct ClockPort: Hashable, Sendable, CustomStringConvertible {
    /// The clock input's name.
    public let name: String
    /// Its slot in the input buffer (`VerilatedModel.rawInputs`): 1 while it rests high.
    public let slot: Int
    /// "clock clk_b".
    public var description: String { "clock \(name)" }
}
