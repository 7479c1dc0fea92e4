/// The VMCS field encodings of SPEC 6.1 and 6.2 (`cmd_field`, 32 bits).
///
/// Arrays take encodings `base + 2*i` (`route(t)`, `eligible(t)`, `ioBase(r)`,
/// `ioLimit(r)`, `ioCtrl(r)`, `owner(g)`); `descriptors` has the tables of SPEC 6
/// as data (width, access, scope, instances, lockable, reset, value check text).
public enum VMCSField {
    // 6.1: fields in every VMM's VMCS.
    /// PIN, the pin-based VM-execution controls (32 bits, RW).
    @inlinable public static var pin: UInt32 { 0x4000 }
    /// PROC, the primary processor-based VM-execution controls (32 bits, RW).
    @inlinable public static var proc: UInt32 { 0x4002 }
    /// EXC_BITMAP: bit v set when the owner wants exception vector v (32 bits, RW, SPEC 5.3).
    @inlinable public static var excBitmap: UInt32 { 0x4004 }
    /// PFEC_MASK: page-fault error-code mask of the #PF test (32 bits, RW, SPEC 5.3).
    @inlinable public static var pfecMask: UInt32 { 0x4006 }
    /// PFEC_MATCH: page-fault error-code match of the #PF test (32 bits, RW, SPEC 5.3).
    @inlinable public static var pfecMatch: UInt32 { 0x4008 }
    /// HOST_RIP, the VMM's entry point (64 bits, RW).
    @inlinable public static var hostRIP: UInt32 { 0x6C16 }
    /// VMM_LOAD, `load[v]` for the LOAD policy (32 bits, RW; bits 31:16 must be 0).
    @inlinable public static var vmmLoad: UInt32 { 0x43E2 }
    /// VM_INSTR_ERROR: the last VMfailValid number (32 bits, RO).
    @inlinable public static var vmInstrError: UInt32 { 0x4400 }
    /// EXIT_REASON of the last event routed to the VMM (32 bits, RO).
    @inlinable public static var exitReason: UInt32 { 0x4402 }
    /// INTR_INFO of the last routed reason 0 or 1 (32 bits, RO, SPEC 5.5).
    @inlinable public static var intrInfo: UInt32 { 0x4404 }
    /// INTR_ERR, the error code of the last routed exception (32 bits, RO).
    @inlinable public static var intrErr: UInt32 { 0x4406 }
    /// EXIT_QUAL, the exit qualification of the last routed event (64 bits, RO).
    @inlinable public static var exitQual: UInt32 { 0x6400 }
    /// RETURN_TO: bit 8 valid, bits 7:0 the entity RESUME returns to (32 bits, RO).
    @inlinable public static var returnTo: UInt32 { 0x4602 }
    /// HANDLED, the count of events routed to the VMM (32 bits, RO).
    @inlinable public static var handled: UInt32 { 0x4604 }

    // 6.2: global routing fields, VMCS 0 only (array bases: instance i is base + 2i).
    /// ROUTE[0]; ROUTE[t] is `route(t)` (32 bits, RW, lockable).
    @inlinable public static var routeBase: UInt32 { 0x4200 }
    /// ELIGIBLE[0]; ELIGIBLE[t] is `eligible(t)` (32 bits, RW, lockable; bits >= V are 0).
    @inlinable public static var eligibleBase: UInt32 { 0x4280 }
    /// IO_BASE[0]; IO_BASE[r] is `ioBase(r)` (16 bits, RW, lockable).
    @inlinable public static var ioBaseBase: UInt32 { 0x0300 }
    /// IO_LIMIT[0]; IO_LIMIT[r] is `ioLimit(r)` (16 bits, RW, lockable).
    @inlinable public static var ioLimitBase: UInt32 { 0x0320 }
    /// IO_CTRL[0]; IO_CTRL[r] is `ioCtrl(r)` (32 bits, RW, lockable).
    @inlinable public static var ioCtrlBase: UInt32 { 0x4300 }
    /// ROUTE_LOCK: bit 0 only; once 1 it stays 1 until reset (32 bits, RW).
    @inlinable public static var routeLock: UInt32 { 0x43E0 }
    /// CURRENT, the `current` entity (32 bits, RO).
    @inlinable public static var current: UInt32 { 0x4600 }
    /// OWNER[0]; OWNER[g] is `owner(g)`, the VMM that launched guest g (32 bits, RO).
    @inlinable public static var ownerBase: UInt32 { 0x4680 }

