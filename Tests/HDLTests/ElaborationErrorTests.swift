import HDL
import Testing

/// Each class of elaboration error is refused with a message naming what, where
/// (File.swift:LINE of the constructs involved) and the fix. Line numbers are taken
/// from `#line` at the construct so the tests survive edits above them.
@Suite struct ElaborationErrorTests {
    /// The problems `build()` reports (fails the test when it succeeds).
    func problems(_ m: ModuleBuilder) -> [String] {
        do {
            _ = try m.build()
            Issue.record("build() succeeded but should have failed")
            return []
        } catch let e as ElaborationError {
            return e.problems.map(\.description)
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func widthMismatchOnAssignmentNamesBothSizesTheSinkAndTheLine() {
        let m = ModuleBuilder("w")
        let a = m.input("a", width: 5)
        let target = m.reg("target", width: 4, clock: m.input("clk")); let regLine = #line
        target.assign(a); let line = #line
        let p = problems(m)
        #expect(p == ["ElaborationErrorTests.swift:\(line): cannot assign a 5-bit value `a` to 4-bit register `target` (declared at ElaborationErrorTests.swift:\(regLine)); fix: truncate the value (.truncated(to: 4)) or widen the register"])
    }

    @Test func widthMismatchWithOperatorNamesDeclarationAndEnclosingWhen() {
        let m = ModuleBuilder("w")
        let a = m.input("a", width: 3)
        let c = m.input("c")
        let out = m.output("out", width: 4); let outLine = #line
        out <== 0
        m.when(c) { out <== a }; let whenLine = #line
        let p = problems(m)
        #expect(p == ["ElaborationErrorTests.swift:\(outLine): cannot assign a 3-bit value `a` to 4-bit output `out` (declared here, inside the when/switch at ElaborationErrorTests.swift:\(whenLine)); fix: zero-extend the value (.zeroExtended(to: 4)) or narrow the output"])
    }

    @Test func operandWidthsMustMatch() {
        let m = ModuleBuilder("w")
        let a = m.input("a", width: 8); let aLine = #line
        let b = m.input("b", width: 4); let bLine = #line
        let y = m.output("y", width: 8)
        y <== a + b
        let p = problems(m)
        #expect(p.count == 1)
        #expect(p.first == "operands of `+` have different widths: `a` is 8 bits, `b` is 4 bits (see ElaborationErrorTests.swift:\(aLine), ElaborationErrorTests.swift:\(bLine)); fix: make the widths equal with .zeroExtended(to:) or .truncated(to:)")
    }

    @Test func literalMustFitItsWidth() {
        let m = ModuleBuilder("w")
        let a = m.input("a", width: 4)
        let y = m.output("y", width: 4)
        y <== a + 16
        let k = m.const(300, width: 8); let constLine = #line
        let z = m.output("z", width: 8)
        z <== k
        let p = problems(m)
        #expect(p.count == 2)
        #expect(p.first == "the literal 16 does not fit in 4 bits (the other operand of `+` (`a`); largest is 15); fix: use a wider operand (.zeroExtended(to:)) or a smaller literal")
        #expect(p.last == "ElaborationErrorTests.swift:\(constLine): the literal 300 does not fit in 8 bits (m.const(width: 8); largest is 255); fix: use a wider operand (.zeroExtended(to:)) or a smaller literal")
    }

    @Test func undrivenOutputAndWire() {
        let m = ModuleBuilder("u")
        _ = m.output("y", width: 2); let yLine = #line
        let w = m.wire("spare"); let wLine = #line
        _ = w
        let p = problems(m)
        #expect(p == [
            "ElaborationErrorTests.swift:\(yLine): output `y` is never driven; fix: drive it with `y <== value` (or remove it)",
            "ElaborationErrorTests.swift:\(wLine): wire `spare` is never driven; fix: drive it with `spare <== value` (or remove it)",
        ])
    }

    @Test func twoUnconditionalDrivers() {
        let m = ModuleBuilder("d")
        let a = m.input("a"), b = m.input("b")
        let y = m.output("y"); let yLine = #line
        y.assign(a); let first = #line
        y.assign(b); let second = #line
        let p = problems(m)
        #expect(p == ["ElaborationErrorTests.swift:\(second): output `y` (declared at ElaborationErrorTests.swift:\(yLine)) has two unconditional drivers: `a` at ElaborationErrorTests.swift:\(first) and `b` at ElaborationErrorTests.swift:\(second); fix: keep one driver, or put the later one under m.when to override a default"])
    }

