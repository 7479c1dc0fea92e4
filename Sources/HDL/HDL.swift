// Module HDL: a hardware-description DSL whose designs `VerilogEmitter` turns into Verilog-2005.
//
// API by task (details and examples in docs/dsl.md):
// - Describe a module: `ModuleBuilder("name")`; `m.input`, `m.output`, `m.wire`, `m.reg`,
//   `m.const`, `m.localparam` (a named constant), `m.regArray` (-> `RegArray`, a Verilog
//   array of registers), `m.memory` (-> `Memory`); `expr.named("x")` names a value.
// - Compute: operators on `Signal` (`& | ^ ~ + - .== .!= < <= > >= ! && || << >>`),
//   `a[hi, lo]`, `a[bit]`, `a[signal]`, `zeroExtended(to:)`, `truncated(to:)`, `cat`,
//   `replicated`, `orReduce`/`andReduce`/`xorReduce`, `addingWithCarry`,
//   `subtractingWithBorrow`, `mux(sel, a, b)`, `mux(index, [values])`.
// - Drive: `sink <== value` or `sink.assign(value)`; `regs[2] <== v`, `regs.write(idx, v)`, `mem.write(a, d)`.
// - Conditional hardware: `m.when { }.elseWhen { }.otherwise { }`, `m.switch(sel) { s in s.is(..) { } }`.
// - Hierarchy: `m.instance(module, name:, bindings:)` -> `Instance` (`inst.output("y")`).
// - Check: `try m.build()` -> `Module` or `ElaborationError` (a list of `Problem`s).
// - Walk a built module: `Module` nodes (`ExprNode`, `Statement`), referring to each other by typed
//   IDs (`ExprID`, `SignalID`, `MemoryID`, `ParameterID`, `InstanceID`, `EnumerationID`; each
//   table takes its own ID as a subscript, `module.signals[id]`); `Statement.collectRoots` lists the
//   expressions a process body reads (the loop check and the emitter's analysis share it);
//   `Statement.split(module.statements, group:)` splits the body per group of sinks (the
//   emitter's one `always` block per clock, reset and enable).
// - Examples: `Examples.counter()` and the others in Examples/.
// - Names: `Naming.snakeCase`, `Naming.problem(with:)`, `ReservedWords.contains`.