    /// Distance between the encodings of two instances of an array field.
    @inlinable public static var arrayStride: UInt32 { 2 }
    /// Encoding of ROUTE[t], t = 0..63.
    @inlinable public static func route(_ t: Int) -> UInt32 { routeBase + arrayStride * UInt32(t) }
    /// Encoding of ELIGIBLE[t], t = 0..63.
    @inlinable public static func eligible(_ t: Int) -> UInt32 { eligibleBase + arrayStride * UInt32(t) }
    /// Encoding of IO_BASE[r], r < R.
    @inlinable public static func ioBase(_ r: Int) -> UInt32 { ioBaseBase + arrayStride * UInt32(r) }
    /// Encoding of IO_LIMIT[r], r < R.
    @inlinable public static func ioLimit(_ r: Int) -> UInt32 { ioLimitBase + arrayStride * UInt32(r) }
    /// Encoding of IO_CTRL[r], r < R.
    @inlinable public static func ioCtrl(_ r: Int) -> UInt32 { ioCtrlBase + arrayStride * UInt32(r) }
    /// Encoding of OWNER[g], g < G.
    @inlinable public static func owner(_ g: Int) -> UInt32 { ownerBase + arrayStride * UInt32(g) }

    /// Every per-VMM field of 6.1, in table order.
    public static let perVMM: [UInt32] = [pin, proc, excBitmap, pfecMask, pfecMatch, hostRIP, vmmLoad,
                                          vmInstrError, exitReason, intrInfo, intrErr, exitQual, returnTo, handled]

    // Encoding layout (SPEC 6): bit 0 access type, bits 9:1 index, bits 11:10 type, bits 14:13 width.
    /// Shift of an encoding's width code (bits 14:13).
    @inlinable public static var widthShift: UInt32 { 13 }
    /// Width code (bits 14:13): 0 16-bit, 2 32-bit, 3 natural (64-bit).
    @inlinable public static func width(ofEncoding e: UInt32) -> Int {
        switch (e >> widthShift) & 3 {
        case 0: return 16
        case 3: return 64
        default: return 32
        }
    }
    /// Width of `cmd_field` in bits.
    @inlinable public static var encodingWidth: Int { 32 }

