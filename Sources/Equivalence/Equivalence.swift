/// # Equivalence — is the RTL the reference router?
///
/// Joins the reference router (`RouterModel`), the random stimulus
/// (`Stimulus`) and the simulators (`RouterSim`: Verilator, Icarus) into the
/// equivalence campaign that `trapline equiv` and `make cosim` run.
///
/// Directed stimulus (commands only: the reference is the oracle)
/// - `DirectedSuite.scenarios(_:)`: one `Scenario` per SPEC rule ("6.3 rule 2 wrong VMCS -> 65")
///   plus the exhaustive `Sweeps` (owner controls x control bits, #PF truth table, every I/O
///   port at sizes 1/2/4, every VMCS encoding, every exit reason, reason x policy x outcome).
/// - `TraceBuilder`: writing scenarios (navigation between VMMs, routes, events); `VMCSField`
///   helpers, `ControlBit`, `ioQual(port:size:...)`.
///
/// Coverage
/// - `CoverageModel(config:)`: the bins; `Coverage.execute(_:on:)` runs a command on the
///   reference and counts it (flat arrays, no allocation); `CoverageReport.table(_:)`.
///
/// Campaign
/// - `CampaignOptions`, `Campaign(options:primary:secondary:progress:).run()` -> `CampaignResult`
///   (testcases, coverage, per-simulator stats, divergences, `ShrinkReport`, verdict).
/// - `Compare`: run a `RouterSimulator`, first difference, reference responses; `Divergence`
///   (every simulator's value at the failing command).
/// - `Shard` (`--shard I/N`, stream seeds), `Shrinker` (ddmin over commands, operand simplification).
///
/// Reports
/// - `Summary.text(_:)` (the closing summary), `JUnitReport.xml(_:)`.
public enum EquivalenceModule {}
