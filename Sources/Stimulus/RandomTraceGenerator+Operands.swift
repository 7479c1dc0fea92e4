import RouterModel
import RouterSpec

/// Events, fields and values of the random stream (see the distribution in
/// `RandomTraceGenerator`).
extension RandomTraceGenerator {
    static let unsupportedReasons: [UInt16] = [7, 8, 28, 33, 34, 35, 37, 38] + Array(41...54) + Array(56...63) + [64, 255, 0xFFFF]

    mutating func randomEvent() -> Command {
        if !bias.reasons.isEmpty && rng.chance(50) { return event(reason: pick(bias.reasons)) }
        let roll = below(100)
        let reason: UInt16
        if roll < 25 { reason = ExitReason.exceptionNMI }
        else if roll < 45 { reason = ExitReason.ioInstruction }
        else if roll < 55 { reason = ExitReason.externalInterrupt }
        else if roll < 60 && !config.staticMap.isEmpty { reason = pick(config.staticMap) }
        else if roll < 96 { reason = pick(RouterConfig.supportedReasons) }
        else { return .event(reason: pick(Self.unsupportedReasons), vector: UInt8(below(256)), qual: rng.next() & 0xFF) }
        return event(reason: reason)
    }

    /// An event of the supported reason `reason` with operands drawn as the distribution says.
    mutating func event(reason: UInt16) -> Command {
        switch reason {
        case ExitReason.exceptionNMI: return exceptionEvent()
        case ExitReason.externalInterrupt:   // any type but 0 is malformed
            return .event(reason: reason, vector: UInt8(below(256)),
                          intType: rng.chance(5) ? UInt8(1 + below(7)) : InterruptionType.externalInterrupt,
                          errValid: rng.chance(10), errCode: rng.chance(10) ? UInt32(below(256)) : 0)
        case ExitReason.ioInstruction: return .event(reason: reason, qual: ioQualification())
        default:
            // Operands the reason ignores, sometimes non-zero; qual passes through untouched.
            let noisy = rng.chance(15)
            return .event(reason: reason, vector: noisy ? UInt8(below(256)) : 0, intType: noisy ? UInt8(below(8)) : 0,
                          errValid: noisy && rng.chance(50), errCode: noisy ? UInt32(truncatingIfNeeded: rng.next()) : 0,
                          qual: rng.chance(40) ? rng.next() >> UInt64(below(64)) : 0)
        }
    }

    /// Reason 0: NMI, #PF (PFEC mask/match), other exceptions; ~10% malformed.
    mutating func exceptionEvent() -> Command {
        let errValid = rng.chance(50)
        let errCode = rng.chance(70) ? UInt32(below(32)) : UInt32(truncatingIfNeeded: rng.next())
        let reason = ExitReason.exceptionNMI
        let nmi = InterruptionType.nmi
        let exceptionTypes = [InterruptionType.hardwareException, InterruptionType.softwareException]
        let vectors = Int(ExceptionVector.maxException) + 1
        if rng.chance(10) {   // malformed: bad type, NMI with a vector other than 2, vector > 31
            switch below(3) {
            case 0: return .event(reason: reason, vector: UInt8(below(vectors)), intType: pick([0, 1, 4, 5, 7]), errValid: errValid, errCode: errCode)
            case 1: return .event(reason: reason, vector: pick([0, 1, 3, 14, 255]), intType: nmi)
            default: return .event(reason: reason, vector: UInt8(vectors + below(256 - vectors)), intType: pick(exceptionTypes), errValid: errValid, errCode: errCode)
            }
        }
        let roll = below(100)
        if roll < 15 { return .event(reason: reason, vector: ExceptionVector.nmi, intType: nmi, errValid: rng.chance(10), errCode: errCode) }
        if roll < 45 {
            return .event(reason: reason, vector: ExceptionVector.pageFault, intType: InterruptionType.hardwareException,
                          errValid: rng.chance(90), errCode: errCode)
        }
        return .event(reason: reason, vector: UInt8(below(vectors)), intType: pick(exceptionTypes), errValid: errValid, errCode: errCode)
    }

    /// A VT-x I/O qualification near the interesting ports or the configured
    /// ranges; ~8% malformed (size 3, bits 15:7 or 63:32 set).
    mutating func ioQualification() -> UInt64 {
        let sizeMinus1 = UInt64(pick([0, 1, 3]))
        var port: Int
        let roll = below(100)
        if roll < 40 {
            port = pick(Self.interestingPorts)
        } else if roll < 75 && config.ioRanges > 0 {
            let r = below(config.ioRanges)
            let edge = Int(shadow.peek(vmcs: 0, field: rng.chance(50) ? VMCSField.ioBase(r) : VMCSField.ioLimit(r)) ?? 0)
            port = edge + below(5) - 2
        } else {
            port = below(IOQualification.portCount)
        }
        port = max(0, min(IOQualification.portCount - 1, port))
        let flags: UInt64 = 1 << UInt64(IOQualification.directionInBit) | 1 << UInt64(IOQualification.stringBit)
            | 1 << UInt64(IOQualification.repBit) | 1 << UInt64(IOQualification.immediateBit)     // 0x78
        var qual = UInt64(port) << UInt64(IOQualification.portShift) | sizeMinus1 | (rng.next() & flags)
        if rng.chance(8) {
            switch below(3) {
            case 0: qual = qual & ~IOQualification.sizeMask | 2          // size-1 = 2 does not exist
            case 1: qual |= 1 << UInt64(7 + below(9))
            default: qual |= 1 << UInt64(32 + below(32))
            }
        }
        return qual
    }

