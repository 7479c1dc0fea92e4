import Foundation
import HDL
import Testing
import TestSupport
import VerilogEmitter

/// Differential test of expression semantics: random expression DAGs built with the
/// DSL operators are evaluated by a small Swift interpreter of the HDL nodes and by
/// Icarus running the emitted Verilog, on random input vectors; every output must agree.
/// Seeded: a failure names the seed (and `TRAPLINE_EXPR_SEED=<seed>` replays just it).
@Suite struct RandomExpressionTests {
    /// A tiny deterministic generator (SplitMix64).
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func mask(_ w: Int) -> UInt64 { w >= 64 ? .max : (1 << UInt64(w)) - 1 }

    /// Builds a random module: inputs i0..i3, outputs o0..o7 of random expressions.
    static func randomModule(seed: UInt64) throws -> Module {
        var rng = Rng(state: seed)
        let m = ModuleBuilder("expr_dut")
        var pool: [Signal] = (0..<4).map { m.input("i\($0)", width: 1 + rng.below(12)) }
        func pick() -> Signal { pool[rng.below(pool.count)] }
        func fit(_ s: Signal, _ w: Int) -> Signal {
            s.width == w ? s : (s.width > w ? s.truncated(to: w) : s.zeroExtended(to: w))
        }
        for _ in 0..<40 {
            let a = pick(), b = fit(pick(), a.width)
            let k = rng.below(Int(min(mask(a.width), 1000)) + 1)
            let s: Signal
            switch rng.below(22) {
            case 0: s = a & b
            case 1: s = a | k
            case 2: s = k ^ a
            case 3: s = ~a
            case 4: s = a + b
            case 5: s = a - k
            case 6: s = k - a
            case 7: s = a.addingWithCarry(b)
            case 8: s = a.subtractingWithBorrow(b)
            case 9: s = cat(a .== b, a .!= k, a < b, a <= k, k > a, a >= b)
            case 10: s = (a.orReduce() && b.xorReduce()) || !a.andReduce()
            case 11: s = a << rng.below(a.width + 1)
            case 12: s = a >> rng.below(a.width + 1)
            case 13: s = a << fit(pick(), 1 + rng.below(4))
            case 14: s = a >> fit(pick(), 1 + rng.below(4))
            case 15:
                let lo = rng.below(a.width), hi = lo + rng.below(a.width - lo)
                s = a[hi, lo]
            case 16: s = a[fit(pick(), 1 + rng.below(5))]
            case 17: s = cat(a, b, pick())
            case 18: s = a.replicated(1 + rng.below(3))
            case 19: s = mux(pick()[0], a, b)
            case 20: s = mux(a.orReduce(), k, b)
            default: s = a.zeroExtended(to: a.width + rng.below(8))
            }
            pool.append(s.width > 48 ? s.truncated(to: 48) : s)
        }
        for o in 0..<8 {
            let value = pool[pool.count - 1 - o * 3]
            let out = m.output("o\(o)", width: value.width)
            out <== value
        }
        return try m.build()
    }