    @Test func twoUnconditionalDriversByOperatorNameTheValues() {
        let m = ModuleBuilder("d")
        let a = m.input("a", width: 2), b = m.input("b", width: 2)
        let y = m.output("y", width: 2); let yLine = #line
        y <== a
        y <== a ^ b
        #expect(problems(m) == ["ElaborationErrorTests.swift:\(yLine): output `y` (declared at ElaborationErrorTests.swift:\(yLine)) has two unconditional drivers: `a` by `<==` and `(a ^ b)` by `<==`; fix: keep one driver, or put the later one under m.when to override a default"])
    }

    @Test func wireDrivenByAssignmentAndInstanceOutput() throws {
        let c = ModuleBuilder("child")
        let i = c.input("i")
        let o = c.output("o")
        o <== ~i
        let child = try c.build()
        let m = ModuleBuilder("parent")
        let x = m.input("x")
        let w = m.wire("w"); let wLine = #line
        let y = m.output("y")
        w <== x
        m.instance(child, name: "u_child", bindings: ["i": x, "o": w]); let instLine = #line
        y <== w
        let p = problems(m)
        #expect(p == ["ElaborationErrorTests.swift:\(wLine): wire `w` has two drivers: `<==` and the output of instance `u_child` (ElaborationErrorTests.swift:\(instLine)); fix: drive it from one place: remove the <== or bind the instance output to another wire"])
    }

    @Test func combinationalLoopPrintsThePath() {
        let m = ModuleBuilder("loop")
        let a = m.wire("a", width: 4); let aLine = #line
        let b = m.wire("b", width: 4); let bLine = #line
        let c = m.wire("c", width: 4); let cLine = #line
        let y = m.output("y", width: 4)
        a <== b + 1
        b <== c ^ 3
        c <== a
        y <== c
        let p = problems(m)
        #expect(p == ["ElaborationErrorTests.swift:\(aLine): combinational loop: `a` (ElaborationErrorTests.swift:\(aLine)) -> `c` (ElaborationErrorTests.swift:\(cLine)) -> `b` (ElaborationErrorTests.swift:\(bLine)) -> `a` (ElaborationErrorTests.swift:\(aLine)); fix: break the loop with a register, or remove one of these dependencies"])
    }

    @Test func loopThroughAnInstanceIsFoundAndARegisterBreaksIt() throws {
        let c = ModuleBuilder("passthrough")
        let i = c.input("i")
        let o = c.output("o")
        o <== i
        let child = try c.build()
        let m = ModuleBuilder("parent")
        let w = m.wire("w")
        let y = m.output("y")
        let inst = m.instance(child, name: "u_pass", bindings: ["i": w])
        w <== ~inst.output("o")
        y <== w
        let p = problems(m)
        #expect(p.count == 1, "\(p)")
        #expect(p.first?.contains("combinational loop: `w`") == true)
        #expect(p.first?.contains("`u_pass.o`") == true)

        // The same shape through a register is fine.
        let r = ModuleBuilder("registered")
        let clk = r.input("clk")
        let q = r.reg("q", clock: clk)
        let w2 = r.wire("w2")
        let y2 = r.output("y2")
        w2 <== ~q
        q <== w2
        y2 <== w2
        _ = try r.build()
    }

    @Test func latchWhenAWireIsNotAssignedOnEveryPath() {
        let m = ModuleBuilder("l")
        let c = m.input("c"), a = m.input("a")
        let y = m.output("y"); let yLine = #line
        m.when(c) { y <== a }; let whenLine = #line
        let p = problems(m)
        #expect(p == ["ElaborationErrorTests.swift:\(whenLine): output `y` (declared at ElaborationErrorTests.swift:\(yLine)) is not assigned on every path: the when at ElaborationErrorTests.swift:\(whenLine) has no otherwise, which would infer a latch; fix: assign a default first (`y <== 0` before the conditional) or add the missing arm"])
    }

    @Test func latchInASwitchWithoutDefault() {
        let m = ModuleBuilder("l")
        let s = m.input("s", width: 2)
        let y = m.output("y", width: 2)
        let switchLine = #line + 1
        m.switch(s) { k in
            k.is(0) { y <== 1 }
            k.is(1, 2) { y <== 2 }
        }
        let p = problems(m)
        #expect(p.count == 1, "\(p)")
        #expect(p.first?.hasPrefix("ElaborationErrorTests.swift:\(switchLine): output `y`") == true)
        #expect(p.first?.contains("the switch at ElaborationErrorTests.swift:\(switchLine) has no default and does not list every value") == true)
    }

