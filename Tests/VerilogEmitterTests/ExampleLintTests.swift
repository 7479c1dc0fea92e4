import HDL
import Testing
import TestSupport
import VerilogEmitter

@Suite struct ExampleLintTests {
    @Test func counterIsLintClean() throws {
        let text = VerilogEmitter.emit(try Examples.counter())
        print(text)
        try Lint.check(verilog: text, top: "counter")
    }
}
