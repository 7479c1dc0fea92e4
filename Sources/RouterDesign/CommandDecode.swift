import HDL

/// Decodes the command at the ports against `current` (SPEC 4 and 5.1):
/// who executes it, which class it is, the event it stands for (a guest's
/// ops 1-5 become events 23, 25, 20, 24, 25 with zero operands) and whether
/// that event is supported and well-formed. Purely combinational.
struct CommandDecode {
    /// `current` is a VMM; `currentID` its bits 5:0; `currentVMM` bits 3:0 (the id when a VMM).
    let isVMM: Signal
    let currentID: Signal
    let currentVMM: Signal
    /// `current` is VMM 0.
    let isMainVMM: Signal
    /// Ops 6 and 7 (REJECTED 4, whoever executes them).
    let unknownOp: Signal
    /// The command is an event: op 0, or ops 1-5 executed by a guest.
    let isEvent: Signal
    /// VMM-executed ops: VMREAD, VMWRITE, BITMAP_WRITE (the VMCS access rules of 6.3), LAUNCH, RESUME.
    let isRead, isWrite, isBitmapWrite, isLaunch, isResume: Signal
    // The event's operands (zero for a guest's privileged op).
    let reason, vector, intType, errValid, errCode, qual: Signal
    /// reason bits 5:0 (index into ROUTE/ELIGIBLE; meaningful when supported).
    let reasonIndex: Signal
    let isException, isExternalInterrupt, isIO: Signal
    /// Reason 0 with interruption type 2.
    let isNMI: Signal
    /// SPEC 5.1: reason in the supported set (else REJECTED 1).
    let supported: Signal
    /// SPEC 5.1: malformed operands (else REJECTED 2).
    let malformed: Signal
    /// I/O: port (qual 31:16), size - 1 (qual 1:0: 0, 1 or 3), last port and whether port + size > 0x10000.
    let port: Signal
    let sizeMinusOne: Signal
    let lastPort: Signal
    let wraps: Signal

    init(_ m: ModuleBuilder, _ io: RouterPorts, current: Signal) {
        func named(_ name: String, _ value: Signal, line: Int = #line) -> Signal {
            let w = m.wire(name, width: value.width, line: line); w <== value; return w
        }
        isVMM = current[7]
        currentID = current[5, 0]
        currentVMM = current[3, 0]
        isMainVMM = named("current_is_vmm0", current .== 0x80)
        let op = io.cmdOp
        unknownOp = named("op_unknown", op >= 6)
        let privileged = (op >= 1) && (op <= 5)
        let opEvent = op .== 0
        isEvent = named("is_event", opEvent || (!isVMM && privileged))
        let vmmOp = isVMM && privileged
        isRead = named("vmm_read", vmmOp && (op .== 1))
        isWrite = named("vmm_write", vmmOp && (op .== 2))
        isLaunch = named("vmm_launch", vmmOp && (op .== 3))
        isResume = named("vmm_resume", vmmOp && (op .== 4))
        isBitmapWrite = named("vmm_bitmap_write", vmmOp && (op .== 5))

        // A guest's privileged op is the VMX-instruction exit of SPEC 4.
        let guestReason = m.wire("guest_op_reason", width: 16)
        guestReason <== Int(ExitReason.vmwrite)
        m.switch(op) { s in
            s.is(1) { guestReason <== Int(ExitReason.vmread) }
            s.is(3) { guestReason <== Int(ExitReason.vmlaunch) }
            s.is(4) { guestReason <== Int(ExitReason.vmresume) }
        }
        reason = named("ev_reason", mux(opEvent, io.cmdReason, guestReason))
        vector = named("ev_vector", mux(opEvent, io.cmdVector, 0))
        intType = named("ev_int_type", mux(opEvent, io.cmdIntType, 0))
        errValid = named("ev_err_valid", opEvent && io.cmdErrValid)
        errCode = named("ev_err_code", mux(opEvent, io.cmdErrCode, 0))
        qual = named("ev_qual", mux(opEvent, io.cmdQual, 0))

        reasonIndex = reason[5, 0]
        isException = named("ev_is_exception", reason .== Int(ExitReason.exceptionOrNMI))
        isExternalInterrupt = named("ev_is_interrupt", reason .== Int(ExitReason.externalInterrupt))
        isIO = named("ev_is_io", reason .== Int(ExitReason.ioInstruction))
        isNMI = named("ev_is_nmi", isException && (intType .== 2))

        // Supported: reason < 64 and its bit set in the constant mask of SPEC 5.1.
        let mask = m.const(Int(ExitReason.supportedMask), width: 64)
        supported = named("ev_supported", (reason[15, 6] .== 0) && mask[reasonIndex])

        let nmiOK = (intType .== 2) && (vector .== 2)
        let exceptionOK = ((intType .== 3) || (intType .== 6)) && (vector[7, 5] .== 0)
        let size = qual[2, 0]
        let ioOK = ((size .== 0) || (size .== 1) || (size .== 3)) && (qual[15, 7] .== 0) && (qual[63, 32] .== 0)
        malformed = named("ev_malformed",
                          (isException && !(nmiOK || exceptionOK))
                          || (isExternalInterrupt && (intType .!= 0))
                          || (isIO && !ioOK))

        // Not named wires: with no I/O ranges and no bitmaps nothing reads them.
        port = qual[31, 16]
        sizeMinusOne = qual[1, 0]
        // port + size - 1 > 0xFFFF  <=>  port > 0xFFFF - (size - 1) = ~(size - 1) in 16 bits.
        let span = sizeMinusOne.zeroExtended(to: 16)
        lastPort = port + span
        wraps = port > ~span
    }
}