    @Test func namesMustBeLegalNotReservedAndUnique() {
        let m = ModuleBuilder("module"); let l0: Int = #line
        let a = m.input("always"); let l1 = #line
        let b = m.input("2fast"); let l2 = #line
        let c = m.wire("loadCount"); let l3 = #line
        let d = m.wire("load_count"); let l4 = #line
        let y = m.output("y")
        c <== a; d <== b
        y <== c ^ d
        let p = problems(m)
        #expect(p == [
            "ElaborationErrorTests.swift:\(l0): module name `module` is a reserved word in Verilog/SystemVerilog; fix: choose another module name",
            "ElaborationErrorTests.swift:\(l1): the name of input `always` is a reserved word in Verilog/SystemVerilog; fix: rename it",
            "ElaborationErrorTests.swift:\(l2): the name of input `2fast` is not a legal Verilog identifier (letters, digits and _, starting with a letter); fix: rename it",
            "ElaborationErrorTests.swift:\(l4): wire `load_count` clashes with wire `loadCount` (Verilog `load_count`) declared at ElaborationErrorTests.swift:\(l3): both are `load_count` in Verilog; fix: rename one of them",
        ])
    }

    @Test func twoDifferentModulesMayNotShareAName() throws {
        let small = try Examples.priorityArbiter(requesters: 2)
        let big = try Examples.priorityArbiter(requesters: 3)
        let m = ModuleBuilder("top")
        let r = m.input("r", width: 3)
        let y = m.output("y")
        let a = m.instance(small, name: "u_small", bindings: ["req": r[1, 0]]); let l1 = #line
        let b = m.instance(big, name: "u_big", bindings: ["req": r]); let l2 = #line
        y <== a.output("any") ^ b.output("any")
        #expect(problems(m) == ["ElaborationErrorTests.swift:\(l2): two different modules are named `priority_arbiter` (instantiated at ElaborationErrorTests.swift:\(l1) and ElaborationErrorTests.swift:\(l2)); the Verilog can hold only one; fix: give each variant its own module name (e.g. with its parameters: `priority_arbiter_4`)"])

        // Equal modules built twice are one module; distinct names are fine.
        let m2 = ModuleBuilder("top")
        let r2 = m2.input("r", width: 3)
        let y2 = m2.output("y")
        let c = m2.instance(try Examples.priorityArbiter(requesters: 2), name: "u_a", bindings: ["req": r2[1, 0]])
        let d = m2.instance(try Examples.priorityArbiter(requesters: 2), name: "u_b", bindings: ["req": r2[2, 1]])
        let e = m2.instance(try Examples.priorityArbiter(requesters: 3, name: "arbiter_3"), name: "u_c", bindings: ["req": r2])
        y2 <== c.output("any") ^ d.output("any") ^ e.output("any")
        _ = try m2.build()
    }

    @Test func everyProblemIsReportedTogether() {
        let m = ModuleBuilder("many")
        let a = m.input("a", width: 2)
        let y = m.output("y", width: 3)
        let z = m.output("z")
        y.assign(a)
        _ = z
        let s = m.wire("s", width: 2)
        s <== a + 9
        do {
            _ = try m.build()
            Issue.record("expected problems")
        } catch let e as ElaborationError {
            // A refused driver is not reported again as "never driven".
            #expect(e.problems.count == 3, "\(e)")
            #expect(e.description.hasPrefix("module `many` has 3 problems:\n  "))
            #expect(e.description.contains("cannot assign a 2-bit value `a` to 3-bit output `y`"))
            #expect(e.description.contains("output `z` is never driven"))
            #expect(e.description.contains("the literal 9 does not fit in 2 bits"))
        } catch { Issue.record("\(error)") }
    }

    @Test func misuseIsReported() {
        let m = ModuleBuilder("misuse")
        let a = m.input("a", width: 4)
        let y = m.output("y")
        y <== 0
        m.when(a) { y <== 1 }                          // 4-bit condition
        let slice = a[5, 2]                            // out of range
        let s2 = m.output("s2", width: 4)
        s2 <== slice.zeroExtended(to: 4)
        m.switch(a) { k in
            k.is(3) { }
            k.is(3, 20) { }                            // repeated, too wide
        }
        a <== 1                                        // driving an input
        let p = problems(m)
        #expect(p.contains { $0.contains("the condition `a` is 4 bits") })
        #expect(p.contains { $0.contains("bits [5:2] are outside the 4-bit `a`") })
        #expect(p.contains { $0.contains("switch value 3 appears twice") })
        #expect(p.contains { $0.contains("switch value 20 does not fit the 4-bit selector") })
        #expect(p.contains { $0.contains("cannot drive the input `a`") })
    }
}