    /// The reference interpreter of HDL expression nodes.
    static func evaluate(_ m: Module, inputs: [SignalID: UInt64]) -> [UInt64] {
        var v = [UInt64](repeating: 0, count: m.exprs.count)
        for (n, e) in m.exprs.enumerated() {
            let w = e.width, mk = mask(w)
            func x(_ i: ExprID) -> UInt64 { v[i.index] }
            switch e.kind {
            case .signal(let d): v[n] = inputs[d] ?? 0
            case .constant(let c): v[n] = c
            case .parameter(let k): v[n] = m.parameters[k].value
            case .not(let a): v[n] = ~x(a) & mk
            case .logicalNot(let a): v[n] = x(a) == 0 ? 1 : 0
            case .binary(let op, let a, let b):
                let (p, q) = (x(a), x(b))
                switch op {
                case .and: v[n] = p & q
                case .or: v[n] = p | q
                case .xor: v[n] = p ^ q
                case .add, .addCarry: v[n] = (p &+ q) & mk
                case .sub, .subBorrow: v[n] = (p &- q) & mk
                case .eq: v[n] = p == q ? 1 : 0
                case .ne: v[n] = p != q ? 1 : 0
                case .lt: v[n] = p < q ? 1 : 0
                case .le: v[n] = p <= q ? 1 : 0
                case .gt: v[n] = p > q ? 1 : 0
                case .ge: v[n] = p >= q ? 1 : 0
                case .logicalAnd: v[n] = (p != 0 && q != 0) ? 1 : 0
                case .logicalOr: v[n] = (p != 0 || q != 0) ? 1 : 0
                case .mul: v[n] = (p &* q) & mk
                }
            case .shiftConst(let left, let a, let k):
                v[n] = k >= 64 ? 0 : (left ? (x(a) << UInt64(k)) & mk : x(a) >> UInt64(k))
            case .shiftVar(let left, let a, let s):
                let k = x(s)
                v[n] = k >= 64 ? 0 : (left ? (x(a) << k) & mk : x(a) >> k)
            case .slice(let a, _, let lo): v[n] = (x(a) >> UInt64(lo)) & mk
            case .dynamicBit(let a, let i):
                v[n] = x(i) < UInt64(m.exprs[a].width) ? (x(a) >> x(i)) & 1 : 0
            case .concat(let parts):
                v[n] = parts.reduce(0) { ($0 << UInt64(m.exprs[$1].width)) | x($1) }
            case .replicate(let a, let count):
                let pw = UInt64(m.exprs[a].width)
                v[n] = (0..<count).reduce(0) { acc, _ in (acc << pw) | x(a) }
            case .reduce(let op, let a):
                let aw = m.exprs[a].width
                switch op {
                case .or: v[n] = x(a) != 0 ? 1 : 0
                case .and: v[n] = x(a) == mask(aw) ? 1 : 0
                case .xor: v[n] = UInt64(x(a).nonzeroBitCount & 1)
                }
            case .mux(let s, let t, let f): v[n] = x(s) != 0 ? x(t) : x(f)
            case .zeroExtend(let a): v[n] = x(a)
            case .signExtend, .signedCompare, .shiftRightArithmetic: v[n] = 0   // not generated here (SignedTests)
            case .memoryRead: v[n] = 0
            }
        }
        return m.processes.compactMap { $0.singleAssignment.map { v[$0.index] } }
    }

    @Test func randomExpressionsAgreeWithIcarus() throws {
        let seeds: [UInt64] = ProcessInfo.processInfo.environment["TRAPLINE_EXPR_SEED"].flatMap(UInt64.init).map { [$0] }
            ?? Array(1...6)
        for seed in seeds {
            let module = try Self.randomModule(seed: seed)
            let text = VerilogEmitter.emit(module)
            try Lint.check(verilog: text, top: "expr_dut")
            var rng = Rng(state: seed &* 7919)
            let inputs = module.inputPorts
            let outputs = module.outputPorts
            var vectors: [[SignalID: UInt64]] = []
            for _ in 0..<64 {
                var vec: [SignalID: UInt64] = [:]
                for d in inputs { vec[d] = rng.next() & Self.mask(module.signals[d].width) }
                vectors.append(vec)
            }
            var bench = "module tb;\n"
            for d in inputs { let s = module.signals[d]; bench += "    reg [\(s.width - 1):0] \(s.name);\n" }
            for d in outputs { let s = module.signals[d]; bench += "    wire [\(s.width - 1):0] \(s.name);\n" }
            bench += "    expr_dut dut (" + (inputs + outputs).map { ".\(module.signals[$0].name)(\(module.signals[$0].name))" }.joined(separator: ", ") + ");\n"
            bench += "    initial begin\n"
            for vec in vectors {
                for d in inputs { bench += "        \(module.signals[d].name) = \(module.signals[d].width)'d\(vec[d]!);\n" }
                bench += "        #1 $display(\"" + outputs.map { _ in "%0d" }.joined(separator: " ") + "\", "
                    + outputs.map { module.signals[$0].name }.joined(separator: ", ") + ");\n"
            }
            bench += "    end\nendmodule\n"
            let out = try IcarusSimulationTests.simulate(module, bench: bench)
            let lines = out.split(separator: "\n").filter { !$0.isEmpty && $0.first!.isNumber }
            #expect(lines.count == vectors.count, "seed \(seed): \(out)")
            for (k, line) in lines.enumerated() where k < vectors.count {
                let got = line.split(separator: " ").map { UInt64($0) ?? .max }
                let want = Self.evaluate(module, inputs: vectors[k])
                #expect(got == want, "seed \(seed) vector \(k): Icarus \(got), HDL \(want); replay with TRAPLINE_EXPR_SEED=\(seed)")
                if got != want { break }
            }
        }
    }
}
