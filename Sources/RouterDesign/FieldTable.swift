import RouterSpec

/// The VMCS control-field registers of SPEC section 6 as one declarative table.
///
/// Everything about a field lives here: its name, VT-x encoding, width,
/// access, scope, how many instances exist, its VMWRITE value check and its
/// reset value. The RTL's VMREAD/VMWRITE decode and checks
/// (`FieldDecode`), `docs/fields.md` and `rtl/trapline_fields.h`
/// (`FieldDocuments`) are all derived from `FieldTable.fields`.
public enum FieldAccess: String, Sendable {
    /// `RW`: VMWRITE may change the field; `RO`: a VMWRITE fails with VMfailValid 13.
    case readWrite = "RW", readOnly = "RO"
}

/// Where a field exists: in every VMM's VMCS, or only in VMCS 0 (SPEC 6.2).
public enum FieldScope: String, Sendable {
    /// In every VMM's VMCS (SPEC 6.1) or in VMCS 0 only (SPEC 6.2).
    case perVMM = "every VMCS", global = "VMCS 0 only"
}

/// How many instances a field has; arrays take encodings `base + 2*i`.
public enum FieldCount: Hashable, Sendable {
    /// One instance.
    case single
    /// One per exit reason t = 0..63.
    case perReason
    /// One per I/O range register r < R.
    case perIORange
    /// One per guest g < G.
    case perGuest

    /// The instances that exist for `p`.
    public func count(_ p: RouterParameters) -> Int {
        switch self {
        case .single: return 1
        case .perReason: return 64
        case .perIORange: return p.ioRanges
        case .perGuest: return p.guests
        }
    }
    /// The largest count any legal parameters give (the decode reserves this
    /// many encodings, a power of two, so an index is a bit slice).
    public var capacity: Int {
        switch self {
        case .single: return 1
        case .perReason: return 64
        case .perIORange: return 16
        case .perGuest: return 64
        }
    }
    /// Index variable name for documents ("t", "r", "g").
    public var indexName: String {
        switch self {
        case .single: return ""
        case .perReason: return "t"
        case .perIORange: return "r"
        case .perGuest: return "g"
        }
    }
}

/// The VMWRITE value check of a field (SPEC 6.1/6.2), applied to the operand
/// after it has been cut to the field's width. A failing check is error 7.
public struct FieldCheck: Hashable, Sendable {
    /// Bits that may be 1 (others must be 0); nil: any value.
    public var allowed: UInt64?
    /// Bit position of a 4-bit VMM id that must be < V; nil: none.
    public var vmmAt: Int?
    /// True when bits >= V must be 0 (a VMM bit mask).
    public var vmmMask: Bool
    /// The check in words, for `docs/fields.md`.
    public var summary: String

    /// A check allowing the bits of `allowed` (nil: any), with a VMM id at bit `vmmAt` that must be < V, and, when `vmmMask`, bits >= V zero.
    public init(allowed: UInt64? = nil, vmmAt: Int? = nil, vmmMask: Bool = false, _ summary: String = "-") {
        self.allowed = allowed; self.vmmAt = vmmAt; self.vmmMask = vmmMask; self.summary = summary
    }
    /// No check: every value of the field's width is accepted.
    public static let none = FieldCheck()
    /// True when the check accepts every value.
    public var isNone: Bool { allowed == nil && vmmAt == nil && !vmmMask }

    /// The bits that must be 0 for `p` (within `width`), combining `allowed` and `vmmMask`.
    public func reservedMask(width: Int, _ p: RouterParameters) -> UInt64 {
        let all: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        var reserved: UInt64 = 0
        if let allowed { reserved |= all & ~allowed }
        if vmmMask { reserved |= all & ~((1 << UInt64(p.vmms)) - 1) }
        return reserved
    }
}

