/// The generator parameters of SPEC section 2, as the reference router sees them.
///
/// `validate()` refuses out-of-range values with a message that names the
/// parameter (as its command-line flag), the value and the legal range.
public struct RouterConfig: Hashable, Sendable {
    /// V, the number of VMMs (`--vmms`, 2-16).
    public var vmms: Int
    /// G, the number of guests (`--guests`, 1-64).
    public var guests: Int
    /// R, the number of I/O range registers (`--io-ranges`, 0-16).
    public var ioRanges: Int
    /// The Platform VMM the static map routes to (`--platform-vmm`, 0..V-1).
    public var platformVMM: Int
    /// Exit reasons hard-wired to `platformVMM`; kept sorted and without duplicates.
    public var staticMap: [UInt16]
    /// Whether the design has the I/O bitmaps of SPEC 7 (`--no-io-bitmaps` turns them off).
    public var ioBitmaps: Bool

    /// Parameters as given (defaults of SPEC 2); `staticMap` is sorted and deduplicated. Call `validate()` before use.
    public init(vmms: Int = SpecParameters.defaultVMMs, guests: Int = SpecParameters.defaultGuests,
                ioRanges: Int = SpecParameters.defaultIORanges, platformVMM: Int = SpecParameters.defaultPlatformVMM,
                staticMap: [UInt16] = SpecParameters.defaultStaticMap, ioBitmaps: Bool = SpecParameters.defaultIOBitmaps) {
        self.vmms = vmms; self.guests = guests; self.ioRanges = ioRanges
        self.platformVMM = platformVMM; self.staticMap = Array(Set(staticMap)).sorted()
        self.ioBitmaps = ioBitmaps
    }

    /// The defaults of SPEC 2: V 4, G 8, R 8, Platform VMM 1, static map {5, 6}, I/O bitmaps on.
    public static let `default` = RouterConfig()

    /// Basic exit reasons the router supports (SPEC 5.1): `ExitReason.supported`.
    public static var supportedReasons: [UInt16] { ExitReason.supported }

    /// Whether `reason` is a supported exit reason (SPEC 5.1), the test `validate()` applies to the static map.
    public static func isSupported(reason: UInt16) -> Bool {
        ExitReason.isSupported(reason)
    }

    /// Throws a `ConfigError` naming the first parameter out of its SPEC 2 range, or a static-map reason that is not supported.
    public func validate() throws(ConfigError) {
        func check(_ flag: String, _ value: Int, _ range: ClosedRange<Int>) throws(ConfigError) {
            guard range.contains(value) else {
                throw ConfigError("\(flag) \(value) is out of range: it must be \(range.lowerBound)...\(range.upperBound)")
            }
        }
        try check("--vmms", vmms, SpecParameters.vmms)
        try check("--guests", guests, SpecParameters.guests)
        try check("--io-ranges", ioRanges, SpecParameters.ioRanges)
        try check("--platform-vmm", platformVMM, 0...(vmms - 1))
        for r in staticMap where !RouterConfig.isSupported(reason: r) {
            throw ConfigError("--static-map contains \(r), which is not a supported exit reason: use reasons from \(ExitReason.supportedSummary)")
        }
    }
}

/// An out-of-range generator parameter. `message` names the flag, the value and the range.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole message: the flag, the value and the legal range.
    public var message: String
    /// An error with the message `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