    /// The fields of SPEC 6.1 and 6.2 in table order.
    public static let descriptors: [FieldDescriptor] = [
        // 6.1: in every VMM's VMCS.
        FieldDescriptor("PIN", pin, width: 32, .readWrite, .perVMM, "pin-based VM-execution controls (bit 0 external-interrupt exiting, bit 3 NMI exiting)"),
        FieldDescriptor("PROC", proc, width: 32, .readWrite, .perVMM, "primary processor-based VM-execution controls (bits 7, 9-12, 23-25, 29, 30 route)"),
        FieldDescriptor("EXC_BITMAP", excBitmap, width: 32, .readWrite, .perVMM, "exception bitmap: bit v wants exception vector v"),
        FieldDescriptor("PFEC_MASK", pfecMask, width: 32, .readWrite, .perVMM, "page-fault error-code mask"),
        FieldDescriptor("PFEC_MATCH", pfecMatch, width: 32, .readWrite, .perVMM, "page-fault error-code match"),
        FieldDescriptor("HOST_RIP", hostRIP, width: 64, .readWrite, .perVMM, "entry point: returned in every ROUTED response to this VMM"),
        FieldDescriptor("VMM_LOAD", vmmLoad, width: 32, .readWrite, .perVMM, check: "bits 31:16 must be 0",
                        "load[v], the 16-bit saturating load counter"),
        FieldDescriptor("VM_INSTR_ERROR", vmInstrError, width: 32, .readOnly, .perVMM, "number of the last VMfailValid of a command executed by this VMM"),
        FieldDescriptor("EXIT_REASON", exitReason, width: 32, .readOnly, .perVMM, "basic exit reason of the last event routed here"),
        FieldDescriptor("INTR_INFO", intrInfo, width: 32, .readOnly, .perVMM, "interruption information of the last event routed here"),
        FieldDescriptor("INTR_ERR", intrErr, width: 32, .readOnly, .perVMM, "interruption error code of the last event routed here"),
        FieldDescriptor("EXIT_QUAL", exitQual, width: 64, .readOnly, .perVMM, "exit qualification of the last event routed here"),
        FieldDescriptor("RETURN_TO", returnTo, width: 32, .readOnly, .perVMM, "bit 8 valid, bits 7:0 the entity RESUME returns to"),
        FieldDescriptor("HANDLED", handled, width: 32, .readOnly, .perVMM, "handled[v], wrapping count of events routed here"),
        // 6.2: global routing fields, VMCS 0 only.
        FieldDescriptor("ROUTE", routeBase, width: 32, .readWrite, .global, instances: .perReason,
                        check: "bits 2:0 policy <= 3, bits 7:4 VMM < V, other bits 0", lockable: true,
                        "routing of exit reason t: bits 2:0 policy (0 OWNER, 1 FIELD, 2 IO_RANGE, 3 LOAD), bits 7:4 VMM"),
        FieldDescriptor("ELIGIBLE", eligibleBase, width: 32, .readWrite, .global, instances: .perReason,
                        check: "bits >= V must be 0", lockable: true,
                        "VMMs the LOAD policy may choose for exit reason t (bit v = VMM v)"),
        FieldDescriptor("IO_BASE", ioBaseBase, width: 16, .readWrite, .global, instances: .perIORange, lockable: true,
                        "first port of I/O range r"),
        FieldDescriptor("IO_LIMIT", ioLimitBase, width: 16, .readWrite, .global, instances: .perIORange, lockable: true,
                        "last port of I/O range r"),
        FieldDescriptor("IO_CTRL", ioCtrlBase, width: 32, .readWrite, .global, instances: .perIORange,
                        check: "bit 0 enable, bits 7:4 VMM < V, other bits 0", lockable: true,
                        "I/O range r: bit 0 enable, bits 7:4 VMM"),
        FieldDescriptor("ROUTE_LOCK", routeLock, width: 32, .readWrite, .global, check: "bit 0 only; once 1 it stays 1 until reset", lockable: true,
                        "bit 0: once 1, the routing fields are read-only until reset"),
        FieldDescriptor("CURRENT", current, width: 32, .readOnly, .global, reset: UInt64(EntityEncoding.resetCurrent),
                        "the running entity (bit 7 VMM, bits 5:0 id); reset: VMM 0"),
        FieldDescriptor("OWNER", ownerBase, width: 32, .readOnly, .global, instances: .perGuest, "id of the VMM that last launched guest g"),
    ]

    /// The descriptor whose SPEC name is `name` (`"ROUTE"`), nil when none.
    public static func descriptor(_ name: String) -> FieldDescriptor? { descriptors.first { $0.name == name } }

