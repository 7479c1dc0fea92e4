/// The generator parameters of SPEC section 2, as the reference router sees them.
///
/// `validate()` refuses out-of-range values with a message that names the
/// parameter (as its command-line flag), the value and the legal range.
public struct RouterConfig: Hashable, Sendable {
    public var vmms: Int
    public var guests: Int
    public var ioRanges: Int
    public var platformVMM: Int
    /// Exit reasons hard-wired to `platformVMM`; kept sorted and without duplicates.
    public var staticMap: [UInt16]
    public var ioBitmaps: Bool

    public init(vmms: Int = SpecParameters.defaultVMMs, guests: Int = SpecParameters.defaultGuests,
                ioRanges: Int = SpecParameters.defaultIORanges, platformVMM: Int = SpecParameters.defaultPlatformVMM,
                staticMap: [UInt16] = SpecParameters.defaultStaticMap, ioBitmaps: Bool = SpecParameters.defaultIOBitmaps) {
        self.vmms = vmms; self.guests = guests; self.ioRanges = ioRanges
        self.platformVMM = platformVMM; self.staticMap = Array(Set(staticMap)).sorted()
        self.ioBitmaps = ioBitmaps
    }

    public static let `default` = RouterConfig()

    /// Basic exit reasons the router supports (SPEC 5.1): `ExitReason.supported`.
    public static var supportedReasons: [UInt16] { ExitReason.supported }

    public static func isSupported(reason: UInt16) -> Bool {
        ExitReason.isSupported(reason)
    }

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
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
