/// SPEC sections 6.3 and 6.4: the VMX-style instructions a VMM executes.
extension Router {
    // MARK: 6.3 VMREAD / VMWRITE / BITMAP_WRITE

    /// Rules 1-3 of 6.3, shared by the three instructions: nil when they pass.
    @inline(__always)
    mutating func accessCheck(vmcs: Int) -> Response? {
        if vmcs >= vmmCount { return .vmfailInvalid }                                   // rule 1
        if vmcs != current.id && current.id != 0 { return fail(VMError.otherVMCS) }     // rule 2
        return nil
    }

    /// A VMfailValid: the number also goes to the requester's VM_INSTR_ERROR (6.3).
    @inline(__always)
    mutating func fail(_ error: UInt8) -> Response {
        vmcsReg[current.id * VMCSSlot.stride + VMCSSlot.vmInstrError.rawValue] = UInt64(error)
        return .vmfailValid(error)
    }

    @inline(__always)
    func decode(_ field: UInt32, vmcs: Int) -> FieldKind? {
        guard let kind = FieldKind.decode(field, ioRanges: rangeCount, guests: guestCount) else { return nil }
        return kind.isGlobal && vmcs != 0 ? nil : kind                                  // rule 3
    }

    mutating func vmread(vmcs: Int, field: UInt32) -> Response {
        if let failed = accessCheck(vmcs: vmcs) { return failed }
        guard let kind = decode(field, vmcs: vmcs) else { return fail(VMError.unsupportedField) }
        return .vmsucceed(data: read(kind, vmcs: vmcs), current: current.raw)
    }

    mutating func vmwrite(vmcs: Int, field: UInt32, data: UInt64) -> Response {
        if let failed = accessCheck(vmcs: vmcs) { return failed }
        guard let kind = decode(field, vmcs: vmcs) else { return fail(VMError.unsupportedField) }
        if kind.isReadOnly { return fail(VMError.readOnlyField) }                        // rule 4
        if routeLocked && kind.isLockable { return fail(VMError.routeLocked) }           // rule 5
        let width = FieldKind.width(of: field)
        let value = width == 64 ? data : data & (1 << UInt64(width) - 1)                 // cut to width
        let base = vmcs * VMCSSlot.stride
        switch kind {                                                                    // rule 6, then store
        case .slot(let s):
            vmcsReg[base + s.rawValue] = value
        case .vmmLoad:
            guard value <= 0xFFFF else { return fail(VMError.badValue) }
            loadReg[vmcs] = UInt16(value)
        case .route(let t):
            guard value & 7 <= 3, Int(value >> 4 & 0xF) < vmmCount, value & ~0xF7 == 0 else { return fail(VMError.badValue) }
            routeReg[t] = UInt32(value)
        case .eligible(let t):
            guard value >> UInt64(vmmCount) == 0 else { return fail(VMError.badValue) }
            eligibleReg[t] = UInt32(value)
        case .ioBase(let r):
            ioBaseReg[r] = UInt16(value)
        case .ioLimit(let r):
            ioLimitReg[r] = UInt16(value)
        case .ioCtrl(let r):
            guard Int(value >> 4 & 0xF) < vmmCount, value & ~0xF1 == 0 else { return fail(VMError.badValue) }
            ioCtrlReg[r] = UInt32(value)
        case .routeLock:
            guard value <= 1 else { return fail(VMError.badValue) }
            routeLocked = value == 1
        case .returnTo, .handled, .current, .owner:
            return fail(VMError.readOnlyField)   // unreachable: rule 4 caught it
        }
        return .vmsucceed(data: 0, current: current.raw)
    }

    mutating func bitmapWrite(vmcs: Int, word: UInt32, data: UInt32) -> Response {
        if let failed = accessCheck(vmcs: vmcs) { return failed }
        guard !ioBitmap.isEmpty, word < 2048 else { return fail(VMError.unsupportedField) }
        ioBitmap[vmcs * 2048 + Int(word)] = data
        return .vmsucceed(data: 0, current: current.raw)
    }

    /// The value of a decoded field in VMCS `vmcs`, zero-extended (6.1, 6.2).
    @inline(__always)
    func read(_ kind: FieldKind, vmcs: Int) -> UInt64 {
        switch kind {
        case .slot(let s): return vmcsReg[vmcs * VMCSSlot.stride + s.rawValue]
        case .vmmLoad: return UInt64(loadReg[vmcs])
        case .returnTo: return UInt64(returnToReg[vmcs])
        case .handled: return UInt64(handledReg[vmcs])
        case .route(let t): return UInt64(routeReg[t])
        case .eligible(let t): return UInt64(eligibleReg[t])
        case .ioBase(let r): return UInt64(ioBaseReg[r])
        case .ioLimit(let r): return UInt64(ioLimitReg[r])
        case .ioCtrl(let r): return UInt64(ioCtrlReg[r])
        case .routeLock: return routeLocked ? 1 : 0
        case .current: return UInt64(current.raw)
        case .owner(let g): return UInt64(ownerReg[g])
        }
    }

    // MARK: 6.4 LAUNCH and RESUME (current is a VMM here)

    mutating func launch(guest g: Int) -> Response {
        let v = current.id
        if g >= guestCount { return fail(VMError.badGuest) }
        let ret = returnToReg[v]
        if ret & 0x100 != 0 && ret & 0x80 != 0 { return fail(VMError.launchWouldAbandonVMM) }
        ownerReg[g] = UInt8(v)
        returnToReg[v] = 0
        current = .guest(g)
        return .vmsucceed(data: 0, current: current.raw)
    }

    mutating func resume() -> Response {
        let v = current.id
        let ret = returnToReg[v]
        guard ret & 0x100 != 0 else { return fail(VMError.resumeWithoutReturn) }
        current = Entity(raw: UInt8(ret & 0xFF))
        returnToReg[v] = 0
        if loadReg[v] != 0 { loadReg[v] -= 1 }
        return .vmsucceed(data: 0, current: current.raw)
    }
}
