/// SPEC section 5: routing one EVENT (also the exits of guest-executed ops 1-5).
extension Router {
    @inline(__always)
    mutating func routeEvent(reason: UInt16, vector: UInt8, intType: UInt8,
                             errValid: Bool, errCode: UInt32, qual: UInt64) -> Response {
        // 5.1 Validation: no state changes on reject.
        guard reason < 64, supportedMask >> UInt64(reason) & 1 == 1 else {
            return .rejected(RejectCode.unsupportedReason)
        }
        switch reason {
        case 0:
            switch intType {
            case 2: guard vector == 2 else { return .rejected(RejectCode.malformedEvent) }
            case 3, 6: guard vector <= 31 else { return .rejected(RejectCode.malformedEvent) }
            default: return .rejected(RejectCode.malformedEvent)
            }
        case 1:
            guard intType == 0 else { return .rejected(RejectCode.malformedEvent) }
        case 30:
            guard Router.isWellFormedIOQual(qual) else { return .rejected(RejectCode.malformedEvent) }
        default:
            break
        }

        // 5.2 Choosing the target.
        let c = current
        var target: Int
        let policy: UInt8
        if staticMask >> UInt64(reason) & 1 == 1 {
            target = platformVMM; policy = Policy.staticMap
        } else {
            let e = store.route[Int(reason)]
            let fieldVMM = Int((e >> 4) & 0xF)
            policy = UInt8(e & 7)
            switch policy {
            case Policy.owner:
                if c.isVMM {
                    target = c.id
                } else {
                    let k = Int(store.owner[c.id])
                    target = wants(k, reason: reason, vector: vector, intType: intType, errCode: errCode, qual: qual) ? k : 0
                }
            case Policy.field:
                target = fieldVMM
            case Policy.ioRange:
                target = reason == 30 ? (ioRangeTarget(qual: qual) ?? fieldVMM) : fieldVMM
            default: // Policy.load (ROUTE value checks keep the policy <= 3)
                target = leastLoaded(eligible: store.eligible[Int(reason)], current: c) ?? fieldVMM
            }
        }

        // 5.4 Deliverability.
        var fallback = false
        if !(c.isVMM && c.id == target) && isBusy(vmm: target) {
            if c == .vmm(0) {
                target = 0; fallback = true          // self delivery to the main VMM
            } else if isBusy(vmm: 0) {
                return .rejected(RejectCode.undeliverable)
            } else {
                target = 0; fallback = true
            }
        }

        // 5.5 Effects of ROUTED.
        let isSelf = c.isVMM && c.id == target
        if !isSelf {
            store.returnTo[target] = 0x100 | UInt16(c.raw)
            current = .vmm(target)
        }
        if store.load[target] != 0xFFFF { store.load[target] += 1 }
        store.handled[target] &+= 1
        var info: UInt32 = 0
        var intrErr: UInt32 = 0
        if reason == 0 {
            info = 1 << 31 | (errValid ? 1 << 11 : 0) | UInt32(intType) << 8 | UInt32(vector)
            if errValid { intrErr = errCode }
        } else if reason == 1 {
            info = 1 << 31 | UInt32(vector)
        }
        let base = target * VMCSSlot.stride
        store.vmcs[base + VMCSSlot.exitReason.rawValue] = UInt64(reason)
        store.vmcs[base + VMCSSlot.exitQual.rawValue] = qual
        store.vmcs[base + VMCSSlot.intrInfo.rawValue] = UInt64(info)
        store.vmcs[base + VMCSSlot.intrErr.rawValue] = UInt64(intrErr)
        return Response(kind: ResponseKind.routed, target: UInt8(target), isSelf: isSelf, fallback: fallback,
                        policy: policy, from: c.raw, reason: reason, qual: qual, info: info,
                        errCode: intrErr, entry: store.vmcs[base + VMCSSlot.hostRIP.rawValue])
    }

    /// 5.1: the VT-x I/O exit qualification: size-1 in bits 2:0 is 0, 1 or 3;
    /// bits 15:7 and 63:32 are 0.
    @inline(__always)
    static func isWellFormedIOQual(_ qual: UInt64) -> Bool {
        let sizeMinus1 = qual & 7
        return sizeMinus1 != 2 && sizeMinus1 < 4 && qual & 0xFFFF_FFFF_0000_FF80 == 0
    }

