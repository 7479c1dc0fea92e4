import RouterModel

/// Shorthands shared by the RouterModel tests.
extension Router {
    /// Executes each command in order and returns the last response.
    @discardableResult
    mutating func run(_ commands: [Command]) -> Response {
        var last = Response(kind: 0)
        for c in commands { last = execute(c) }
        return last
    }

    /// VMWRITE by the current VMM that must succeed.
    mutating func write(_ vmcs: Int, _ field: UInt32, _ data: UInt64) {
        let r = execute(.vmwrite(vmcs: UInt8(vmcs), field: field, data: data))
        precondition(r.kind == ResponseKind.vmsucceed, "setup VMWRITE \(vmcs) 0x\(String(field, radix: 16)) failed: \(r)")
    }

    /// ROUTE[t] = policy | vmm << 4, written by VMM 0.
    mutating func setRoute(_ t: Int, policy: UInt8, vmm: Int = 0) {
        write(0, VMCSField.route(t), UInt64(policy) | UInt64(vmm) << 4)
    }
}

func ok(_ data: UInt64 = 0, _ current: Entity) -> Response { .vmsucceed(data: data, current: current) }

/// An I/O qualification: size 1, 2 or 4 bytes, port, IN/OUT.
func ioQual(port: Int, size: Int, input: Bool = false) -> UInt64 {
    UInt64(port) << 16 | (input ? 8 : 0) | UInt64(size - 1)
}

/// Reason used to step from a guest into VMM k (VMCALL, routed by FIELD).
let stepReason: UInt16 = 18

extension Router {
    /// From reset: VMM 0 runs `configure` (with VMM 0 current), then guest `g`
    /// is made to run, launched by VMM `k` (so `owner[g] = k`). Uses ROUTE[18]
    /// = FIELD k and guest G-1 as the stepping stone; afterwards nothing is busy,
    /// `load[k]` = `handled[k]` = 1 (k != 0).
    static func guestRunning(_ g: Int, ownedBy k: Int, config: RouterConfig = .default,
                             configure: (inout Router) -> Void = { _ in }) -> Router {
        var r = Router(config: config)
        configure(&r)
        if k != 0 {
            r.setRoute(Int(stepReason), policy: Policy.field, vmm: k)
            precondition(r.execute(.launch(guest: UInt8(config.guests - 1))).kind == ResponseKind.vmsucceed)
            precondition(r.execute(.event(reason: stepReason)).target == UInt8(k))
        }
        precondition(r.execute(.launch(guest: UInt8(g))) == .vmsucceed(current: .guest(g)))
        return r
    }
}
