import HDL

/// The I/O bitmaps of SPEC 7 (V x 2048 words of 32 bits, word {vmm, w} holds
/// ports 32w..32w+31 of that VMM), which read 0 after every `rst`, not only
/// after power-on, while still taking one command per cycle.
///
/// A RAM cannot be cleared in one cycle, so a word's contents count only when
/// two levels of valid bits say it was written since the last reset:
/// - `data`: the words themselves (RAM, V x 2048 x 32);
/// - `valid`: one bit per data word, packed 32 per word (RAM, V x 64 x 32):
///   bit (i & 31) of valid word i >> 5 is set when data word i was written;
/// - `top`: one flip-flop per valid word (V x 64), cleared by `rst` in one
///   cycle like every register: a valid word counts only when its top bit is set.
///
/// Word i reads `data[i]` when `top[i >> 5]` and bit `i & 31` of `valid[i >> 5]`
/// are set, else 0. A write of word i writes `data[i]`, writes `valid[i >> 5]`
/// = (`top[i >> 5]` ? `valid[i >> 5]` : 0) | (1 << (i & 31)) — the first write
/// of a group after a reset drops that group's stale valid bits — and sets
/// `top[i >> 5]`. Reads are asynchronous as before (the router reads words
/// w and w + 1 for a span, so `valid` has a read port per data read port,
/// plus one for the write's read-modify-write), so timing is unchanged.
/// The RAMs keep their simulation initial value of 0 (power-on).
struct IOBitmap {
    let data: Memory
    let valid: Memory
    /// One bit per valid word, reset 0 (a register array: a write sets one element).
    let top: RegArray
    /// Address bits of the VMM part of an address ({vmm, word}: vmmBits + 11 bits).
    let vmmBits: Int

    init(_ m: ModuleBuilder, vmms v: Int, clk: Signal, rst: Signal) {
        vmmBits = bitsToIndex(v)
        data = m.memory("io_bitmap", depth: v * 2048, width: 32, clock: clk)
        valid = m.memory("io_bitmap_valid", depth: v * 64, width: 32, clock: clk)
        top = m.regArray("io_bitmap_top", count: v * 64, width: 1, clock: clk, reset: rst, resetValue: 0)
    }

    /// Word `word` (11 bits) of VMM `vmm` (`vmmBits` bits), 0 unless written since the last
    /// reset (asynchronous). The address parts are taken from `vmm` and `word` directly
    /// (group {vmm, word[10:5]}, bit word[4:0]), so the read is one expression a simulator
    /// evaluates only where its value is used.
    func read(vmm: Signal, word: Signal) -> Signal {
        let g = cat(vmm, word[10, 5])
        let written = top.read(g) && valid.read(g)[word[4, 0]]
        return mux(written, data.read(cat(vmm, word)), 0)
    }

    /// Writes `value` into word `word` of VMM `vmm` on the clock edge, under the enclosing
    /// conditions.
    func write(_ m: ModuleBuilder, vmm: Signal, word: Signal, _ value: Signal) {
        let g = cat(vmm, word[10, 5])
        let kept = mux(top.read(g), valid.read(g), 0)
        valid.write(g, kept | (m.const(1, width: 32) << word[4, 0]))
        data.write(cat(vmm, word), value)
        top.write(g, m.const(1, width: 1))
    }
}
