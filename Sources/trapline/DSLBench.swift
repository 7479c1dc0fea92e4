import Foundation
import HDL
import VerilogEmitter

/// DSL speed figures for `trapline bench`: builds and elaborates a generated design of
/// about `nodes` expression nodes (`Examples.syntheticDesign`), then emits its Verilog.
/// Keys printed by the bench: `dsl_nodes`, `dsl_elaborate_s` (describe + `build()`),
/// `dsl_emit_s` (`VerilogEmitter.emit`).
func measureDSLBenchmark(nodes: Int = 10_000) -> (nodes: Int, elaborateSeconds: Double, emitSeconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let builder = Examples.syntheticDesign(nodes: nodes)
    let module: Module
    do {
        module = try builder.build()
    } catch {
        fatalError("the synthetic benchmark design failed to elaborate: \(error)")
    }
    let built = clock.now
    let text = VerilogEmitter.emit(module)
    let emitted = clock.now
    precondition(!text.isEmpty)
    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    return (module.exprs.count, seconds(built - start), seconds(emitted - built))
}
