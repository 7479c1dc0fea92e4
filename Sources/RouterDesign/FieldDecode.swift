import HDL
import RouterSpec

/// The VMREAD/VMWRITE decode of SPEC 6, derived from `FieldTable.fields`:
/// for every field instance that exists for the parameters, a hit signal
/// (encoding match, VMCS 0 only for global fields), its read value, its
/// read-only / lockable flags and its value check. `FieldStorage` binds each
/// field name to the registers of `RouterState`.
struct FieldDecode {
    /// The field exists in the selected VMCS (else VMfailValid 12).
    let anyHit: Signal
    /// A read-only field is selected (VMWRITE: error 13).
    let readOnlyHit: Signal
    /// A lockable field is selected while ROUTE_LOCK is 1 (VMWRITE: error 64).
    let lockedHit: Signal
    /// The VMWRITE operand, cut to the field's width, fails its check (error 7).
    let checkFails: Signal

    private let hits: [(spec: FieldSpec, hit: Signal, index: Signal)]

    init(_ m: ModuleBuilder, _ p: RouterParameters, _ s: RouterState, _ io: RouterPorts) {
        let field = io.cmdField
        let vmcs0 = io.cmdVMCS .== 0
        var hits: [(spec: FieldSpec, hit: Signal, index: Signal)] = []
        var any: [Signal] = [], ro: [Signal] = [], locked: [Signal] = [], fails: [Signal] = []
        for f in FieldTable.fields {
            let n = f.count.count(p)
            if n == 0 { continue }
            var hit: Signal
            var index = io.cmdVMCS
            let encoding = m.spec(f.count == .single ? "FIELD_\(f.name)" : "FIELD_\(f.name)_BASE")
            if f.count == .single {
                hit = field .== encoding
            } else {
                // base + 2i with i < capacity (a power of two): a prefix match, bit 0 clear, i < n.
                let ib = bitsToIndex(f.count.capacity)
                precondition(Int(f.encoding) % (2 * f.count.capacity) == 0, "\(f.name): base must be aligned to its capacity")
                index = field[ib, 1]
                hit = (field[31, ib + 1] .== encoding[31, ib + 1]) && !field[0]
                if n < f.count.capacity { hit = hit && (index < n) }
            }
            if f.scope == .global { hit = hit && vmcs0 }
            let named = m.wire("field_hit_\(f.name.lowercased())", width: 1)
            named <== hit
            hit = named
            hits.append((f, hit, index))
            any.append(hit)
            if f.access == .readOnly { ro.append(hit) }
            if f.lockable { locked.append(hit) }
            // Value check on the operand cut to the field's width (SPEC 6.3).
            let cut = io.cmdData[f.width - 1, 0]
            let reserved = f.check.reservedMask(width: f.width, p)
            var bad: [Signal] = []
            if reserved != 0 { bad.append((cut & Int(reserved)) .!= 0) }
            if let at = f.check.vmmAt, p.vmms < 16 { bad.append(cut[at + 3, at] >= p.vmms) }
            if !bad.isEmpty { fails.append(hit && Select.any(m, bad)) }
        }
        self.hits = hits
        anyHit = m.wire("field_supported", width: 1); anyHit <== Select.any(m, any)
        readOnlyHit = m.wire("field_read_only", width: 1); readOnlyHit <== Select.any(m, ro)
        lockedHit = m.wire("field_locked", width: 1); lockedHit <== Select.any(m, locked) && s.routeLock
        checkFails = m.wire("field_value_bad", width: 1); checkFails <== Select.any(m, fails)
        self.state = s
    }

    private let state: RouterState

    /// VMREAD: drives `data` (64 bits) with the selected field's value, zero-extended, as
    /// one `if`/`else if` per field (the hits are exclusive); no hit leaves `data` as it is.
    /// Only the response reads it, so the emitter computes the selection inside the clocked
    /// block, for a VMM operation only.
    func read(_ m: ModuleBuilder, into data: Signal) {
        guard let first = hits.first else { return }
        func value(_ h: (spec: FieldSpec, hit: Signal, index: Signal)) -> Signal {
            FieldStorage.read(h.spec, m, state, index: h.index).zeroExtended(to: 64)
        }
        var chain = m.when(first.hit) { data <== value(first) }
        for h in hits.dropFirst() { chain = chain.elseWhen(h.hit) { data <== value(h) } }
    }

