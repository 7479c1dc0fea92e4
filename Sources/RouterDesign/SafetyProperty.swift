/// The six safety properties of the router (SPEC sections 3-9) that `SafetyChecker`
/// asserts at the `trapline_router` ports; the fourth, ROUTE_LOCK, in two parts (the lock
/// rule, and the read-back of the locked fields), because they are proved separately
/// (the read-back needs an invariant over every routing field and is much harder).
/// Each assertion's message starts with the property's `tag` and a colon, so a proof
/// driver can tell which property an assertion (and a failure) belongs to.
public enum SafetyProperty: Int, CaseIterable, Sendable, Hashable {
    /// 1: a ROUTED target is an existing VMM, a VMSUCCEED's current an existing entity.
    case targetExists = 1
    /// 2: one response per accepted command, in order, stable while stalled, latency <= 2 cycles.
    case handshake
    /// 3: the kind is one of the five and the fields it does not list are 0 (SPEC 8).
    case unlistedFieldsZero
    /// 4a: under ROUTE_LOCK, VMWRITEs of routing fields fail with VMfailValid 64 (SPEC 6.2).
    case routeLock
    /// 4b: a VMREAD of a routing field returns the last value written to it.
    case routeLockReadBack
    /// 5: a VMM other than 0 naming another VMM's VMCS gets VMfailValid 65 (SPEC 6.3).
    case vmmIsolation
    /// 6: a guest's VMREAD/VMWRITE/LAUNCH/RESUME/BITMAP_WRITE never gets VMSUCCEED (SPEC 4).
    case guestNoVMSucceed

    /// The property's number in docs/prove.md: 1, 2, 3, 4a, 4b, 5, 6.
    public var label: String {
        switch self {
        case .routeLock: return "4a"
        case .routeLockReadBack: return "4b"
        case .vmmIsolation: return "5"
        case .guestNoVMSucceed: return "6"
        default: return "\(rawValue)"
        }
    }

    /// Short name, used in assertion messages and on the command line.
    public var tag: String {
        switch self {
        case .targetExists: return "target_exists"
        case .handshake: return "handshake"
        case .unlistedFieldsZero: return "unlisted_fields_zero"
        case .routeLock: return "route_lock"
        case .routeLockReadBack: return "route_lock_readback"
        case .vmmIsolation: return "vmm_isolation"
        case .guestNoVMSucceed: return "guest_no_vmsucceed"
        }
    }

    /// One line: what the property says.
    public var summary: String {
        switch self {
        case .targetExists:
            return "a ROUTED target is an existing VMM; a VMSUCCEED's current is an existing VMM or guest"
        case .handshake:
            return "one response per accepted command, in order (its kind fits the command, from/current match), held stable while rsp_ready is low, latency <= 2, one command per cycle at full rate"
        case .unlistedFieldsZero:
            return "the kind is one of the five and the fields it does not list are 0"
        case .routeLock:
            return "after ROUTE_LOCK = 1, VMM 0's VMWRITEs of ROUTE/ELIGIBLE/IO_*/ROUTE_LOCK through VMCS 0 fail with VMfailValid 64"
        case .routeLockReadBack:
            return "a VMREAD of a routing field returns the last value written to it (under the lock: the value from before the lock)"
        case .vmmIsolation:
            return "a VMM other than VMM 0 naming another existing VMM's VMCS gets VMfailValid 65"
        case .guestNoVMSucceed:
            return "a guest's VMREAD/VMWRITE/LAUNCH/RESUME/BITMAP_WRITE never gets VMSUCCEED: it is routed as exit 23/25/20/24/25 or rejected"
        }
    }

    /// The property a message of `SafetyChecker` belongs to ("handshake: ..." -> .handshake).
    public init?(message: String) {
        guard let colon = message.firstIndex(of: ":"),
              let p = SafetyProperty.allCases.first(where: { $0.tag == message[..<colon] }) else { return nil }
        self = p
    }
}
