import RouterModel
import RouterSpec

/// The cross of issue 15: policy x deliverability x running entity kind x
/// reason class, for every routed (or undeliverable) event. Only the cells the
/// SPEC allows are bins (`reachable`); the others never exist.
///
/// Why the unreachable cells are impossible (SPEC 5.2, 5.4, 6.4):
/// - while a guest runs no VMM is busy (a LAUNCH or a RESUME to a guest ends
///   every handler), so a guest's event always *exits*;
/// - OWNER while a VMM runs targets that VMM: always *self*;
/// - the running VMM is idle (not busy) only when it is VMM 0 with nothing
///   nested: then no target is busy, so no fallback and no rejection;
/// - VMM 0 running never gets "fallback exit" nor "undeliverable" (it takes
///   the event itself); another VMM never gets "fallback self";
/// - "fallback exit" needs a busy target that is neither the running VMM nor
///   VMM 0: at least 3 VMMs; STATIC adds that the target is `platformVMM`.
enum CoverageCross {
    /// Deliverability of an event (5.4): the response's outcome.
    static let deliverabilityNames = ["exit", "self", "fallback self (VMM 0 keeps it)", "fallback exit to VMM 0", "undeliverable"]
    static let exit = 0, selfDelivery = 1, fallbackSelf = 2, fallbackExit = 3, undeliverable = 4

    /// Running entity kind: a guest, VMM 0 with no handler open, VMM 0 in a handler, another VMM (always in a handler).
    static let kindNames = ["guest", "idle VMM 0", "VMM 0 in a handler", "other VMM in a handler"]
    static let guest = 0, idleMain = 1, busyMain = 2, otherVMM = 3

    /// Reason classes, by index.
    static let classNames = ["exception/NMI", "interrupt", "I/O", "controlled instruction", "VMX instruction", "other always-wanted"]

    /// Class index of a supported reason (SPEC 5.3 rows grouped).
    static func reasonClass(_ t: UInt16) -> Int {
        switch t {
        case ExitReason.exceptionNMI: return 0
        case ExitReason.externalInterrupt: return 1
        case ExitReason.ioInstruction: return 2
        case ExitReason.hlt, ExitReason.invlpg, ExitReason.rdpmc, ExitReason.rdtsc, ExitReason.movDR,
             ExitReason.mwait, ExitReason.monitor, ExitReason.pause: return 3
        case 18...27: return 4     // VMCALL .. VMXON, the four guest VMX exits among them
        default: return 5
        }
    }

    /// Flat slot of a cell: `((policy * 5 + deliverability) * 4 + kind) * 6 + class`.
    @inline(__always)
    static func slot(policy: Int, deliverability: Int, kind: Int, reasonClass: Int) -> Int {
        ((policy * 5 + deliverability) * 4 + kind) * 6 + reasonClass
    }
    static let slotCount = 5 * 5 * 4 * 6

    /// Whether the SPEC allows the cell under `config` (see the type's comment).
    static func reachable(policy p: UInt8, deliverability d: Int, kind k: Int, reasonClass cls: Int, config: RouterConfig) -> Bool {
        let reasons = RouterConfig.supportedReasons.filter { reasonClass($0) == cls }
        let isStatic = p == Policy.staticMap
        guard reasons.contains(where: { config.staticMap.contains($0) == isStatic }) else { return false }
        let platform = config.platformVMM, v = config.vmms
        switch k {
        case guest: return d == exit
        case idleMain:
            if p == Policy.owner { return d == selfDelivery }
            if isStatic { return d == (platform == 0 ? selfDelivery : exit) }
            return d == exit || d == selfDelivery
        case busyMain:
            if p == Policy.owner { return d == selfDelivery }
            if isStatic { return platform == 0 ? d == selfDelivery : (d == exit || d == fallbackSelf) }
            return d == exit || d == selfDelivery || d == fallbackSelf
        default:
            if p == Policy.owner { return d == selfDelivery }
            if d == fallbackSelf { return false }
            if isStatic {
                if platform == 0 { return d == exit || d == undeliverable }
                return d == selfDelivery || v >= 3
            }
            return d != fallbackExit || v >= 3
        }
    }
}
