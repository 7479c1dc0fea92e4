import Foundation

/// One instance of a Verilated model, driven cycle by cycle from Swift.
///
/// ## Timing semantics (tested in Tests/CoSimTests/TimingSemanticsTests.swift)
/// - `poke(p, v)` stores an input value in the shared input buffer. Bits above
///   the port's width are dropped (as a Verilog assignment does). Nothing is
///   evaluated yet.
/// - `step(n)` runs n full clock cycles with the poked inputs held constant.
///   One cycle = clock low, inputs applied, evaluate (combinational logic
///   settles; this is where the **sampled** values are taken), then clock
///   rising edge, evaluate (registers take their new values). The model rests
///   with the clock high between calls. In a VCD the falling edge of cycle k
///   is at time 10k and its rising edge at 10k+5.
/// - `peek(p)` returns the settled outputs for the current register state and
///   the current inputs: after `step` the values just after the last rising
///   edge; after a `poke` without a `step`, the model is re-evaluated first
///   (no clock edge), so combinational outputs follow the new inputs.
/// - `sampled(p)` returns the value the output had just before the last
///   rising edge of the last `step`: what a synchronous receiver saw at that
///   edge. A valid/ready test bench reads handshakes here (one C call per cycle).
/// - `reset(cycles:)` holds the spec's reset input active for that many
///   cycles (other inputs as poked), then releases it (no further edge).
/// - `tick(c, n)` runs n cycles of a secondary clock (`ModelSpec.clocks`,
///   handle from `clock(_:)`) as `step` does for the main clock, which keeps
///   its level: `c` low, inputs applied, evaluate (sampled values taken), `c`
///   rising edge, evaluate; only registers clocked by `c` update. Each cycle
///   of any clock is its own time slot (10 time units in a VCD); edges never
///   coincide. `sampled` holds the values before the last rising edge of
///   whichever clock ran last; `cycles` counts main-clock cycles.
/// - When the RTL calls `$finish` or `$stop`, or Verilator stops it with a
///   fatal error, the process goes on: `step` returns false, `end` says what
///   happened where and in which cycle, and the instance is frozen (later
///   steps do nothing). A driver must check: a run that ended early checked
///   nothing after that cycle.
///
/// The per-cycle path is one C call (`tl_step`) that copies the input buffer
/// into the model, toggles the clock, evaluates and copies outputs out, and
/// whose return value says whether the simulation has ended: no strings,
/// dictionaries or allocation. Not thread-safe: use an instance from
/// one thread at a time; separate instances are independent.
public final class VerilatedModel {
    /// Name of the top module the model was built from.
    public let top: String
    /// The cache entry holding the compiled library this instance loaded.
    public let entry: ModelCache.Entry
    /// Seed of this instance's random initial register values (`--x-initial unique`): the same seed gives the same initial state.
    public let seed: UInt64
    @usableFromInline let inputs: UnsafeMutablePointer<UInt64>
    @usableFromInline let outputs: UnsafeMutablePointer<UInt64>
    @usableFromInline let sampledOutputs: UnsafeMutablePointer<UInt64>
    @usableFromInline let instance: UnsafeMutableRawPointer
    let fns: ShimFunctions
    @usableFromInline let stepFunction: @convention(c) (UnsafeMutableRawPointer?, UInt64) -> Int32
    @usableFromInline let tickFunction: @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt64) -> Int32
    @usableFromInline let runFunction: @convention(c) (UnsafeMutableRawPointer?, UInt64, UnsafePointer<UInt64>?, UInt32, UnsafePointer<Int>?,
                                                       UnsafeMutablePointer<UInt64>?, UInt32, UnsafePointer<Int>?, UnsafeMutablePointer<UInt64>?) -> Int32
    @usableFromInline var dirty = false
    /// Clock cycles stepped since the instance was created (reset cycles included).
    public var cycles: UInt64 { cycleCount }
    @usableFromInline var cycleCount: UInt64 = 0
    let layout: PortLayout
    let spec: ModelSpec
    private var resetPort: InputPort?
    /// True while a VCD file is open.
    public private(set) var isTracing = false
    /// How the simulation ended on its own (`$finish`, `$stop`, a fatal
    /// error), nil while it runs; see `ModelEnd`.
    public private(set) var end: ModelEnd?

    /// Loads (building on a cache miss) the model of `spec` and creates an
    /// instance. `seed` seeds Verilator's random initial register values
    /// (`--x-initial unique`): the same seed gives the same initial state.
    public convenience init(_ spec: ModelSpec, cache: ModelCache = ModelCache(), seed: UInt64 = 1) throws {
        try self.init(spec, entry: cache.entry(for: spec), seed: seed)
    }

    /// A new instance of the model `entry`, which must be what
    /// `ModelCache.entry(for: spec)` returned: for drivers that create a fresh
    /// instance per run, so each run does not hash the Verilog text again.
    public init(_ spec: ModelSpec, entry: ModelCache.Entry, seed: UInt64 = 1) throws {
        let layout = PortLayout(spec: spec)
        guard entry.layoutSlots == (layout.inputSlots, layout.outputSlots) else {
            throw ModelError.load("\(entry.library.path) was built for another port list than \(spec.top)'s; pass the entry ModelCache.entry(for:) gave for this spec")
        }
        let fns = try ShimFunctions.load(entry.library)
        self.spec = spec; self.layout = layout; self.entry = entry; self.fns = fns; self.stepFunction = fns.step; self.tickFunction = fns.tick; self.runFunction = fns.run
        self.top = spec.top; self.seed = seed
        // Cache lines of their own: the model writes them every cycle, maybe beside another thread's data.
        inputs = lineAligned(UInt64.self, max(1, layout.inputSlots), 0)
        outputs = lineAligned(UInt64.self, max(1, layout.outputSlots), 0)
        sampledOutputs = lineAligned(UInt64.self, max(1, layout.outputSlots), 0)
        let mixed = UInt32(truncatingIfNeeded: (seed ^ (seed >> 32)) &* 0x9E37_79B9_7F4A_7C15 >> 32)
        guard let inst = fns.new(mixed, inputs, outputs, sampledOutputs) else {
            inputs.deallocate(); outputs.deallocate(); sampledOutputs.deallocate()
            throw ModelError.load("\(entry.library.path): tl_new returned null")
        }
        instance = inst
        noteEnd()   // an initial block may already have called $finish
        if let r = spec.reset { resetPort = try input(r) }
    }

    deinit {
        fns.free(instance)   // also closes an open trace cleanly
        inputs.deallocate(); outputs.deallocate(); sampledOutputs.deallocate()
    }

    /// The ports (clock excluded) in declaration order.
    public var ports: [ModelPort] { layout.entries.map(\.port) }

    /// The handle of input `name`; throws for an unknown name, an output, or a clock.
    public func input(_ name: String) throws(ModelError) -> InputPort {
        if name == spec.clock { throw .wrongPort("\(name) is the clock of \(top): step() drives it, it cannot be poked") }
        if spec.clocks.contains(name) {
            throw .wrongPort("\(name) is a secondary clock of \(top): tick(clock(\"\(name)\")) drives it, it cannot be poked")
        }
        guard let e = layout.entries.first(where: { $0.port.name == name }) else { throw unknown(name) }
        guard e.port.direction == .input else { throw .wrongPort("\(name) is an output of \(top); use output(\"\(name)\") to peek it") }
        return e.inputHandle
    }

    /// The handle of output `name`; throws for an unknown name or an input.
    public func output(_ name: String) throws(ModelError) -> OutputPort {
        guard let e = layout.entries.first(where: { $0.port.name == name }) else { throw unknown(name) }
        guard e.port.direction == .output else { throw .wrongPort("\(name) is an input of \(top); use input(\"\(name)\") to poke it") }
        return e.outputHandle
    }

    /// The handle of the observed internal signal `path` (`ModelSpec.observed`):
    /// an `OutputPort` that `peek` and `sampled` read as an output port's.
    public func observed(_ path: String) throws(ModelError) -> OutputPort {
        guard let e = layout.observed.first(where: { $0.port.name == path }) else {
            throw .unknownSignal(path: path, top: top, reason: "it is not in the spec's observed list (ModelSpec.observed)",
                                 candidates: SignalCandidates.closest(to: path, among: spec.observed.map(\.path)))
        }
        return e.outputHandle
    }

    private func unknown(_ name: String) -> ModelError {
        .unknownPort(name: name, top: top, known: spec.ports.map(\.name))
    }

    // MARK: Per-cycle API (inlinable: no call overhead across modules)

    /// Sets input `p` (bits above its width dropped). For ports wider than 64
    /// bits this sets the low 64 bits and clears the rest.
    @inlinable @inline(__always)
    public func poke(_ p: InputPort, _ value: UInt64) {
        if p.slots == 1 {
            inputs[p.slot] = value & p.mask
        } else {
            inputs[p.slot] = value & 0xFFFF_FFFF
            inputs[p.slot + 1] = value >> 32
            for i in 2..<p.slots { inputs[p.slot + i] = 0 }
            maskTopWord(p)
        }
        dirty = true
    }

    /// Sets one 32-bit word (index 0 = least significant) of a port wider than 64 bits.
    @inlinable @inline(__always)
    public func poke(_ p: InputPort, word: Int, _ value: UInt32) {
        precondition(p.slots > 1 && word >= 0 && word < p.slots, "poke(word:) needs a port wider than 64 bits and a word index in range")
        inputs[p.slot + word] = UInt64(value)
        if word == p.slots - 1 { maskTopWord(p) }
        dirty = true
    }

    @usableFromInline func maskTopWord(_ p: InputPort) {
        let topBits = p.width - 32 * (p.slots - 1)
        if topBits < 32 { inputs[p.slot + p.slots - 1] &= (UInt64(1) << UInt64(topBits)) - 1 }
    }

    /// Sets a wide port from 32-bit words, least significant first (missing words are 0).
    public func poke(_ p: InputPort, words: [UInt32]) {
        if p.slots == 1 {
            poke(p, (words.count > 1 ? UInt64(words[1]) << 32 : 0) | UInt64(words.first ?? 0))
            return
        }
        for i in 0..<p.slots { inputs[p.slot + i] = i < words.count ? UInt64(words[i]) : 0 }
        maskTopWord(p)
        dirty = true
    }

    /// The settled value of output `p` (low 64 bits for wider ports); see the timing notes above.
    @inlinable @inline(__always)
    public func peek(_ p: OutputPort) -> UInt64 {
        if dirty { settle() }
        return p.slots == 1 ? outputs[p.slot] : outputs[p.slot] | outputs[p.slot + 1] << 32
    }

    /// One 32-bit word of a wide output (index 0 = least significant).
    @inlinable @inline(__always)
    public func peek(_ p: OutputPort, word: Int) -> UInt32 {
        if dirty { settle() }
        precondition(word >= 0 && word < max(2, p.slots), "word index out of range for \(p.name)")
        if p.slots == 1 { return UInt32(truncatingIfNeeded: outputs[p.slot] >> (32 * UInt64(word))) }
        return UInt32(truncatingIfNeeded: outputs[p.slot + word])
    }

    /// All 32-bit words of output `p`, least significant first (allocates; not for hot loops).
    public func peekWords(_ p: OutputPort) -> [UInt32] {
        let n = p.slots == 1 ? (p.width + 31) / 32 : p.slots
        return (0..<n).map { peek(p, word: $0) }
    }

    /// The value output `p` had just before the last rising edge (low 64 bits).
    @inlinable @inline(__always)
    public func sampled(_ p: OutputPort) -> UInt64 {
        p.slots == 1 ? sampledOutputs[p.slot] : sampledOutputs[p.slot] | sampledOutputs[p.slot + 1] << 32
    }

    /// One 32-bit word of output `p` as sampled before the last rising edge.
    @inlinable @inline(__always)
    public func sampled(_ p: OutputPort, word: Int) -> UInt32 {
        precondition(word >= 0 && word < max(2, p.slots), "word index out of range for \(p.name)")
        if p.slots == 1 { return UInt32(truncatingIfNeeded: sampledOutputs[p.slot] >> (32 * UInt64(word))) }
        return UInt32(truncatingIfNeeded: sampledOutputs[p.slot + word])
    }

    /// All 32-bit words of output `p` as sampled before the last rising edge (allocates).
    public func sampledWords(_ p: OutputPort) -> [UInt32] {
        (0..<((p.width + 31) / 32)).map { sampled(p, word: $0) }
    }

    /// Raw fast path for generated or specialised test benches: the shared
    /// input buffer, one `UInt64` slot per port up to 64 bits (`InputPort.slot`).
    /// A value written here must fit the port's width (poke masks, this does
    /// not) and is applied by the next `step`/`settle`; call `inputsChanged()`
    /// before a `peek` that must see it.
    @inlinable public var rawInputs: UnsafeMutablePointer<UInt64> { inputs }

    /// Raw fast path: the values sampled before the last rising edge, by `OutputPort.slot`.
    @inlinable public var rawSampled: UnsafePointer<UInt64> { UnsafePointer(sampledOutputs) }

    /// Marks the raw inputs as changed, so the next `peek` re-evaluates first.
    @inlinable public func inputsChanged() { dirty = true }

    /// Runs `n` full clock cycles (one C call for all of them). Returns false
    /// when the simulation has ended (`end`): then the cycles after the end
    /// did not run, and `cycles` counts only those that completed.
    @inlinable @inline(__always) @discardableResult
    public func step(_ n: UInt64 = 1) -> Bool {
        let status = stepFunction(instance, n)
        dirty = true   // post-edge outputs are copied out lazily, by the next peek
        if _fastPath(status == 0) {
            cycleCount &+= n
            return true
        }
        noteEnd()
        return false
    }

    /// Runs up to `n` full clock cycles in one C call, each from its own row of
    /// input values: row i (`inputs + i * inputSlots.count`) sets input slot
    /// `inputSlots[j]` (`InputPort.slot`, ports up to 64 bits) to its value j, and
    /// the outputs sampled before that cycle's rising edge go to row i of
    /// `outputs` (value j from `OutputPort.slot` `outputSlots[j]`). Values must
    /// fit their ports (as with `rawInputs`). The same cycles as `n` calls of
    /// `step()` with those inputs, without a return to Swift per cycle. Returns
    /// the cycles completed: `n`, or fewer when the simulation ended (`end`; the
    /// cycle it ended in is not counted and its output row is not written).
    @inlinable
    public func run(cycles n: Int, inputs: UnsafePointer<UInt64>, inputSlots: UnsafeBufferPointer<Int>,
                    outputs: UnsafeMutablePointer<UInt64>, outputSlots: UnsafeBufferPointer<Int>) -> Int {
        var done: UInt64 = 0
        let status = runFunction(instance, UInt64(n), inputs, UInt32(inputSlots.count), inputSlots.baseAddress,
                                 outputs, UInt32(outputSlots.count), outputSlots.baseAddress, &done)
        dirty = true
        cycleCount &+= done
        if _slowPath(status != 0) { noteEnd() }
        return Int(done)
    }

    /// Applies the poked inputs and evaluates without a clock edge (once the
    /// simulation has ended: no evaluation, the outputs as the end left them).
    public func settle() {
        if fns.settle(instance) != 0 { noteEnd() }
        dirty = false
    }

    /// Reads how the simulation ended from the shim, the first time it has.
    @usableFromInline func noteEnd() {
        guard end == nil else { return }
        var file: UnsafePointer<CChar>?, message: UnsafePointer<CChar>?
        var line: Int32 = 0, cycle: UInt64 = 0
        let raw = fns.end(instance, &file, &line, &message, &cycle)
        guard raw != 0 else { return }
        let e = ModelEnd(kind: ModelEnd.Kind(rawValue: raw) ?? .fatal, file: file.map { String(cString: $0) } ?? "",
                         line: Int(line), message: message.map { String(cString: $0) } ?? "", cycle: cycle, top: top)
        end = e
        if e.cycle > 0 { cycleCount = max(cycleCount, e.cycle - 1) }   // the cycles that completed
    }

    /// Holds reset active for `cycles` cycles, then releases it (leaves it inactive).
    public func reset(cycles n: Int = 2) throws(ModelError) {
        guard let r = resetPort else {
            throw .wrongPort("\(top) was described without a reset input: set ModelSpec.reset to use reset(cycles:)")
        }
        poke(r, spec.resetActiveHigh ? 1 : 0)
        step(UInt64(max(1, n)))
        poke(r, spec.resetActiveHigh ? 0 : 1)
    }

    // MARK: Waveforms

    /// Starts writing a VCD file at `path` (replacing an open one). The model
    /// must have been built with `ModelSpec.trace = true`.
    public func openTrace(_ path: String) throws(ModelError) {
        let rc = fns.traceOpen(instance, path)
        switch rc {
        case 0: isTracing = true
        case -1: throw .wrongPort("\(top) was built without waveform support: set ModelSpec.trace = true to write \(path)")
        default: throw .load("cannot open the VCD file \(path) for writing")
        }
    }

    /// Flushes and closes the VCD file (also done by deinit).
    public func closeTrace() {
        fns.traceClose(instance)
        isTracing = false
    }

    /// Writes buffered VCD data to the file.
    public func flushTrace() { fns.traceFlush(instance) }
}
