import HDL
import RouterSpec

/// Every piece of state of SPEC section 3, 6 and 7, as registers and (for the bitmaps) two memories.
///
/// Storage is as narrow as the field checks allow, and reads rebuild the
/// architectural value: ROUTE[t] keeps policy (2 bits) and VMM (4 bits),
/// IO_CTRL[r] keeps enable and VMM, VM_INSTR_ERROR keeps 8 bits, EXIT_REASON
/// 16 bits, VMM ids 4 bits. Every register resets to 0 except `current` (VMM 0).
/// The I/O bitmaps read 0 after every `rst` (SPEC 7), not only at power-on:
/// `IOBitmap` keeps the words in RAM and counts a word only when its valid bit
/// (a second, small RAM) and that valid word's top bit (a flip-flop that `rst`
/// clears) say it was written since the last reset.
struct RouterState {
    /// The running entity (bit 7 VMM, bits 5:0 id). Reset: VMM 0 (0x80).
    let current: Signal
    /// returnTo[v] = {valid, entity} (9 bits, the RETURN_TO layout); VMM v is busy when valid.
    let returnTo: RegArray
    /// owner[g]: the VMM that last launched guest g.
    let owner: RegArray
    /// load[v] (16-bit saturating) and handled[v] (32-bit wrapping).
    let load: RegArray
    let handled: RegArray
    // Per-VMM VMCS fields (SPEC 6.1).
    let pin, proc, excBitmap, pfecMask, pfecMatch: RegArray
    /// Per VMM, the exit reasons it wants, derived from PIN and PROC when they are written
    /// (`ExitWants`), and PROC bit 25 (use I/O bitmaps; nil without bitmaps).
    let exitWants: RegArray
    let useIOBitmaps: RegArray?
    let hostRIP: RegArray
    let instrError: RegArray
    let exitReason: RegArray
    let intrInfo: RegArray
    let intrErr: RegArray
    let exitQual: RegArray
    // Global routing fields in VMCS 0 (SPEC 6.2).
    let routePolicy: RegArray
    let routeVMM: RegArray
    let eligible: RegArray
    let ioBase: RegArray?
    let ioLimit: RegArray?
    let ioEnable: RegArray?
    let ioVMM: RegArray?
    let routeLock: Signal
    /// V * 2048 words of 32 bits: word {vmm, w} holds ports 32w..32w+31 of that VMM (SPEC 7).
    let bitmap: IOBitmap?
    /// Address bits of the VMM part of a bitmap address.
    let bitmapVMMBits: Int
    /// V, the width of ELIGIBLE[t].
    let vmms: Int

    init(_ m: ModuleBuilder, _ p: RouterParameters, clk: Signal, rst: Signal) {
        let v = p.vmms
        vmms = v
        func array(_ name: String, _ count: Int, _ width: Int, line: Int = #line) -> RegArray {
            m.regArray(name, count: count, width: width, clock: clk, reset: rst, resetValue: 0, line: line)
        }
        current = m.reg("current", width: 8, clock: clk, reset: rst, resetValue: Int(FieldTable.field("CURRENT").reset))
        returnTo = array("return_to", v, 9)
        owner = array("owner", p.guests, 4)
        load = array("load", v, 16)
        handled = array("handled", v, 32)
        pin = array("pin", v, 32)
        proc = array("proc", v, 32)
        excBitmap = array("exc_bitmap", v, 32)
        pfecMask = array("pfec_mask", v, 32)
        pfecMatch = array("pfec_match", v, 32)
        exitWants = m.regArray("exit_wants", count: v, width: 64, clock: clk, reset: rst, resetValue: Int(ExitWants.resetValue))
        useIOBitmaps = p.ioBitmaps ? array("use_io_bitmaps", v, 1) : nil
        hostRIP = array("host_rip", v, 64)
        instrError = array("vm_instr_error", v, 8)
        exitReason = array("exit_reason", v, 16)
        intrInfo = array("intr_info", v, 32)
        intrErr = array("intr_err", v, 32)
        exitQual = array("exit_qual", v, 64)
        routePolicy = array("route_policy", 64, 2)
        routeVMM = array("route_vmm", 64, 4)
        eligible = array("eligible", 64, v)
        if p.ioRanges > 0 {
            ioBase = array("io_base", p.ioRanges, 16)
            ioLimit = array("io_limit", p.ioRanges, 16)
            ioEnable = array("io_enable", p.ioRanges, 1)
            ioVMM = array("io_vmm", p.ioRanges, 4)
        } else {
            ioBase = nil; ioLimit = nil; ioEnable = nil; ioVMM = nil
        }
        routeLock = m.reg("route_lock", width: 1, clock: clk, reset: rst, resetValue: 0)
        bitmapVMMBits = bitsToIndex(v)
        bitmap = p.ioBitmaps ? IOBitmap(m, vmms: v, clk: clk, rst: rst) : nil
    }
}

extension RouterState {
    /// VMM `v` is busy (returnTo[v] valid).
    func busy(_ v: Signal) -> Signal { returnTo.read(v)[8] }
    func busy(_ v: Int) -> Signal { returnTo[v][8] }
}
