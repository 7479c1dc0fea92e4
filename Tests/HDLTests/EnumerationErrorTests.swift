import HDL
import Testing

/// Misuse of enumerations is refused at elaboration, with the place and the fix.
@Suite struct EnumerationErrorTests {
    func problems(_ m: ModuleBuilder) -> [String] {
        do { _ = try m.build(); Issue.record("build() succeeded"); return [] }
        catch let e as ElaborationError { return e.problems.map(\.description) }
        catch { Issue.record("\(error)"); return [] }
    }

    @Test func duplicateAndUnknownCases() {
        let m = ModuleBuilder("e")
        let clk = m.input("clk")
        let S = m.enumeration("State", ["idle", "run", "idle"]); let line = #line
        let r = m.reg("state", S, clock: clk)
        r <== S.value("stop"); let useLine = #line
        #expect(problems(m) == [
            "EnumerationErrorTests.swift:\(line): enumeration `State` lists `idle` twice; fix: list each case once",
            "EnumerationErrorTests.swift:\(useLine): enumeration `State` (declared at EnumerationErrorTests.swift:\(line)) has no value `stop`; fix: use one of: idle, run",
        ])
    }

    @Test func aPlainConstantOrAnotherEnumerationIsRefused() {
        let m = ModuleBuilder("e")
        let clk = m.input("clk"), rst = m.input("rst")
        let S = m.enumeration("State", ["idle", "run"])
        let L = m.enumeration("Light", ["red", "green"])
        let state = m.reg("state", S, clock: clk, reset: rst, resetTo: S.idle)
        state.assign(1); let constLine = #line
        state.assign(L.green); let otherLine = #line
        _ = m.reg("light", L, clock: clk, reset: rst); let noResetToLine = #line
        #expect(problems(m) == [
            "EnumerationErrorTests.swift:\(constLine): register `state` holds enumeration `State`, but is given the plain constant 1; fix: use one of: State.idle, State.run",
            "EnumerationErrorTests.swift:\(otherLine): register `state` holds enumeration `State`, but `LIGHT_GREEN` is of enumeration `Light`; fix: use one of: State.idle, State.run",
            "EnumerationErrorTests.swift:\(noResetToLine): register `light` of enumeration `Light` has a reset but no resetTo value; fix: add resetTo: Light.red",
        ])
    }

    @Test func aSwitchOnAnEnumerationListsItsValuesByName() {
        let m = ModuleBuilder("e")
        let clk = m.input("clk"), go = m.input("go")
        let S = m.enumeration("State", ["idle", "run"])
        let L = m.enumeration("Light", ["red", "green"])
        let state = m.reg("state", S, clock: clk)
        state <== S.idle
        var lines: [Int] = []
        m.switch(state) { s in
            s.is(1) { state <== S.run }; lines.append(#line)
            s.is(L.red) { state <== S.run }; lines.append(#line)
            s.is(go) { state <== S.run }; lines.append(#line)
        }
        let (numberLine, otherLine, varLine) = (lines[0], lines[1], lines[2])
        #expect(problems(m) == [
                "EnumerationErrorTests.swift:\(numberLine): the switch on `state` (enumeration `State`) lists plain numbers [1]; fix: list its values by name: s.is(State.idle) { }",
                "EnumerationErrorTests.swift:\(otherLine): the switch on `state` holds enumeration `State`, but `LIGHT_RED` is of enumeration `Light`; fix: use one of: State.idle, State.run",
                "EnumerationErrorTests.swift:\(varLine): switch arm `go` must be a constant (an enumeration value or localparam) of the selector's 1 bits; fix: compare with m.when(sel .== value) for a non-constant, or use a value of the selector's width",
        ])
    }
}
