/// Combinational-loop check: a graph over signals where a wire/output depends on the
/// signals its logic reads (registers, inputs and memory contents break paths), and an
/// instance output depends on the parent signals bound to the child inputs it reaches
/// combinationally. Every loop found is reported with its path. Iterative (no deep
/// recursion), so large designs are fine.
extension DesignChecker {
    /// Reports loops; returns, for each output port, the input ports it depends on.
    func checkLoops(into found: inout [Problem]) -> [[Int]] {
        let deps = dependencies()
        var color = [UInt8](repeating: 0, count: signals.count)   // 0 new, 1 on stack, 2 done
        var loops = 0
        for root in signals.indices where color[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            color[root] = 1
            while let top = stack.last {
                let ds = deps[top.node]
                if top.next < ds.count {
                    stack[stack.count - 1].next += 1
                    let n = ds[top.next]
                    if color[n] == 0 {
                        color[n] = 1
                        stack.append((n, 0))
                    } else if color[n] == 1 && loops < 8 {
                        loops += 1
                        let start = stack.lastIndex { $0.node == n }!
                        // The path is listed in signal-flow order: each feeds the next.
                        var cycle = Array(stack[start...].map(\.node).reversed())
                        // Start at the first-declared signal, so the text does not depend on the search.
                        let k = cycle.firstIndex(of: cycle.min()!)!
                        cycle = Array(cycle[k...] + cycle[..<k])
                        found.append(loopProblem(cycle))
                    }
                } else {
                    color[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        return outputDependencies(deps)
    }

    private func loopProblem(_ cycle: [Int]) -> Problem {
        let path = (cycle + [cycle[0]]).map { d in "`\(signals[d].swiftName)` (\(signals[d].location))" }.joined(separator: " -> ")
        let first = signals[cycle[0]]
        return Problem(first.location, "combinational loop: \(path)",
                       fix: "break the loop with a register, or remove one of these dependencies")
    }

    /// For each signal, the signals it reads combinationally.
    func dependencies() -> [[Int]] {
        var deps = [[Int]](repeating: [], count: signals.count)
        var stamp = [Int](repeating: -1, count: builder.exprs.count)
        var seenSignal = [Int](repeating: -1, count: signals.count)
        for (pi, p) in processes.enumerated() {
            guard case .combinational(let d) = p.kind else { continue }
            var roots: [Int] = []
            collectRoots(p.body, into: &roots)
            deps[d] = reads(roots, stamp: &stamp, seen: &seenSignal, mark: pi)
        }
        var mark = processes.count
        for inst in builder.instances {
            let child = inst.module
            let outs = child.outputPorts
            for b in inst.outputs {
                guard let k = outs.firstIndex(where: { child.signals[$0].name == b.port }) else { continue }
                let inputNames = Set(child.combinationalInputs[k].map { child.signals[$0].name })
                let roots = inst.inputs.filter { inputNames.contains($0.port) }.map(\.index)
                deps[b.index] += reads(roots, stamp: &stamp, seen: &seenSignal, mark: mark)
                mark += 1
            }
        }
        return deps
    }

    private func collectRoots(_ list: [Statement], into roots: inout [Int]) {
        for s in list {
            switch s {
            case .assign(_, let v, _): roots.append(v)
            case .memoryWrite(_, let a, let v, _): roots.append(a); roots.append(v)
            case .when(let branches, let otherwise, _):
                for b in branches { roots.append(b.condition); collectRoots(b.body, into: &roots) }
                if let otherwise { collectRoots(otherwise, into: &roots) }
            case .switchOn(let sel, let cases, let def, _):
                roots.append(sel)
                for c in cases { collectRoots(c.body, into: &roots) }
                if let def { collectRoots(def, into: &roots) }
            }
        }
    }

    /// The declared signals read by the expressions `roots` (without duplicates, in order).
    private func reads(_ roots: [Int], stamp: inout [Int], seen: inout [Int], mark: Int) -> [Int] {
        var out: [Int] = []
        var work = roots
        while let n = work.popLast() {
            if stamp[n] == mark { continue }
            stamp[n] = mark
            let kind = builder.exprs[n].kind
            if case .signal(let d) = kind {
                if seen[d] != mark { seen[d] = mark; out.append(d) }
            } else {
                work.append(contentsOf: kind.operands)
            }
        }
        return out
    }

    /// For each output port, the input ports reachable through combinational dependencies.
    private func outputDependencies(_ deps: [[Int]]) -> [[Int]] {
        var result: [[Int]] = []
        var visited = [Int](repeating: -1, count: signals.count)
        for (k, out) in signals.indices.filter({ signals[$0].kind == .output }).enumerated() {
            var inputs: [Int] = []
            var work = deps[out]
            while let n = work.popLast() {
                if visited[n] == k { continue }
                visited[n] = k
                if signals[n].kind == .input { inputs.append(n) } else { work.append(contentsOf: deps[n]) }
            }
            result.append(inputs.sorted())
        }
        return result
    }
}