/// One row of the field table.
public struct FieldSpec: Sendable {
    /// Upper-case name as in SPEC 6 (`PIN`, `ROUTE`).
    public var name: String
    /// Encoding of the field (of instance 0 for arrays).
    public var encoding: UInt32
    /// 16, 32 or 64 bits.
    public var width: Int
    /// Read-write or read-only.
    public var access: FieldAccess
    /// Every VMCS or VMCS 0 only.
    public var scope: FieldScope
    /// Single or an array, and over what index.
    public var count: FieldCount
    /// The VMWRITE value check (error 7 when it fails).
    public var check: FieldCheck
    /// True when ROUTE_LOCK = 1 makes a VMWRITE fail with error 64.
    public var lockable: Bool
    /// Reset value: 0 for every field (SPEC 6.1) except CURRENT, which reads `current` = VMM 0 (0x80).
    public var reset: UInt64
    /// One line for the documentation.
    public var summary: String

    /// A row of the table; by default single, unchecked, not lockable, reset 0.
    public init(_ name: String, _ encoding: UInt32, width: Int, _ access: FieldAccess, _ scope: FieldScope,
                count: FieldCount = .single, check: FieldCheck = .none, lockable: Bool = false,
                reset: UInt64 = 0, _ summary: String) {
        self.name = name; self.encoding = encoding; self.width = width; self.access = access
        self.scope = scope; self.count = count; self.check = check; self.lockable = lockable
        self.reset = reset; self.summary = summary
    }

    /// Encoding of instance `i`.
    public func encoding(_ i: Int) -> UInt32 { encoding + 2 * UInt32(i) }
}

/// The field table of SPEC 6 (see `FieldAccess` for what is derived from it): `fields`, and lookups by name and encoding.
public enum FieldTable {
    /// Every field of SPEC 6.1 and 6.2, in documentation order: names, encodings, widths,
    /// access, scope, instances, lock and reset from `RouterSpec.VMCSField.descriptors`;
    /// the executable value checks (what the RTL compares) from `checks`.
    public static let fields: [FieldSpec] = VMCSField.descriptors.map { d in
        FieldSpec(d.name, d.encoding, width: d.width, d.access == .readWrite ? .readWrite : .readOnly,
                  d.scope == .perVMM ? .perVMM : .global, count: FieldCount(d.instances),
                  check: checks[d.name] ?? .none, lockable: d.lockable, reset: d.reset, d.summary)
    }

    /// The VMWRITE value checks of SPEC 6.1/6.2 (error 7), by field name.
    static let checks: [String: FieldCheck] = [
        "VMM_LOAD": FieldCheck(allowed: 0xFFFF, "bits 31:16 must be 0"),
        // Policy <= 3: bit 2 of the policy field must be 0.
        "ROUTE": FieldCheck(allowed: UInt64(RouteLayout.allowedBits) & ~0x4, vmmAt: RouteLayout.vmmShift,
                            "bits 2:0 policy <= 3, bits 7:4 VMM < V, other bits 0"),
        "ELIGIBLE": FieldCheck(vmmMask: true, "bits >= V must be 0"),
        "IO_CTRL": FieldCheck(allowed: UInt64(IOCtrlLayout.allowedBits), vmmAt: IOCtrlLayout.vmmShift,
                              "bit 0 enable, bits 7:4 VMM < V, other bits 0"),
        "ROUTE_LOCK": FieldCheck(allowed: 0x1, "bit 0 only; once 1 it stays 1 until reset"),
    ]

    /// The row named `name` (a programming error when absent).
    public static func field(_ name: String) -> FieldSpec {
        guard let f = fields.first(where: { $0.name == name }) else { preconditionFailure("no field \(name) in FieldTable") }
        return f
    }
}

extension FieldCount {
    init(_ instances: FieldDescriptor.Instances) {
        switch instances {
        case .single: self = .single
        case .perReason: self = .perReason
        case .perIORange: self = .perIORange
        case .perGuest: self = .perGuest
        }
    }
}
