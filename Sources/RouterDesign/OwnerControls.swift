import HDL

/// `wants(k, event)` of SPEC 5.3: whether VMM k's VT-x controls take the
/// event (else the main VMM does). The single-bit rows come from
/// `ExitControls.table`; reason 0 (NMI, #PF, other vectors) and reason 30
/// (I/O bitmaps or unconditional I/O exiting) have their own rules; every
/// other supported reason is always wanted.
enum OwnerControls {
    static func wants(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ d: CommandDecode,
                      owner k: Signal) -> Signal {
        // Only the control bits routing reads are selected (the rest are stored and read back by VMREAD).
        func pin(_ bit: Int) -> Signal { Select.pick(m, s.pin.registers.map { $0[bit] }, by: k) }
        func proc(_ bit: Int) -> Signal { Select.pick(m, s.proc.registers.map { $0[bit] }, by: k) }
        let exc = s.excBitmap.read(k)
        // #PF: the exception-bitmap bit's sense is flipped when the error code does not match.
        let pfMatches = (d.errCode & s.pfecMask.read(k)) .== s.pfecMatch.read(k)
        let pageFault = !(pfMatches ^ exc[ExitControls.pageFaultVector])
        let exception = mux(d.isNMI, pin(ExitControls.nmiExiting),
                            mux(d.vector[4, 0] .== ExitControls.pageFaultVector, pageFault, exc[d.vector[4, 0]]))

        // I/O: the bitmap when PROC bit 25 is set (and the design has bitmaps), else PROC bit 24.
        var io = proc(ExitControls.unconditionalIOExiting)
        if let bitmap = s.bitmap {
            let word = d.port[15, 5]
            let vmmBits = s.bitmapVMMBits
            let lo = bitmap.read(cat(k[vmmBits - 1, 0], word))
            let hi = bitmap.read(cat(k[vmmBits - 1, 0], word + 1))
            // Ports port..port+size-1 are bits off..off+size-1 of {hi, lo} (size 1, 2 or 4).
            let window = cat(hi, lo)
            let off = d.port[4, 0].zeroExtended(to: 6)
            let b0 = window[off], b1 = window[off + 1], b2 = window[off + 2], b3 = window[off + 3]
            let hit = b0 || ((d.sizeMinusOne .!= 0) && b1) || ((d.sizeMinusOne .== 3) && (b2 || b3))
            io = mux(proc(ExitControls.useIOBitmaps), d.wraps || hit, io)
        }

        var wants = m.const(1, width: 1)
        for row in ExitControls.table.reversed() {
            let bit = row.register == .pin ? pin(row.bit) : proc(row.bit)
            wants = mux(d.reason .== Int(row.reason), bit, wants)
        }
        wants = mux(d.isIO, io, wants)
        wants = mux(d.isException, exception, wants)
        let w = m.wire("owner_wants", width: 1)
        w <== wants
        return w
    }
}
