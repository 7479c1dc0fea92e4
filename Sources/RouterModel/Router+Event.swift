/// SPEC section 5: routing one EVENT (also the exits of guest-executed ops 1-5).
extension Router {
    @inline(__always)
    mutating func routeEvent(reason: UInt16, vector: UInt8, intType: UInt8,
                             errValid: Bool, errCode: UInt32, qual: UInt64) -> Response {
        // 5.1 Validation: no state changes on reject.
        guard reason < ExitReason.routableCount, supportedMask >> UInt64(reason) & 1 == 1 else {
            return .rejected(RejectCode.unsupportedReason)
        }
        switch reason {
        case ExitReason.exceptionNMI:
            switch intType {
            case InterruptionType.nmi:
                guard vector == ExceptionVector.nmi else { return .rejected(RejectCode.malformedEvent) }
            case InterruptionType.hardwareException, InterruptionType.softwareException:
                guard vector <= ExceptionVector.maxException else { return .rejected(RejectCode.malformedEvent) }
            default: return .rejected(RejectCode.malformedEvent)
            }
        case ExitReason.externalInterrupt:
            guard intType == InterruptionType.externalInterrupt else { return .rejected(RejectCode.malformedEvent) }
        case ExitReason.ioInstruction:
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
            let fieldVMM = Int((e >> RouteLayout.vmmShift) & RouteLayout.vmmMask)
            policy = UInt8(e & RouteLayout.policyMask)
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
                target = reason == ExitReason.ioInstruction ? (ioRangeTarget(qual: qual) ?? fieldVMM) : fieldVMM
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
            store.returnTo[target] = ReturnToLayout.valid | UInt16(c.raw)
            current = .vmm(target)
        }
        if store.load[target] != 0xFFFF { store.load[target] += 1 }
        store.handled[target] &+= 1
        var info: UInt32 = 0
        var intrErr: UInt32 = 0
        if reason == ExitReason.exceptionNMI {
            info = 1 << InterruptionInfo.validBit | (errValid ? 1 << InterruptionInfo.errorCodeValidBit : 0)
                | UInt32(intType) << InterruptionInfo.typeShift | UInt32(vector)
            if errValid { intrErr = errCode }
        } else if reason == ExitReason.externalInterrupt {
            info = 1 << InterruptionInfo.validBit | UInt32(vector)      // type 0, no error code
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
        let sizeMinus1 = qual & IOQualification.sizeMask
        return sizeMinus1 != 2 && sizeMinus1 < 4 && qual & IOQualification.reservedMask == 0
    }

    /// 5.2 IO_RANGE: the lowest enabled range that holds every accessed port
    /// (port ... port + size - 1, never wrapping past 0xFFFF); nil when none does.
    @inline(__always)
    func ioRangeTarget(qual: UInt64) -> Int? {
        let port = Int((qual >> UInt64(IOQualification.portShift)) & IOQualification.portMask)
        let last = port + Int(qual & IOQualification.sizeMask)     // port + size - 1
        guard last < IOQualification.portCount else { return nil }
        for r in 0..<rangeCount {
            let ctrl = store.ioCtrl[r]
            if ctrl & IOCtrlLayout.enable != 0 && Int(store.ioBase[r]) <= port && last <= Int(store.ioLimit[r]) {
                return Int((ctrl >> IOCtrlLayout.vmmShift) & IOCtrlLayout.vmmMask)
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
        func bit(_ value: UInt64, _ n: Int) -> Bool { value >> UInt64(n) & 1 == 1 }
        switch reason {
        case ExitReason.exceptionNMI:
            if intType == InterruptionType.nmi { return bit(pin, OwnerControls.pinNMIExiting) }
            let exc = store.vmcs[base + VMCSSlot.excBitmap.rawValue]
            if vector == ExceptionVector.pageFault {                       // #PF: PFEC mask/match
                let mask = UInt32(truncatingIfNeeded: store.vmcs[base + VMCSSlot.pfecMask.rawValue])
                let match = UInt32(truncatingIfNeeded: store.vmcs[base + VMCSSlot.pfecMatch.rawValue])
                return ((errCode & mask) == match) == bit(exc, Int(ExceptionVector.pageFault))
            }
            return bit(exc, Int(vector))
        case ExitReason.externalInterrupt: return bit(pin, OwnerControls.pinExternalInterruptExiting)
        case ExitReason.hlt: return bit(proc, OwnerControls.procHLTExiting)
        case ExitReason.invlpg: return bit(proc, OwnerControls.procINVLPGExiting)
        case ExitReason.mwait: return bit(proc, OwnerControls.procMWAITExiting)
        case ExitReason.rdpmc: return bit(proc, OwnerControls.procRDPMCExiting)
        case ExitReason.rdtsc: return bit(proc, OwnerControls.procRDTSCExiting)
        case ExitReason.movDR: return bit(proc, OwnerControls.procMovDRExiting)
        case ExitReason.monitor: return bit(proc, OwnerControls.procMONITORExiting)
        case ExitReason.pause: return bit(proc, OwnerControls.procPAUSEExiting)
        case ExitReason.ioInstruction:
            guard bitmaps.count != 0 && bit(proc, OwnerControls.procUseIOBitmaps) else {
                return bit(proc, OwnerControls.procUnconditionalIOExiting)
            }
            let port = Int((qual >> UInt64(IOQualification.portShift)) & IOQualification.portMask)
            let size = Int(qual & IOQualification.sizeMask) + 1
            if port + size > IOQualification.portCount { return true }     // wraps: always exits
            let words = k * IOBitmap.wordsPerVMM
            for p in port..<(port + size) where bitmaps.words[words + p >> 5] >> UInt32(p & 31) & 1 == 1 {
                return true
            }
            return false
        default: return true                                               // 2-6, 9-11, 13, 17-27, 31, 32, 55
        }
    }

    /// SPEC 3: VMM v is busy when `returnTo[v]` is valid.
    @inline(__always)
    public func isBusy(vmm v: Int) -> Bool { store.returnTo[v] & ReturnToLayout.valid != 0 }
}
