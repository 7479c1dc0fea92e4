/// # RouterSpec — the numbers of SPEC.md, and nothing else
///
/// A leaf target (no dependencies) that every other target may import: the
/// reference router (RouterModel), the RTL design (RouterDesign), stimulus,
/// equivalence campaigns, the CLI and the document generators. It holds
/// constants only — no routing decision lives here — so sharing it does not
/// make the oracle and the hardware share logic.
///
/// Constants by SPEC section (Swift constants are `@inlinable`, so they fold
/// into the caller like literals):
/// - SPEC 2: `SpecParameters` (ranges and defaults of the generator parameters).
/// - SPEC 3: `EntityEncoding`, `ReturnToLayout`.
/// - SPEC 4: `Op` (op numbers and trace names).
/// - SPEC 5.1: `ExitReason` (every supported basic exit reason with its VT-x name,
///   `ExitReason.supported`), `InterruptionType`, `ExceptionVector`, `IOQualification`.
/// - SPEC 5.2/6.2: `RouteLayout`, `IOCtrlLayout`.
/// - SPEC 5.3: `OwnerControls` (PIN/PROC bit positions, the single-bit rows).
/// - SPEC 5.5: `InterruptionInfo` (INTR_INFO layout).
/// - SPEC 6: `VMCSField` (encodings), `VMCSField.descriptors` (the tables of 6.1/6.2 as data).
/// - SPEC 6.3/6.4: `VMError` (VMfailValid numbers). SPEC 7: `IOBitmap`.
/// - SPEC 8: `ResponseKind`, `Policy`, `RejectCode`.
///
/// For generators: every group has `entries`, an ordered `[SpecConstant]` of
/// (name, value, width); `SpecConstants.groups` lists the groups in SPEC order.
/// Every `name` is unique across all groups and a valid Verilog/C identifier, so
/// it can become a `localparam` or (with a prefix) a `#define` as it is.
public enum RouterSpecModule {}

/// One named SPEC number: a `localparam NAME = value` of `width` bits.
public struct SpecConstant: Hashable, Sendable, CustomStringConvertible {
    /// Upper-case identifier, unique across `SpecConstants.groups` (e.g. `EXIT_REASON_VMREAD`).
    public let name: String
    /// The number itself (fits in `width` bits).
    public let value: UInt64
    /// Width in bits of the port, field or operand that carries the value.
    public let width: Int
    /// One line for documents and generated comments.
    public let summary: String

    /// A constant of `width` bits named `name` with the value `value` and a one-line `summary`.
    public init(_ name: String, _ value: UInt64, width: Int, _ summary: String = "") {
        self.name = name; self.value = value; self.width = width; self.summary = summary
    }
    /// A constant from any integer type (converted to `UInt64`; the value must be non-negative).
    public init<T: BinaryInteger>(_ name: String, _ value: T, width: Int, _ summary: String = "") {
        self.init(name, UInt64(value), width: width, summary)
    }

    /// `NAME = value (width bits)`, for messages and tests.
    public var description: String { "\(name) = \(value) (\(width) bits)" }
}

/// A group of constants as a generator emits them: a heading and the entries.
public struct SpecConstantGroup: Sendable {
    /// Short title, e.g. "Exit reasons".
    public let title: String
    /// SPEC section, e.g. "5.1".
    public let section: String
    /// Common prefix of the entries' names (empty when none), e.g. "EXIT_REASON_".
    public let prefix: String
    /// The constants of the group, in SPEC order.
    public let entries: [SpecConstant]

    /// A group titled `title` for SPEC `section` whose entries share `prefix` (empty for none).
    public init(title: String, section: String, prefix: String, entries: [SpecConstant]) {
        self.title = title; self.section = section; self.prefix = prefix; self.entries = entries
    }

    /// The entry's name without `prefix` (`VMREAD` for `EXIT_REASON_VMREAD`).
    public func shortName(_ entry: SpecConstant) -> String {
        entry.name.hasPrefix(prefix) ? String(entry.name.dropFirst(prefix.count)) : entry.name
    }

    /// The entry called `name` (with or without the prefix).
    public func entry(_ name: String) -> SpecConstant? {
        entries.first { $0.name == name || $0.name == prefix + name }
    }
}

/// Every group of named SPEC numbers, in SPEC order.
public enum SpecConstants {
    /// Every group, in SPEC section order; names are unique across all of them.
    public static let groups: [SpecConstantGroup] = [
        SpecParameters.group,
        EntityEncoding.group,
        Op.group,
        ExitReason.group,
        InterruptionType.group,
        ExceptionVector.group,
        IOQualification.group,
        RouteLayout.group,
        IOCtrlLayout.group,
        OwnerControls.group,
        InterruptionInfo.group,
        VMCSField.group,
        ReturnToLayout.group,
        VMError.group,
        IOBitmap.group,
        ResponseKind.group,
        Policy.group,
        RejectCode.group,
    ]

    /// Every entry of every group, in order.
    public static var all: [SpecConstant] { groups.flatMap(\.entries) }
}
