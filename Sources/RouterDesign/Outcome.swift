import HDL
import RouterSpec

/// Which response a command gets (SPEC 6.3, 6.4, 8), before any state changes:
/// the ordered VMCS-access rules, the LAUNCH/RESUME checks, and the outcome
/// class every later stage keys on.
struct Outcome {
    /// VMREAD, VMWRITE or BITMAP_WRITE with `vmcs` >= V.
    let vmfailInvalid: Signal
    /// The VMfailValid number of a VMM-executed op (0 when it succeeds).
    let vmError: Signal
    /// ROUTED (an event that is supported, well-formed and deliverable).
    let routed: Signal
    /// REJECTED code (0 when not rejected): 1 unsupported, 2 malformed, 3 undeliverable, 4 unknown op.
    let rejectCode: Signal
    let vmSucceed: Signal
    /// A BITMAP_WRITE that succeeds (rules 1-3 of SPEC 6.3 pass), without the field decode
    /// VMREAD/VMWRITE need.
    let bitmapWriteSucceeds: Signal
    let vmfailValid: Signal
    /// returnTo of the running VMM (meaningful when a VMM runs): valid and entity.
    let ownReturnValid: Signal
    let ownReturnEntity: Signal

    init(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ io: RouterPorts, _ d: CommandDecode,
         fields: FieldDecode, delivery: Deliverability) {
        let access = d.isRead || d.isWrite || d.isBitmapWrite
        let invalid = m.wire("vmcs_invalid", width: 1)
        invalid <== (p.vmms < 16) ? (access && (io.cmdVMCS >= p.vmms)) : m.const(0, width: 1)
        vmfailInvalid = invalid

        // SPEC 6.3, first failing rule decides (rule 1 is vmfailInvalid above).
        let foreign = (io.cmdVMCS.zeroExtended(to: 6) .!= d.currentID) && !d.isMainVMM
        let bitmapMissing = p.ioBitmaps ? (io.cmdField[31, 11] .!= 0) : m.const(1, width: 1)
        let fieldMissing = mux(d.isBitmapWrite, bitmapMissing, !fields.anyHit)
        bitmapWriteSucceeds = p.ioBitmaps ? (d.isBitmapWrite && !invalid && !foreign && !bitmapMissing).named("bitmap_write_ok")
                                          : m.const(0, width: 1)
        let accessError = m.wire("access_error", width: 8)
        accessError <== 0
        m.when(foreign) { accessError <== m.spec("ERR_OTHER_VMCS") }
            .elseWhen(fieldMissing) { accessError <== m.spec("ERR_UNSUPPORTED_FIELD") }
            .elseWhen(d.isWrite && fields.readOnlyHit) { accessError <== m.spec("ERR_READ_ONLY_FIELD") }
            .elseWhen(d.isWrite && fields.lockedHit) { accessError <== m.spec("ERR_ROUTE_LOCKED") }
            .elseWhen(d.isWrite && fields.checkFails) { accessError <== m.spec("ERR_INVALID_FIELD_VALUE") }

        // SPEC 6.4, for the running VMM v.
        let returnTo = s.returnTo.read(d.currentVMM).named("own_return_to")
        let returnValid = returnTo[8]
        let returnEntity = returnTo[7, 0]
        ownReturnValid = returnValid
        ownReturnEntity = returnEntity
        let noSuchGuest = p.guests < 64 ? (io.cmdGuest >= p.guests) : m.const(0, width: 1)
        let launchError = mux(noSuchGuest, m.spec("ERR_NO_SUCH_GUEST"),
                              mux(returnValid && returnEntity[7], m.spec("ERR_WOULD_ABANDON_VMM"), m.const(0, width: 8)))
        let resumeError = mux(returnValid, m.const(0, width: 8), m.spec("ERR_RESUME_NOT_LAUNCHED"))

        let err = m.wire("vm_error", width: 8)
        err <== 0
        m.when(access) { err <== accessError }
            .elseWhen(d.isLaunch) { err <== launchError }
            .elseWhen(d.isResume) { err <== resumeError }
        vmError = err

        let reject = m.wire("reject_code", width: 8)
        reject <== 0
        m.when(d.unknownOp) { reject <== m.spec("REJECT_UNKNOWN_OP") }
            .elseWhen(d.isEvent && !d.supported) { reject <== m.spec("REJECT_UNSUPPORTED_REASON") }
            .elseWhen(d.isEvent && d.malformed) { reject <== m.spec("REJECT_MALFORMED_EVENT") }
            .elseWhen(d.isEvent && delivery.undeliverable) { reject <== m.spec("REJECT_UNDELIVERABLE") }
        rejectCode = reject

        routed = m.wire("outcome_routed", width: 1)
        routed <== d.isEvent && (reject .== 0)
        let vmmOp = !d.unknownOp && !d.isEvent && !invalid
        vmSucceed = m.wire("outcome_vmsucceed", width: 1)
        vmSucceed <== vmmOp && (err .== 0)
        vmfailValid = m.wire("outcome_vmfail_valid", width: 1)
        vmfailValid <== vmmOp && (err .!= 0)
    }
}
