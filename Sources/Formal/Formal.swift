/// Module Formal: proofs of a checker's assertions about a design, through Yosys and
/// ABC (`yosys-abc`), with counterexamples as waveforms and per-cycle port values.
/// Knows Verilog text and port lists, not the DSL and not the router.
///
/// Build the proof
/// - `ProofHarness.verilog(...)`: a top module that instantiates the design under test and
///   a checker bound to its ports by name, with the one assumption: reset in the first cycle.
/// - `AssertionGroups.parse(checkerVerilog:file:)`: which line of the checker's Verilog holds
///   which assertion, grouped by the tag its message starts with ("handshake: ...").
///
/// Run it
/// - `Prover(workDirectory:sources:top:groups:)` then `prepare()` (Yosys: read, flatten,
///   memories to flip-flops, gates) and `prove(group, depth:timeout:)` per group:
///   ABC `pdr` for an unbounded proof, and when it does not decide, ABC `bmc3` to depth K.
/// - `Verdict`: `.proved(engine)`, `.holdsToDepth(k)`, `.failed(Counterexample)`.
///
/// Read a counterexample
/// - `Counterexample`: the failing assertion, the frame, a VCD written by Yosys' `sim`
///   from ABC's witness, and `VCDSamples`: the top-level signal values sampled at every
///   rising clock edge (what a trace converter turns into stimulus).
public enum Formal {}
