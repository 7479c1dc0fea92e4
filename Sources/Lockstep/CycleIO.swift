import CoSim

/// One cycle's values, shared by the stimulus, the design and the reference:
/// - the **inputs** applied this cycle (`io[input]`; set by the stimulus, read by
///   the reference; an input not set keeps last cycle's value);
/// - the **actual** outputs the design showed this cycle, sampled just before
///   the rising edge (`io.actual(output)`; while the stimulus runs, the values
///   of the previous cycle, 0 before the first);
/// - the **expected** outputs the reference writes (`io[output] = v`), and
///   whether each is compared this cycle (`io.ignore(output)` for a don't-care,
///   e.g. data while valid is low).
///
/// The buffers are allocated once per bench (`CycleBuffers`); reading and
/// writing is a load or a store, no allocation, no lookup.
public struct CycleIO {
    @usableFromInline let buffers: CycleBuffers
    // The buffers' pointers, held here so that an inlined access is one load or store.
    // A run split over two threads points `inputs` and `actuals` at rows of its rings
    // instead of copying each cycle's values (`CheckerThread`), and back at the end.
    @usableFromInline var inputs: UnsafeMutablePointer<UInt64>
    @usableFromInline var actuals: UnsafeMutablePointer<UInt64>
    @usableFromInline let expected: UnsafeMutablePointer<UInt64>
    @usableFromInline let cares: UnsafeMutablePointer<Bool>
    @usableFromInline let unknown: UnsafeMutablePointer<Bool>
    /// Outputs 0..<64 ignored this cycle, one bit each (higher ones: `cares`).
    @usableFromInline var ignored: UInt64 = 0
    /// Some output shows an unknown bit this cycle (Icarus only).
    @usableFromInline var anyUnknown = false
    /// The cycle being run, counted from 0 after reset.
    public var cycle: Int = 0

    /// A cycle over `buffers` (one per bench or per hand-written loop).
    public init(_ buffers: CycleBuffers) {
        self.buffers = buffers
        inputs = buffers.inputs; actuals = buffers.actual; expected = buffers.expected
        cares = buffers.cares; unknown = buffers.unknown
    }

    /// A cycle with fresh buffers for `ports`.
    public init(ports: Ports) { self.init(CycleBuffers(inputs: ports.inputs.count, outputs: ports.outputs.count)) }

    /// This cycle's value of input `p` (set: bits above its width are dropped).
    @inlinable public subscript(p: InputSignal) -> UInt64 {
        get { inputs[p.index] }
        nonmutating set { inputs[p.index] = newValue & p.mask }
    }

    /// The value the reference expects on output `p` this cycle (set: bits above its width are dropped).
    @inlinable public subscript(p: OutputSignal) -> UInt64 {
        get { expected[p.index] }
        nonmutating set { expected[p.index] = newValue & p.mask }
    }

    /// What the design showed on `p` (this cycle once the design has run; the previous cycle while the stimulus runs).
    @inlinable public func actual(_ p: OutputSignal) -> UInt64 { actuals[p.index] }

    /// Output `p` is not compared this cycle (a don't-care, e.g. data while valid is low).
    @inlinable public mutating func ignore(_ p: OutputSignal) {
        if p.index < 64 { ignored |= UInt64(1) << UInt64(p.index) } else { cares[p.index] = false }
    }

    /// Whether output `p` is compared this cycle.
    @inlinable public func isCompared(_ p: OutputSignal) -> Bool { isCompared(index: p.index) }

    @inlinable func isCompared(index i: Int) -> Bool {
        i < 64 ? (ignored >> UInt64(i)) & 1 == 0 : cares[i]
    }

    /// Every output compared again (the start of a cycle's checks).
    @inlinable mutating func compareAll(outputs n: Int) {
        ignored = 0
        if n > 64 { (cares + 64).update(repeating: true, count: n - 64) }
    }

    /// Whether the simulator showed an unknown (x or z) bit on `p` (Icarus; never under Verilator).
    @inlinable public func isUnknown(_ p: OutputSignal) -> Bool { anyUnknown && unknown[p.index] }

    /// Input `index` (position in `Ports.inputs`), for generic code.
    @inlinable public func input(at index: Int) -> UInt64 { inputs[index] }
}

/// The storage behind `CycleIO`: inputs, actual and expected outputs, and the
/// compared flags, one slot per port, allocated once.
public final class CycleBuffers {
    /// Input slots (the driven inputs).
    public let inputCount: Int
    /// Output slots (every output).
    public let outputCount: Int
    @usableFromInline let inputs: UnsafeMutablePointer<UInt64>
    @usableFromInline let actual: UnsafeMutablePointer<UInt64>
    @usableFromInline let expected: UnsafeMutablePointer<UInt64>
    @usableFromInline let cares: UnsafeMutablePointer<Bool>
    /// Per output: the simulator showed an unknown (x/z) bit (Icarus only; 0 in `actual`).
    @usableFromInline let unknown: UnsafeMutablePointer<Bool>

    /// Zeroed buffers for `inputs` inputs and `outputs` outputs, every output compared.
    /// Each buffer starts on a cache line of its own and fills whole lines: a
    /// run split over two threads (`CheckerThread`) would otherwise pay for
    /// lines shared with memory the other thread writes every cycle.
    public init(inputs: Int, outputs: Int) {
        inputCount = inputs; outputCount = outputs
        self.inputs = lineAligned(UInt64.self, max(1, inputs), 0)
        actual = lineAligned(UInt64.self, max(1, outputs), 0)
        expected = lineAligned(UInt64.self, max(1, outputs), 0)
        cares = lineAligned(Bool.self, max(1, outputs), true)
        unknown = lineAligned(Bool.self, max(1, outputs), false)
    }

    deinit { inputs.deallocate(); actual.deallocate(); expected.deallocate(); cares.deallocate(); unknown.deallocate() }

    /// Back to the state before a run: every value 0, every output compared.
    @usableFromInline func clear() {
        inputs.update(repeating: 0, count: max(1, inputCount))
        actual.update(repeating: 0, count: max(1, outputCount))
        expected.update(repeating: 0, count: max(1, outputCount))
        cares.update(repeating: true, count: max(1, outputCount))
        unknown.update(repeating: false, count: max(1, outputCount))
    }
}
