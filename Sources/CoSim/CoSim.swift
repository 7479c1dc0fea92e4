/// # CoSim — Verilator models driven from Swift
///
/// Knows Verilog text, a top module name and a port list; nothing of the DSL
/// or the router. Guide: docs/cosim.md.
///
/// Describe
/// - `ModelSpec` (Verilog, top, `[ModelPort]`, clock, reset, trace, Verilator flags),
///   `ModelPort` (`.input(name, width)`, `.output(name, width)`), `StorageClass`.
/// - `ModelSpec.discover(verilog:top:...)` / `discover(verilogFiles:top:...)`: the ports from
///   Verilator's own elaboration (`verilator --xml-only`), clock and reset by convention or by name;
///   `ModelSpec.ports(verilog:top:)` / `ports(verilogFiles:top:)` for the port list alone.
/// - `ModelSpec.observed` (`ObservedSignal(path:width:)`, or `observe(_:)` / `discover(observe:)`
///   with the widths Verilator finds): internal signals read like outputs through
///   `VerilatedModel.observed(_:)`; an unknown path is `ModelError.unknownSignal` with the closest signals.
///
/// Build and cache
/// - `ModelCache(directory:log:)`, `ModelCache.defaultDirectory()` (TRAPLINE_CACHE_DIR,
///   sim/build/cache in the repository, ~/.cache/trapline), `entry(for:)`, `key(for:)`,
///   `buildCount(top:)`, `buildExecutable(sources:against:output:)` (C++ harnesses).
/// - Entries carry a manifest (sizes, SHA-256) checked before use; a damaged entry is rebuilt.
///   A cache folder that cannot be used is a `CacheError`.
///
/// Simulate
/// - `VerilatedModel(spec, cache:, seed:)` (or `entry:` from `ModelCache.entry(for:)`, per-run instances); `input(_:)` / `output(_:)` -> `InputPort` / `OutputPort`;
///   `observed(_:)` -> `OutputPort` of an internal signal.
/// - `poke(_:_:)`, `poke(_:words:)`, `poke(_:word:_:)`; `peek(_:)`, `peek(_:word:)`, `peekWords(_:)`;
///   `sampled(_:)`, `sampled(_:word:)`, `sampledWords(_:)`; `step(_:)`, `settle()`, `reset(cycles:)`, `cycles`.
/// - Secondary clocks (`ModelSpec.clocks`): `clock(_:)` -> `ClockPort`, `tick(_:_:)` (one full cycle of that
///   clock; the main clock keeps its level).
/// - Ending: `step` returns false once the RTL called `$finish`/`$stop` or Verilator stopped it
///   with a fatal error; `end` (`ModelEnd`: kind, Verilog line, cycle) says which. The process goes on.
/// - Raw fast path: `rawInputs`, `rawSampled`, `inputsChanged()`.
/// - Waveforms: `openTrace(_:)`, `closeTrace()`, `flushTrace()`, `isTracing`.
///
/// Lint
/// - `VerilogLint.run(file:top:libraries:tools:)` -> `LintReport` (`findings`, `isClean`,
///   per-tool `runs` with command, status and raw output); `LintFinding` (tool, severity,
///   Verilator code, file, line, column, message, notes; `Codable`), `LintFinding.parse(_:tool:)`;
///   `LintError` (bad input / a tool missing).
///
/// Tools
/// - `Toolchain.locate(_:)`, `Toolchain.version(of:)`, `Tool`, `ToolError` (missing / failed),
///   `ProcessRunner.run` / `check`. Model problems are `ModelError`; Verilog that Verilator
///   refuses (syntax, no such top module) is `VerilogRejected` (the input's fault, not the tool's).
public enum CoSimModule {}