    /// A field for VMREAD/VMWRITE: usually one of the table's, sometimes one no VMCS has.
    mutating func randomField(forRead: Bool) -> UInt32 {
        let roll = below(100)
        if roll < 50 { return pick(VMCSField.perVMM) }
        if roll < 85 { return globalField() }
        switch below(5) {
        case 0: return pick(VMCSField.perVMM) | 1                                  // high-half access
        case 1: return VMCSField.ioBase(config.ioRanges + below(16 - config.ioRanges + 1))
        case 2: return VMCSField.owner(min(63, config.guests + below(64)))
        case 3: return 0x4010 + 2 * UInt32(below(8))
        default: return UInt32(truncatingIfNeeded: rng.next())
        }
    }

    mutating func globalField() -> UInt32 {
        switch below(8) {
        case 0, 1: return VMCSField.route(Int(pick(RouterConfig.supportedReasons)))
        case 2: return VMCSField.eligible(Int(pick(RouterConfig.supportedReasons)))
        case 3: return config.ioRanges > 0 ? VMCSField.ioBase(below(config.ioRanges)) : VMCSField.ioBase(0)
        case 4: return config.ioRanges > 0 ? VMCSField.ioLimit(below(config.ioRanges)) : VMCSField.ioLimit(0)
        case 5: return config.ioRanges > 0 ? VMCSField.ioCtrl(below(config.ioRanges)) : VMCSField.ioCtrl(0)
        case 6: return rng.chance(50) ? VMCSField.current : VMCSField.owner(below(config.guests))
        default: return VMCSField.routeLock
        }
    }

    /// A VMWRITE: VMM 0 configures routing half the time; any VMM tunes its own
    /// controls, entry point and load; some writes break a 6.3 rule.
    mutating func randomWrite(_ me: Int) -> Command {
        let vmcs = randomVMCS(me)
        let field: UInt32
        if me == 0 && (bias.lock > 0 && rng.chance(bias.lock) || rng.chance(50)) { field = globalField() }
        else if rng.chance(85) { field = pick([VMCSField.pin, VMCSField.proc, VMCSField.excBitmap, VMCSField.pfecMask,
                                              VMCSField.pfecMatch, VMCSField.hostRIP, VMCSField.vmmLoad]) }
        else { field = randomField(forRead: false) }
        return .vmwrite(vmcs: UInt8(vmcs), field: field, data: value(for: field, vmcs: vmcs))
    }

    /// Mostly a value the field accepts; ~10% fail the value check; sometimes bits above the width (cut).
    mutating func value(for field: UInt32, vmcs: Int) -> UInt64 {
        let bad = rng.chance(10)
        let above: UInt64 = rng.chance(10) ? rng.next() << 32 : 0    // above every 32-bit field's width
        switch field {
        case VMCSField.pin: return randomPin() | above
        case VMCSField.proc: return randomProc() | above
        case VMCSField.excBitmap: return rng.next()
        case VMCSField.pfecMask, VMCSField.pfecMatch: return rng.below(32) | above
        // Mostly a readable entry point; a quarter of the time any 64 bits, so that every bit
        // of the HOST_RIP a routed exit returns is seen at 0 and at 1 (`trapline mutate
        // --prove-survivors` found bit 44 tied low surviving every campaign).
        case VMCSField.hostRIP: return rng.chance(25) ? rng.next() : Self.hostRIP(vmm: vmcs, salt: rng.next())
        case VMCSField.vmmLoad:
            if bias.saturate > 0 && rng.chance(bias.saturate) { return 0xFFFF }
            if bias.loadTies > 0 && rng.chance(bias.loadTies) { return 0 }
            if bad { return 0x10000 | rng.below(0x10000) }
            return rng.chance(8) ? pick([0xFFFF, 0xFFFE]) : rng.below(4) | above
        case VMCSField.routeLock:
            if bias.lock > 0 && rng.chance(bias.lock) { return 1 }
            if bad { return 2 + rng.below(14) }
            return rng.chance(2) ? 1 : 0
        default: break
        }
        // Arrays of 6.2 (base + 2i) sit in blocks of 0x80 encodings.
        let block = field & ~0x7F
        if block == VMCSField.routeBase {
            if bad { return pick([4, 5, 6, 7, 8, 0x100]) | UInt64(below(16)) << UInt64(RouteLayout.vmmShift) }
            return randomRouteValue(reason: Int(field & 0x7F) >> 1) | above
        }
        if block == VMCSField.eligibleBase {
            return bad ? randomEligible() | 1 << UInt64(v + below(32 - v)) : randomEligible() | above
        }
        if block == VMCSField.ioCtrlBase {
            if bad { return (rng.chance(50) ? 2 : 0x100) | UInt64(IOCtrlLayout.enable) }
            return (rng.chance(80) ? UInt64(IOCtrlLayout.enable) : 0) | UInt64(below(v)) << UInt64(IOCtrlLayout.vmmShift) | above
        }
        if block == VMCSField.ioBaseBase {   // IO_BASE / IO_LIMIT (16 bits; higher bits are cut)
            return UInt64(randomIORange().0) | (rng.chance(10) ? rng.next() << 16 : 0)
        }
        return rng.next()
    }
}
