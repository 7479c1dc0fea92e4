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
        store.vmcs[current.id * VMCSSlot.stride + VMCSSlot.vmInstrError.rawValue] = UInt64(error)
        return .vmfailValid(error)
    }

    @inline(__always)
    func decode(_ field: UInt32, vmcs: Int) -> FieldKind? {
        guard let kind = FieldKind.decode(field, ioRanges: rangeCount, guests: guestCount) else { return nil }
        return kind.isGlobal && vmcs != 0 ? nil : kind                                  // rule 3
    }

    @inline(__always)
    mutating func vmread(vmcs: Int, field: UInt32) -> Response {
        if let failed = accessCheck(vmcs: vmcs) { return failed }
        guard let kind = decode(field, vmcs: vmcs) else { return fail(VMError.unsupportedField) }
        return .vmsucceed(data: read(kind, vmcs: vmcs), current: current.raw)
    }

    @inline(__always)
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
            store.vmcs[base + s.rawValue] = value
        case .vmmLoad:
            guard value <= 0xFFFF else { return fail(VMError.badValue) }
            store.load[vmcs] = UInt16(value)
        case .route(let t):
            guard value & UInt64(RouteLayout.policyMask) <= UInt64(Policy.maxRoutable),
                  Int(value >> UInt64(RouteLayout.vmmShift) & UInt64(RouteLayout.vmmMask)) < vmmCount,
                  value & ~UInt64(RouteLayout.allowedBits) == 0 else { return fail(VMError.badValue) }
            store.route[t] = UInt32(value)
        case .eligible(let t):
            guard value >> UInt64(vmmCount) == 0 else { return fail(VMError.badValue) }
            store.eligible[t] = UInt32(value)
        case .ioBase(let r):
            store.ioBase[r] = UInt16(value)
        case .ioLimit(let r):
            store.ioLimit[r] = UInt16(value)
        case .ioCtrl(let r):
            guard Int(value >> UInt64(IOCtrlLayout.vmmShift) & UInt64(IOCtrlLayout.vmmMask)) < vmmCount,
                  value & ~UInt64(IOCtrlLayout.allowedBits) == 0 else { return fail(VMError.badValue) }
            store.ioCtrl[r] = UInt32(value)
        case .routeLock:
            guard value <= 1 else { return fail(VMError.badValue) }
            routeLocked = value == 1
        case .returnTo, .handled, .current, .owner:
            return fail(VMError.readOnlyField)   // unreachable: rule 4 caught it
        }
        return .vmsucceed(data: 0, current: current.raw)
    }

    @inline(__always)
    mutating func bitmapWrite(vmcs: Int, word: UInt32, data: UInt32) -> Response {
        if let failed = accessCheck(vmcs: vmcs) { return failed }
        guard bitmaps.count != 0, word < IOBitmap.wordsPerVMM else { return fail(VMError.unsupportedField) }
        if !isKnownUniquelyReferenced(&bitmaps) { bitmaps = bitmaps.copy() }
        bitmaps.words[vmcs * IOBitmap.wordsPerVMM + Int(word)] = data
        return .vmsucceed(data: 0, current: current.raw)
    }

    /// The value of a decoded field in VMCS `vmcs`, zero-extended (6.1, 6.2).
    @inline(__always)
    func read(_ kind: FieldKind, vmcs: Int) -> UInt64 {
        switch kind {
        case .slot(let s): return store.vmcs[vmcs * VMCSSlot.stride + s.rawValue]
        case .vmmLoad: return UInt64(store.load[vmcs])
        case .returnTo: return UInt64(store.returnTo[vmcs])
        case .handled: return UInt64(store.handled[vmcs])
        case .route(let t): return UInt64(store.route[t])
        case .eligible(let t): return UInt64(store.eligible[t])
        case .ioBase(let r): return UInt64(store.ioBase[r])
        case .ioLimit(let r): return UInt64(store.ioLimit[r])
        case .ioCtrl(let r): return UInt64(store.ioCtrl[r])
        case .routeLock: return routeLocked ? 1 : 0
        case .current: return UInt64(current.raw)
        case .owner(let g): return UInt64(store.owner[g])
        }
    }

    // MARK: 6.4 LAUNCH and RESUME (current is a VMM here)

    @inline(__always)
    mutating func launch(guest g: Int) -> Response {
        let v = current.id
        if g >= guestCount { return fail(VMError.badGuest) }
        let ret = store.returnTo[v]
        if ret & ReturnToLayout.valid != 0 && ret & UInt16(EntityEncoding.vmmFlag) != 0 { return fail(VMError.launchWouldAbandonVMM) }
        store.owner[g] = UInt8(v)
        store.returnTo[v] = 0
        current = .guest(g)
        return .vmsucceed(data: 0, current: current.raw)
    }

    @inline(__always)
    mutating func resume() -> Response {
        let v = current.id
        let ret = store.returnTo[v]
        guard ret & ReturnToLayout.valid != 0 else { return fail(VMError.resumeWithoutReturn) }
        current = Entity(raw: UInt8(ret & 0xFF))
        store.returnTo[v] = 0
        if store.load[v] != 0 { store.load[v] -= 1 }
        return .vmsucceed(data: 0, current: current.raw)
    }
}
