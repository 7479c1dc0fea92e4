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
