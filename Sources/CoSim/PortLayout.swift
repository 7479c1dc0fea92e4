/// Where each port lives in the buffers Swift shares with the C shim.
///
/// Inputs (except the clock) get slots in the input buffer, outputs get slots
/// in the output buffers (the post-edge `out` buffer and the pre-edge
/// `sampled` buffer share one layout), followed by the observed internal
/// signals (`ModelSpec.observed`, in order; `observed` holds their entries,
/// each a `ModelPort` output named by the path). A port of up to 64 bits takes one
/// `UInt64` slot; a wider port takes one slot per 32-bit Verilator word
/// (least significant first, each slot holding a value below 2^32).
/// The Swift side and the generated shim both derive it from this one function.
struct PortLayout: Sendable {
    struct Entry: Sendable {
        var port: ModelPort
        var slot: Int
        var slots: Int
    }
    var entries: [Entry]
    var observed: [Entry]
    var inputSlots: Int
    var outputSlots: Int

    init(spec: ModelSpec) {
        var entries: [Entry] = []
        var inSlot = 0, outSlot = 0
        for p in spec.ports where p.name != spec.clock {
            let n = p.width > 64 ? (p.width + 31) / 32 : 1
            if p.direction == .input {
                entries.append(Entry(port: p, slot: inSlot, slots: n)); inSlot += n
            } else {
                entries.append(Entry(port: p, slot: outSlot, slots: n)); outSlot += n
            }
        }
        var observed: [Entry] = []
        for s in spec.observed {
            let n = s.width > 64 ? (s.width + 31) / 32 : 1
            observed.append(Entry(port: .output(s.path, s.width), slot: outSlot, slots: n)); outSlot += n
        }
        self.entries = entries; self.observed = observed
        inputSlots = inSlot; outputSlots = outSlot
    }
}
