import HDL
import TestSupport
import VerilogEmitter

/// Builds a module named `t` with clk/rst/en inputs and the given body, emits and lints it
/// (Verilator -Wall, Icarus, Yosys); returns the text without its location comments
/// (`GroupingAndNamesTests.locationsArePerBlock` checks those).
func emitLinted(_ body: (ModuleBuilder, _ clk: Signal, _ rst: Signal, _ en: Signal) throws -> Void) throws -> String {
    let m = ModuleBuilder("t")
    let clk = m.input("clk"), rst = m.input("rst"), en = m.input("en")
    try body(m, clk, rst, en)
    let text = VerilogEmitter.emit(try m.build())
    try Lint.check(verilog: text, top: "t")
    return withoutLocationComments(text)
}