    /// `FIELD_<NAME>` for single fields, `FIELD_<NAME>_BASE` for arrays (32 bits).
    public static let entries: [SpecConstant] = descriptors.map {
        SpecConstant($0.instances == .single ? "FIELD_\($0.name)" : "FIELD_\($0.name)_BASE", $0.encoding, width: encodingWidth,
                     "\($0.width)-bit \($0.access.rawValue), \($0.scope.rawValue)")
    }
    /// The `FIELD_*` group of `SpecConstants.groups` (SPEC 6.1, 6.2).
    public static let group = SpecConstantGroup(title: "VMCS field encodings", section: "6.1, 6.2", prefix: "FIELD_", entries: entries)
}

/// One row of the field tables of SPEC 6.1/6.2, as data.
public struct FieldDescriptor: Hashable, Sendable {
    /// Whether a VMWRITE may change the field: `RW`, or `RO` (VMfailValid 13).
    public enum Access: String, Sendable {
        /// `RW`: VMREAD and VMWRITE.
        case readWrite = "RW"
        /// `RO`: VMREAD only; a VMWRITE fails with VMfailValid 13.
        case readOnly = "RO"
    }
    /// Where a field exists: in every VMM's VMCS, or only in VMCS 0 (SPEC 6.2).
    public enum Scope: String, Sendable {
        /// In every VMM's VMCS (SPEC 6.1).
        case perVMM = "every VMCS"
        /// In VMCS 0 only (SPEC 6.2); through another VMCS it is VMfailValid 12.
        case global = "VMCS 0 only"
    }
    /// How many instances a field has; arrays take encodings `base + 2*i`.
    public enum Instances: Hashable, Sendable {
        /// One instance.
        case single
        /// One per exit reason t = 0..63.
        case perReason
        /// One per I/O range register r < R.
        case perIORange
        /// One per guest g < G.
        case perGuest

        /// The instances that exist for R = `ioRanges` and G = `guests`.
        public func count(ioRanges: Int, guests: Int) -> Int {
            switch self {
            case .single: return 1
            case .perReason: return ExitReason.routableCount
            case .perIORange: return ioRanges
            case .perGuest: return guests
            }
        }
        /// The most instances any legal parameters give (SPEC 2 upper bounds).
        public var capacity: Int { count(ioRanges: SpecParameters.ioRanges.upperBound, guests: SpecParameters.guests.upperBound) }
        /// The index's name in SPEC 6.2 ("t", "r", "g"; "" for single fields).
        public var indexName: String {
            switch self {
            case .single: return ""
            case .perReason: return "t"
            case .perIORange: return "r"
            case .perGuest: return "g"
            }
        }
    }

    /// Upper-case name as SPEC 6 writes it (`PIN`, `ROUTE`).
    public let name: String
    /// Encoding (of instance 0 for arrays).
    public let encoding: UInt32
    /// 16, 32 or 64 bits.
    public let width: Int
    /// Read-write or read-only.
    public let access: Access
    /// Every VMCS or VMCS 0 only.
    public let scope: Scope
    /// Single or an array, and over what index.
    public let instances: Instances
    /// The VMWRITE value check of SPEC 6.1/6.2 in words ("-" when none; failing is VMfailValid 7).
    public let check: String
    /// True when ROUTE_LOCK = 1 makes a VMWRITE fail with error 64.
    public let lockable: Bool
    /// Reset value: 0 (SPEC 6.1), except CURRENT, which reads `current` = VMM 0.
    public let reset: UInt64
    /// One line for documents.
    public let summary: String

    /// A row of the tables; `check` defaults to "-", `instances` to one, `reset` to 0.
    public init(_ name: String, _ encoding: UInt32, width: Int, _ access: Access, _ scope: Scope,
                instances: Instances = .single, check: String = "-", lockable: Bool = false,
                reset: UInt64 = 0, _ summary: String) {
        self.name = name; self.encoding = encoding; self.width = width; self.access = access
        self.scope = scope; self.instances = instances; self.check = check; self.lockable = lockable
        self.reset = reset; self.summary = summary
    }

    /// Encoding of instance `i`.
    public func encoding(_ i: Int) -> UInt32 { encoding + VMCSField.arrayStride * UInt32(i) }
}
