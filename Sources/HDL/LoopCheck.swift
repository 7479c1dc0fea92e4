/// Combinational-loop check on one graph whose vertices are the declared signals
/// (0..<S) and the expression nodes (S..<S+E): a wire/output points at the expressions
/// its logic reads (values, conditions, selectors), an expression at its operands, a
/// signal reference at the signal, and an instance output at the parent expressions
/// bound to the child inputs it reaches combinationally. Registers, inputs and memory
/// contents have no outgoing edges, so they break paths. Linear in the design size and
/// iterative (no deep recursion). Every loop found is reported with its path of signals.
extension DesignChecker {
    /// Reports loops; returns, for each output port, the input ports it depends on.
    func checkLoops(into found: inout [Problem]) -> [[SignalID]] {
        let edges = graph()
        var color = [UInt8](repeating: 0, count: edges.count)   // 0 new, 1 on stack, 2 done
        var loops = 0
        for root in signals.indices where color[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            color[root] = 1
            while let top = stack.last {
                let ds = edges[top.node]
                if top.next < ds.count {
                    stack[stack.count - 1].next += 1
                    let n = ds[top.next]
                    if color[n] == 0 {
                        color[n] = 1
                        stack.append((n, 0))
                    } else if color[n] == 1 && loops < 8 {
                        loops += 1
                        let start = stack.lastIndex { $0.node == n }!
                        // Signal-flow order (each feeds the next), signals only.
                        var cycle = stack[start...].map(\.node).filter { $0 < signals.count }.reversed().map { $0 }
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
        return outputDependencies(edges)
    }

    private func loopProblem(_ cycle: [Int]) -> Problem {
        let path = (cycle + [cycle[0]]).map { d in "`\(signals[d].swiftName)` (\(signals[d].location))" }.joined(separator: " -> ")
        let first = signals[cycle[0]]
        return Problem(first.location, "combinational loop: \(path)",
                       fix: "break the loop with a register, or remove one of these dependencies")
    }

    /// Adjacency lists of the signal + expression graph described above.
    func graph() -> [[Int]] {
        let s = signals.count
        let exprs = builder.exprs
        var edges = [[Int]](repeating: [], count: s + exprs.count)
        for (n, e) in exprs.enumerated() {
            if case .signal(let d) = e.kind { edges[s + n] = [d.index] } else { edges[s + n] = e.kind.operands.map { s + $0.index } }
        }
        for p in processes {
            guard case .combinational(let d) = p.kind else { continue }
            var roots: [ExprID] = []
            Statement.collectRoots(p.body, into: &roots)
            edges[d.index] = roots.map { s + $0.index }
        }
        for inst in builder.instances {
            let child = inst.module
            let outs = child.outputPorts
            for b in inst.outputs {
                guard let k = outs.firstIndex(where: { child.signals[$0].name == b.port }) else { continue }
                let inputNames = Set(child.combinationalInputs[k].map { child.signals[$0].name })
                edges[b.sink.index] += inst.inputs.filter { inputNames.contains($0.port) }.map { s + $0.value.index }
            }
        }
        return edges
    }

    /// For each output port, the input ports reachable through combinational edges.
    private func outputDependencies(_ edges: [[Int]]) -> [[SignalID]] {
        var result: [[SignalID]] = []
        var visited = [Int?](repeating: nil, count: edges.count)   // the output whose search reached it last
        for (k, out) in signals.indices.filter({ signals[$0].kind == .output }).enumerated() {
            var inputs: [SignalID] = []
            var work = edges[out]
            while let n = work.popLast() {
                if visited[n] == k { continue }
                visited[n] = k
                if n < signals.count && signals[n].kind == .input { inputs.append(SignalID(n)) } else { work.append(contentsOf: edges[n]) }
            }
            result.append(inputs.sorted())
        }
        return result
    }
}