    /// 5.2 IO_RANGE: the lowest enabled range that holds every accessed port
    /// (port ... port + size - 1, never wrapping past 0xFFFF); nil when none does.
    @inline(__always)
    func ioRangeTarget(qual: UInt64) -> Int? {
        let port = Int((qual >> 16) & 0xFFFF)
        let last = port + Int(qual & 7)     // port + size - 1
        guard last <= 0xFFFF else { return nil }
        for r in 0..<rangeCount {
            let ctrl = store.ioCtrl[r]
            if ctrl & 1 == 1 && Int(store.ioBase[r]) <= port && last <= Int(store.ioLimit[r]) {
                return Int((ctrl >> 4) & 0xF)
            }
        }
        return nil
    }

    /// 5.2 LOAD: among the VMMs in `eligible` that are `current` or not busy,
    /// the one with the lowest load, ties to the lowest id; nil when none.
    @inline(__always)
    func leastLoaded(eligible: UInt32, current c: Entity) -> Int? {
        var best = -1
        var bestLoad = 0
        for v in 0..<vmmCount where eligible >> UInt32(v) & 1 == 1 {
            guard (c.isVMM && c.id == v) || !isBusy(vmm: v) else { continue }
            let l = Int(store.load[v])
            if best < 0 || l < bestLoad { best = v; bestLoad = l }
        }
        return best < 0 ? nil : best
    }

    /// 5.3 Owner controls: does VMM `k` want this event from its guest (VT-x semantics)?
    @inline(__always)
    func wants(_ k: Int, reason: UInt16, vector: UInt8, intType: UInt8, errCode: UInt32, qual: UInt64) -> Bool {
        let base = k * VMCSSlot.stride
        let pin = store.vmcs[base + VMCSSlot.pin.rawValue]
        let proc = store.vmcs[base + VMCSSlot.proc.rawValue]
        func bit(_ value: UInt64, _ n: UInt64) -> Bool { value >> n & 1 == 1 }
        switch reason {
        case 0:
            if intType == 2 { return bit(pin, 3) }                       // NMI exiting
            let exc = store.vmcs[base + VMCSSlot.excBitmap.rawValue]
            if vector == 14 {                                              // #PF: PFEC mask/match
                let mask = UInt32(truncatingIfNeeded: store.vmcs[base + VMCSSlot.pfecMask.rawValue])
                let match = UInt32(truncatingIfNeeded: store.vmcs[base + VMCSSlot.pfecMatch.rawValue])
                return ((errCode & mask) == match) == bit(exc, 14)
            }
            return bit(exc, UInt64(vector))
        case 1: return bit(pin, 0)                                         // external-interrupt exiting
        case 12: return bit(proc, 7)                                       // HLT
        case 14: return bit(proc, 9)                                       // INVLPG
        case 36: return bit(proc, 10)                                      // MWAIT
        case 15: return bit(proc, 11)                                      // RDPMC
        case 16: return bit(proc, 12)                                      // RDTSC
        case 29: return bit(proc, 23)                                      // MOV DR
        case 39: return bit(proc, 29)                                      // MONITOR
        case 40: return bit(proc, 30)                                      // PAUSE
        case 30:                                                           // I/O instruction
            guard bitmaps.count != 0 && bit(proc, 25) else { return bit(proc, 24) }
            let port = Int((qual >> 16) & 0xFFFF)
            let size = Int(qual & 7) + 1
            if port + size > 0x10000 { return true }                       // wraps: always exits
            let words = k * 2048
            for p in port..<(port + size) where bitmaps.words[words + p >> 5] >> UInt32(p & 31) & 1 == 1 {
                return true
            }
            return false
        default: return true                                               // 2-6, 9-11, 13, 17-27, 31, 32, 55
        }
    }

    /// SPEC 3: VMM v is busy when `returnTo[v]` is valid.
    @inline(__always)
    public func isBusy(vmm v: Int) -> Bool { store.returnTo[v] & 0x100 != 0 }
}
