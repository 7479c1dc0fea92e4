/// The generic verification layer: any design, a Swift reference model, lockstep.
///
/// A user brings three things:
/// - a **design**: a DSL `Module` (`ModelSpec(module:)`) or Verilog text with a
///   port list (`ModelSpec`), compiled into a Verilator model by `CoSim`;
/// - a **reference model** in Swift: `CycleReference` (reset, then per cycle the
///   inputs in and the outputs the design must show out) or, for valid/ready
///   streams, `TransactionReference` (beats in, the beats that must come out, in
///   order, whatever the latency);
/// - a **stimulus**: `StimulusSource` (per cycle, the inputs; it may react to
///   what the design showed the cycle before), or `RandomStimulus`.
///
/// `LockstepBench` runs them side by side, cycle by cycle, from reset, in runs of
/// a fixed length with seeds derived from one campaign seed. On the first
/// divergence it reports the cycle, the inputs, expected and actual values;
/// shrinks the stimulus (`Shrinker`: ddmin over cycles, then value
/// simplification); writes the shrunk trace (`StimulusTrace`, a text file) and a
/// VCD of it; and prints the command that replays it. `IcarusLockstep` runs
/// recorded traces under Icarus Verilog from a generated test bench as a second
/// opinion. Coverage bins (`CoverageCounts`) and JUnit XML (`JUnitDocument`)
/// are available to any design. `LockstepCommandLine` gives a user's executable
/// the usual flags (`--seed --runs --cycles --replay --out --junit --icarus-runs`)
/// and exit codes (0 equivalent, 1 diverged, 2 bad input, 3 a tool failed).
///
/// The per-cycle path (`LockstepBench.runCycles`) is `@inlinable`, so it is
/// specialised for the user's reference and stimulus types in the user's module:
/// no strings, dictionaries, allocation or dynamic dispatch per cycle.
public enum LockstepLayer {}
