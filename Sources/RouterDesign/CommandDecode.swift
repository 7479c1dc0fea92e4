import HDL
import RouterSpec

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
    /// An event or an unknown op: answered by ROUTED or REJECTED (else a VMM operation:
    /// VMSUCCEED or VMfail).
    let eventPath: Signal
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
        isMainVMM = named("current_is_vmm0", current .== m.spec("ENTITY_VMM_FLAG"))
        let op = io.cmdOp
        let opRead = m.spec("OP_VMREAD"), opLaunch = m.spec("OP_LAUNCH"), opResume = m.spec("OP_RESUME")
        unknownOp = named("op_unknown", op > m.spec("OP_BITMAP_WRITE"))
        let privileged = (op >= opRead) && !unknownOp
        let opEvent = op .== m.spec("OP_EVENT")
        isEvent = named("is_event", opEvent || (!isVMM && privileged))
        eventPath = named("event_path", isEvent || unknownOp)
        let vmmOp = isVMM && privileged
        isRead = named("vmm_read", vmmOp && (op .== opRead))
        isWrite = named("vmm_write", vmmOp && (op .== m.spec("OP_VMWRITE")))
        isLaunch = named("vmm_launch", vmmOp && (op .== opLaunch))
        isResume = named("vmm_resume", vmmOp && (op .== opResume))
        isBitmapWrite = named("vmm_bitmap_write", vmmOp && (op .== m.spec("OP_BITMAP_WRITE")))

        // A guest's privileged op is the VMX-instruction exit of SPEC 4 (BITMAP_WRITE is VMWRITE-class).
        let guestReason = m.wire("guest_op_reason", width: 16)
        guestReason <== m.spec(exitReason: ExitReason.vmwrite)
        m.when(op .== opRead) { guestReason <== m.spec(exitReason: ExitReason.vmread) }
            .elseWhen(op .== opLaunch) { guestReason <== m.spec(exitReason: ExitReason.vmlaunch) }
            .elseWhen(op .== opResume) { guestReason <== m.spec(exitReason: ExitReason.vmresume) }
        reason = named("ev_reason", mux(opEvent, io.cmdReason, guestReason))
        vector = named("ev_vector", mux(opEvent, io.cmdVector, 0))
        intType = named("ev_int_type", mux(opEvent, io.cmdIntType, 0))
        errValid = named("ev_err_valid", opEvent && io.cmdErrValid)
        errCode = named("ev_err_code", mux(opEvent, io.cmdErrCode, 0))
        qual = named("ev_qual", mux(opEvent, io.cmdQual, 0))

        reasonIndex = reason[5, 0]
        isException = named("ev_is_exception", reason .== m.spec(exitReason: ExitReason.exceptionNMI))
        isExternalInterrupt = named("ev_is_interrupt", reason .== m.spec(exitReason: ExitReason.externalInterrupt))
        isIO = named("ev_is_io", reason .== m.spec(exitReason: ExitReason.ioInstruction))
        let typeNMI = m.spec("INTR_TYPE_NMI")
        isNMI = named("ev_is_nmi", isException && (intType .== typeNMI))

        // Supported: reason < 64 and its bit set in the constant mask of SPEC 5.1.
        let mask = m.localparam("SUPPORTED_REASONS", Int(ExitReason.supportedMask), width: 64)
        supported = named("ev_supported", (reason[15, 6] .== 0) && mask[reasonIndex])

        let nmiOK = (intType .== typeNMI) && (vector .== m.spec("VECTOR_NMI"))
        let exceptionOK = ((intType .== m.spec("INTR_TYPE_HARDWARE_EXCEPTION")) || (intType .== m.spec("INTR_TYPE_SOFTWARE_EXCEPTION")))
            && (vector <= m.spec("VECTOR_MAX_EXCEPTION"))
        let size = qual[2, 0]
        let ioOK = ((size .== 0) || (size .== 1) || (size .== 3)) && ((qual & m.spec("IO_QUAL_RESERVED_MASK")) .== 0)
        malformed = named("ev_malformed",
                          (isException && !(nmiOK || exceptionOK))
                          || (isExternalInterrupt && (intType .!= m.spec("INTR_TYPE_EXTERNAL_INTERRUPT")))
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
