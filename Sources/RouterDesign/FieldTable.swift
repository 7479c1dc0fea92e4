/// The VMCS control-field registers of SPEC section 6 as one declarative table.
///
/// Everything about a field lives here: its name, VT-x encoding, width,
/// access, scope, how many instances exist, its VMWRITE value check and its
/// reset value. The RTL's VMREAD/VMWRITE decode and checks
/// (`FieldDecode`), `docs/fields.md` and `rtl/trapline_fields.h`
/// (`FieldDocuments`) are all derived from `FieldTable.fields`.
public enum FieldAccess: String, Sendable {
    case readWrite = "RW", readOnly = "RO"
}

/// Where a field exists: in every VMM's VMCS, or only in VMCS 0 (SPEC 6.2).
public enum FieldScope: String, Sendable {
    case perVMM = "every VMCS", global = "VMCS 0 only"
}

/// How many instances a field has; arrays take encodings `base + 2*i`.
public enum FieldCount: Hashable, Sendable {
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

    public init(allowed: UInt64? = nil, vmmAt: Int? = nil, vmmMask: Bool = false, _ summary: String = "-") {
        self.allowed = allowed; self.vmmAt = vmmAt; self.vmmMask = vmmMask; self.summary = summary
    }
    public static let none = FieldCheck()
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
    public var access: FieldAccess
    public var scope: FieldScope
    public var count: FieldCount
    public var check: FieldCheck
    /// True when ROUTE_LOCK = 1 makes a VMWRITE fail with error 64.
    public var lockable: Bool
    /// Reset value: 0 for every field (SPEC 6.1) except CURRENT, which reads `current` = VMM 0 (0x80).
    public var reset: UInt64
    /// One line for the documentation.
    public var summary: String

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

public enum FieldTable {
    /// Every field of SPEC 6.1 and 6.2, in documentation order.
    public static let fields: [FieldSpec] = [
        // 6.1: in every VMM's VMCS.
        FieldSpec("PIN", 0x4000, width: 32, .readWrite, .perVMM, "pin-based VM-execution controls (bit 0 external-interrupt exiting, bit 3 NMI exiting)"),
        FieldSpec("PROC", 0x4002, width: 32, .readWrite, .perVMM, "primary processor-based VM-execution controls (bits 7, 9-12, 23-25, 29, 30 route)"),
        FieldSpec("EXC_BITMAP", 0x4004, width: 32, .readWrite, .perVMM, "exception bitmap: bit v wants exception vector v"),
        FieldSpec("PFEC_MASK", 0x4006, width: 32, .readWrite, .perVMM, "page-fault error-code mask"),
        FieldSpec("PFEC_MATCH", 0x4008, width: 32, .readWrite, .perVMM, "page-fault error-code match"),
        FieldSpec("HOST_RIP", 0x6C16, width: 64, .readWrite, .perVMM, "entry point: returned in every ROUTED response to this VMM"),
        FieldSpec("VMM_LOAD", 0x43E2, width: 32, .readWrite, .perVMM, check: FieldCheck(allowed: 0xFFFF, "bits 31:16 must be 0"),
                  "load[v], the 16-bit saturating load counter"),
        FieldSpec("VM_INSTR_ERROR", 0x4400, width: 32, .readOnly, .perVMM, "number of the last VMfailValid of a command executed by this VMM"),
        FieldSpec("EXIT_REASON", 0x4402, width: 32, .readOnly, .perVMM, "basic exit reason of the last event routed here"),
        FieldSpec("INTR_INFO", 0x4404, width: 32, .readOnly, .perVMM, "interruption information of the last event routed here"),
        FieldSpec("INTR_ERR", 0x4406, width: 32, .readOnly, .perVMM, "interruption error code of the last event routed here"),
        FieldSpec("EXIT_QUAL", 0x6400, width: 64, .readOnly, .perVMM, "exit qualification of the last event routed here"),
        FieldSpec("RETURN_TO", 0x4602, width: 32, .readOnly, .perVMM, "bit 8 valid, bits 7:0 the entity RESUME returns to"),
        FieldSpec("HANDLED", 0x4604, width: 32, .readOnly, .perVMM, "handled[v], wrapping count of events routed here"),
        // 6.2: global routing fields, VMCS 0 only.
        FieldSpec("ROUTE", 0x4200, width: 32, .readWrite, .global, count: .perReason,
                  check: FieldCheck(allowed: 0xF3, vmmAt: 4, "bits 2:0 policy <= 3, bits 7:4 VMM < V, other bits 0"), lockable: true,
                  "routing of exit reason t: bits 2:0 policy (0 OWNER, 1 FIELD, 2 IO_RANGE, 3 LOAD), bits 7:4 VMM"),
        FieldSpec("ELIGIBLE", 0x4280, width: 32, .readWrite, .global, count: .perReason,
                  check: FieldCheck(vmmMask: true, "bits >= V must be 0"), lockable: true,
                  "VMMs the LOAD policy may choose for exit reason t (bit v = VMM v)"),
        FieldSpec("IO_BASE", 0x0300, width: 16, .readWrite, .global, count: .perIORange, lockable: true,
                  "first port of I/O range r"),
        FieldSpec("IO_LIMIT", 0x0320, width: 16, .readWrite, .global, count: .perIORange, lockable: true,
                  "last port of I/O range r"),
        FieldSpec("IO_CTRL", 0x4300, width: 32, .readWrite, .global, count: .perIORange,
                  check: FieldCheck(allowed: 0xF1, vmmAt: 4, "bit 0 enable, bits 7:4 VMM < V, other bits 0"), lockable: true,
                  "I/O range r: bit 0 enable, bits 7:4 VMM"),
        FieldSpec("ROUTE_LOCK", 0x43E0, width: 32, .readWrite, .global, check: FieldCheck(allowed: 0x1, "bit 0 only; once 1 it stays 1 until reset"), lockable: true,
                  "bit 0: once 1, the routing fields are read-only until reset"),
        FieldSpec("CURRENT", 0x4600, width: 32, .readOnly, .global, reset: 0x80, "the running entity (bit 7 VMM, bits 5:0 id); reset: VMM 0"),
        FieldSpec("OWNER", 0x4680, width: 32, .readOnly, .global, count: .perGuest, "id of the VMM that last launched guest g"),
    ]

    /// The row named `name` (a programming error when absent).
    public static func field(_ name: String) -> FieldSpec {
        guard let f = fields.first(where: { $0.name == name }) else { preconditionFailure("no field \(name) in FieldTable") }
        return f
    }
}
