import HDL

/// Everything that happens on the executing edge (`Handshake.execute`):
/// the state changes of SPEC 5.5, 6.3 and 6.4. Rejected commands and
/// VMfailInvalid change nothing; every VMfailValid writes its number into the
/// requester's VM_INSTR_ERROR.
///
/// The counters of the routed-to VMM (`load` +1 saturating, `handled` +1) are computed for
/// every VMM from its own register, side by side, and the target only selects which value
/// is written: the adders sit beside the routing decision instead of after it.
enum StateUpdate {
    static func apply(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ io: RouterPorts,
                      _ d: CommandDecode, _ o: Outcome, _ fields: FieldDecode, _ delivery: Deliverability,
                      event: EventInfo, accept: Signal) {
        let target = delivery.target
        let v = d.currentVMM
        m.when(accept) {
            // Events (and unknown ops, which change nothing) and VMM operations apart, as
            // in the response registers: each computes only its own kind's decision.
            m.when(d.eventPath) {
                m.when(o.routed) {
                    // SPEC 5.5: hand over to the target unless it is the one running.
                    m.when(!delivery.isSelf) {
                        s.returnTo.write(target, cat(m.const(1, width: 1), s.current))
                        s.current <== cat(m.const(0x8, width: 4), target)
                    }
                    // Each VMM's next counts from its own register (beside the decision), then the
                    // target selects one: one write of each array.
                    s.load.write(target, mux(target, (0..<p.vmms).map { u in
                        let load = s.load[u]
                        return mux(load.andReduce(), load, load + 1)
                    }))
                    s.handled.write(target, mux(target, (0..<p.vmms).map { s.handled[$0] + 1 }))
                    s.exitReason.write(target, d.reason)
                    s.exitQual.write(target, d.qual)
                    s.intrInfo.write(target, event.info)
                    s.intrErr.write(target, event.errCode)
                }
            }.otherwise {
                m.when(o.vmfailValid) {
                    s.instrError.write(v, o.vmError)
                }
                m.when(o.vmSucceed) {
                    m.when(d.isWrite) { fields.write(m, s, data: io.cmdData) }
                    m.when(d.isLaunch) {
                        s.owner.write(io.cmdGuest, v)
                        s.returnTo.write(v, m.const(0, width: 9))
                        s.current <== cat(m.const(0, width: 2), io.cmdGuest)
                    }
                    m.when(d.isResume) {
                        s.current <== o.ownReturnEntity
                        s.returnTo.write(v, m.const(0, width: 9))
                        let load = s.load.read(v)
                        s.load.write(v, mux(load .== 0, load, load - 1))
                    }
                }
            }
            if let bitmap = s.bitmap {
                m.when(o.bitmapWriteSucceeds) {
                    bitmap.write(m, vmm: io.cmdVMCS[s.bitmapVMMBits - 1, 0], word: io.cmdField[10, 0], io.cmdData[31, 0])
                }
            }
        }
    }
}