    /// Stores the VMWRITE operand into the selected field; call inside the
    /// scope where the write succeeds.
    func write(_ m: ModuleBuilder, _ s: RouterState, data: Signal) {
        for (f, hit, index) in hits where f.access == .readWrite {
            m.when(hit) { FieldStorage.write(f, m, s, index: index, data: data) }
        }
        // PIN or PROC: rewrite the VMM's exit_wants slots that copy the written register
        // (one write of the array, reading the old word once).
        guard let pin = hits.first(where: { $0.spec.name == "PIN" }), let proc = hits.first(where: { $0.spec.name == "PROC" }) else { return }
        m.when(pin.hit || proc.hit) {
            s.exitWants.write(pin.index, ExitWants.written(m, old: s.exitWants.read(pin.index), pinWritten: pin.hit, value: data[31, 0]))
        }
    }
}

/// Binds each row of the field table to its storage in `RouterState`.
enum FieldStorage {
    static func read(_ f: FieldSpec, _ m: ModuleBuilder, _ s: RouterState, index i: Signal) -> Signal {
        switch f.name {
        case "PIN": return s.pin.read(i)
        case "PROC": return s.proc.read(i)
        case "EXC_BITMAP": return s.excBitmap.read(i)
        case "PFEC_MASK": return s.pfecMask.read(i)
        case "PFEC_MATCH": return s.pfecMatch.read(i)
        case "HOST_RIP": return s.hostRIP.read(i)
        case "VMM_LOAD": return s.load.read(i)
        case "VM_INSTR_ERROR": return s.instrError.read(i)
        case "EXIT_REASON": return s.exitReason.read(i)
        case "INTR_INFO": return s.intrInfo.read(i)
        case "INTR_ERR": return s.intrErr.read(i)
        case "EXIT_QUAL": return s.exitQual.read(i)
        case "RETURN_TO": return s.returnTo.read(i)
        case "HANDLED": return s.handled.read(i)
        case "ROUTE": return cat(s.routeVMM.read(i), m.const(0, width: 2), s.routePolicy.read(i))
        case "ELIGIBLE": return s.eligible.read(i)
        case "IO_BASE": return s.ioBase!.read(i)
        case "IO_LIMIT": return s.ioLimit!.read(i)
        case "IO_CTRL": return cat(s.ioVMM!.read(i), m.const(0, width: 3), s.ioEnable!.read(i))
        case "ROUTE_LOCK": return s.routeLock
        case "CURRENT": return s.current
        case "OWNER": return s.owner.read(i)
        default: preconditionFailure("FieldStorage has no storage for field \(f.name)")
        }
    }

    /// `v` is the whole 64-bit operand; each field takes the bits it stores
    /// (its width, and for checked fields only the bits the check allows).
    static func write(_ f: FieldSpec, _ m: ModuleBuilder, _ s: RouterState, index i: Signal, data v: Signal) {
        switch f.name {
        case "PIN": s.pin.write(i, v[31, 0])
        case "PROC":
            s.proc.write(i, v[31, 0])
            s.useIOBitmaps?.write(i, v[OwnerControls.procUseIOBitmaps])
        case "EXC_BITMAP": s.excBitmap.write(i, v[31, 0])
        case "PFEC_MASK": s.pfecMask.write(i, v[31, 0])
        case "PFEC_MATCH": s.pfecMatch.write(i, v[31, 0])
        case "HOST_RIP": s.hostRIP.write(i, v)
        case "VMM_LOAD": s.load.write(i, v[15, 0])
        case "ROUTE": s.routePolicy.write(i, v[1, 0]); s.routeVMM.write(i, v[7, 4])
        case "ELIGIBLE": s.eligible.write(i, v[s.vmms - 1, 0])
        case "IO_BASE": s.ioBase!.write(i, v[15, 0])
        case "IO_LIMIT": s.ioLimit!.write(i, v[15, 0])
        case "IO_CTRL": s.ioEnable!.write(i, v[0]); s.ioVMM!.write(i, v[7, 4])
        case "ROUTE_LOCK": s.routeLock <== v[0]
        default: preconditionFailure("FieldStorage cannot write field \(f.name)")
        }
    }
}
