import HDL
import RouterSpec

/// `wants(k, event)` of SPEC 5.3: whether VMM k's VT-x controls take the event (else the
/// main VMM does).
///
/// PIN and PROC change only on a VMWRITE, so the write precomputes what routing needs
/// from them into `exitWants[k]` (see `ExitWants`): bit t says whether k wants exit reason
/// t. Routing then reads one bit of one register instead of selecting control words and
/// walking a chain of reason compares. Reason 0 (NMI, #PF, other vectors) and reason 30
/// (I/O bitmaps or unconditional I/O exiting) keep their own rules.
enum OwnerWants {
    static func wants(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ d: CommandDecode,
                      owner k: Signal) -> Signal {
        let wantsK = s.exitWants.read(k).named("owner_exit_wants")
        let exc = s.excBitmap.read(k).named("owner_exc_bitmap")
        // #PF: the exception-bitmap bit's sense is flipped when the error code does not match.
        let pfMatches = (d.errCode & s.pfecMask.read(k)) .== s.pfecMatch.read(k)
        let pageFault = !(pfMatches ^ exc[Int(ExceptionVector.pageFault)])
        let vector = d.vector[4, 0]
        let exception = mux(d.isNMI, wantsK[ExitWants.nmiExitingSlot],
                            mux(d.vector .== m.spec("VECTOR_PAGE_FAULT"), pageFault, exc[vector]))

        // I/O: the bitmap when PROC bit 25 is set (and the design has bitmaps), else PROC bit 24.
        // One expression, used once: a simulator evaluates the bitmap lookup only for an I/O
        // event whose owner uses bitmaps.
        var io = wantsK[ExitWants.unconditionalIOSlot]
        if let bitmap = s.bitmap, let useBitmaps = s.useIOBitmaps {
            let word = d.port[15, 5]
            let vmm = k[s.bitmapVMMBits - 1, 0]
            // Ports port..port+size-1 are bits off..off+size-1 of {word + 1, word} (size 1, 2 or 4).
            let window = cat(bitmap.read(vmm: vmm, word: word + 1), bitmap.read(vmm: vmm, word: word))
            let span = mux(d.sizeMinusOne .== 3, m.const(0xF, width: 64), mux(d.sizeMinusOne .!= 0, m.const(0x3, width: 64), m.const(0x1, width: 64)))
            let hit = ((window >> d.port[4, 0].zeroExtended(to: 6)) & span) .!= 0
            io = mux(useBitmaps.read(k), d.wraps || hit, io)
        }
        return mux(d.isException, exception, mux(d.isIO, io, wantsK[d.reasonIndex])).named("owner_wants")
    }
}

/// The precomputed `wants` bits of one VMM (SPEC 5.3), a 64-bit word per VMM: bit t is 1
/// when the VMM wants exit reason t. Always-wanted reasons are 1; a reason of a single
/// control bit (`OwnerControls.singleBitRows`) copies that bit of PIN or PROC; slot 0 holds
/// PIN bit 3 (NMI exiting) and slot 30 PROC bit 24 (unconditional I/O exiting), which the
/// reason-0 and reason-30 rules read. A VMWRITE of PIN or PROC rewrites the slots that
/// copy that register (`written`).
enum ExitWants {
    static let nmiExitingSlot = 0
    static let unconditionalIOSlot = 30

    /// The word for all-zero PIN and PROC (the reset value).
    static var resetValue: UInt64 {
        ExitReason.supported.reduce(0) { acc, r in
            let t = Int(r)
            if t == 0 || t == 30 || OwnerControls.singleBitRows.contains(where: { Int($0.reason) == t }) { return acc }
            return acc | (1 << UInt64(t))
        }
    }

    /// The PIN or PROC bit that slot `t` copies, nil for a constant slot.
    static func source(_ t: Int) -> (register: OwnerControls.Register, bit: Int)? {
        if t == nmiExitingSlot { return (.pin, OwnerControls.pinNMIExiting) }
        if t == unconditionalIOSlot { return (.proc, OwnerControls.procUnconditionalIOExiting) }
        return OwnerControls.singleBitRows.first { Int($0.reason) == t }.map { ($0.register, $0.bit) }
    }

    /// The word after PIN (`pinWritten`) or PROC is written with `value` (32 bits): the slots
    /// that copy a bit of the written register take it from `value`, the others keep `old`,
    /// so the other control word need not be read.
    static func written(_ m: ModuleBuilder, old: Signal, pinWritten: Signal, value: Signal) -> Signal {
        func part(_ register: OwnerControls.Register) -> (keep: Signal, bits: Signal) {
            var keep = UInt64.max
            var bits: [Signal] = []
            for t in (0..<64).reversed() {
                if let s = source(t), s.register == register {
                    keep &= ~(1 << UInt64(t))
                    bits.append(value[s.bit])
                } else {
                    bits.append(m.const(0, width: 1))
                }
            }
            return (m.localparam("EXIT_WANTS_KEEP_ON_\(register.rawValue)_WRITE", keep, width: 64), cat(bits))
        }
        let pin = part(.pin), proc = part(.proc)
        return (old & mux(pinWritten, pin.keep, proc.keep)) | mux(pinWritten, pin.bits, proc.bits)
    }
}
