import RouterSpec

/// The generator parameters of SPEC section 2, as the router design sees them.
///
/// RouterDesign does not import the reference router (the oracle must not
/// share decision code with the hardware), so it keeps its own parameter type;
/// the CLI converts `RouterModel.RouterConfig` into this one.
///
/// `validate()` refuses out-of-range values with a message that names the
/// parameter by its command-line flag, the value and the legal range.
public struct RouterParameters: Hashable, Sendable {
    /// Number of VMMs V (2...16); ids 0..V-1, VMM 0 is the main VMM.
    public var vmms: Int
    /// Number of guest VMs G (1...64).
    public var guests: Int
    /// Number of I/O range registers R (0...16).
    public var ioRanges: Int
    /// The VMM the static map sends its exit reasons to (0..V-1).
    public var platformVMM: Int
    /// Exit reasons hard-wired to `platformVMM`; kept sorted and without duplicates.
    public var staticMap: [UInt16]
    /// Whether each VMM has a 64 Kibit I/O bitmap (SPEC section 7).
    public var ioBitmaps: Bool

    /// Parameters as given (defaults of SPEC 2); `staticMap` is sorted and deduplicated. Call `validate()` before generating.
    public init(vmms: Int = 4, guests: Int = 8, ioRanges: Int = 8, platformVMM: Int = 1,
                staticMap: [UInt16] = [5, 6], ioBitmaps: Bool = true) {
        self.vmms = vmms; self.guests = guests; self.ioRanges = ioRanges
        self.platformVMM = platformVMM; self.staticMap = Array(Set(staticMap)).sorted()
        self.ioBitmaps = ioBitmaps
    }

    /// The defaults of SPEC section 2 (V 4, G 8, R 8, platform VMM 1, static map {5, 6}, bitmaps on).
    public static let defaults = RouterParameters()

    /// Refuses out-of-range parameters; the message names the flag, the value and the range.
    public func validate() throws(RouterParameterError) {
        func check(_ flag: String, _ value: Int, _ range: ClosedRange<Int>) throws(RouterParameterError) {
            guard range.contains(value) else {
                throw RouterParameterError("\(flag) \(value) is out of range: it must be \(range.lowerBound)...\(range.upperBound)")
            }
        }
        try check("--vmms", vmms, 2...16)
        try check("--guests", guests, 1...64)
        try check("--io-ranges", ioRanges, 0...16)
        try check("--platform-vmm", platformVMM, 0...(vmms - 1))
        for r in staticMap where !ExitReason.isSupported(r) {
            throw RouterParameterError("--static-map contains \(r), which is not a supported exit reason: use reasons from \(ExitReason.supportedSummary)")
        }
    }
}

/// An out-of-range generator parameter; `message` names the flag, the value and the range.
public struct RouterParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole message: the flag, the value and the legal range.
    public var message: String
    /// An error with the message `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Bits needed to hold `value` (0 for 0).
@inline(__always)
func bitsFor(_ value: Int) -> Int { value <= 0 ? 0 : Int.bitWidth - value.leadingZeroBitCount }
