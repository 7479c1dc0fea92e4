import HDL

/// Registers and memories that share one `always @(posedge clock)` block: the same clock,
/// reset and enable. Their drivers are split out of the module body as one tree per group
/// (`Statement.split`), so a condition that several registers share is written once,
/// as a designer would write it.
struct ClockedGroups {
    struct Group {
        var clock: SignalID
        /// The reset, or nil.
        var reset: ExprID?
        /// The enable, or nil.
        var enable: ExprID?
        var resetKind: ResetKind = .syncHigh
        /// Registers, in declaration order.
        var registers: [SignalID] = []
        /// Memories and register arrays, in declaration order.
        var memories: [MemoryID] = []
        /// The drivers of every member, under their conditions.
        var body: [Statement] = []
        /// The writes of plain memories (no reset, no enable) of the same clock that share
        /// this block, emitted after the reset `if` so a reset does not hold them.
        var memoryBody: [Statement] = []
        /// Where the group is emitted among the module's processes.
        var position: Int
    }

    private(set) var groups: [Group] = []

    init(_ m: Module) {
        struct Key: Hashable { var clock: SignalID; var reset: ExprID?; var enable: ExprID?; var kind: ResetKind }
        var index: [Key: Int] = [:]
        var sinkGroup: [Sink: Int] = [:]
        var position: [Sink: Int] = [:]   // sink -> index of its process
        for (i, p) in m.processes.enumerated() {
            switch p.kind {
            case .register(let d): position[.signal(d)] = i
            case .memory(let k): position[.memory(k)] = i
            case .combinational: break
            }
        }
        // A sink without a process comes after every process: signals, then memories.
        func fallback(_ sink: Sink) -> Int {
            switch sink {
            case .signal(let d): return m.processes.count + d.index
            case .memory(let k): return m.processes.count + m.signals.count + 1 + k.index
            }
        }
        func add(_ key: Key, sink: Sink, _ assign: (inout Group) -> Void) {
            let at = position[sink] ?? fallback(sink)
            if index[key] == nil {
                index[key] = groups.count
                groups.append(Group(clock: key.clock, reset: key.reset, enable: key.enable, resetKind: key.kind, position: at))
            }
            let g = index[key]!
            groups[g].position = Swift.min(groups[g].position, at)
            assign(&groups[g])
            sinkGroup[sink] = g
        }
        for (d, s) in zip(m.signals.ids, m.signals) {
            guard case .register(let info) = s.kind else { continue }
            // A register that nothing drives and nothing resets has no block.
            if position[.signal(d)] == nil && info.reset == nil { continue }
            add(Key(clock: info.clock, reset: info.reset, enable: info.enable, kind: info.resetKind), sink: .signal(d)) { $0.registers.append(d) }
        }
        var plainGroup: [MemoryID: Int] = [:]   // memory -> group whose block also writes it
        for (k, mem) in zip(m.memories.ids, m.memories) {
            let info = mem.registers
            if position[.memory(k)] == nil && info?.reset == nil { continue }
            // A plain memory joins the block of the registers with a synchronous reset and no
            // enable on its clock, so conditions both use are written (and computed) once.
            if info == nil, let g = groups.firstIndex(where: { $0.clock == mem.clock && $0.reset != nil && $0.enable == nil && !$0.resetKind.isAsync }) {
                plainGroup[k] = g
                continue
            }
            add(Key(clock: mem.clock, reset: info?.reset, enable: info?.enable, kind: info?.resetKind ?? .syncHigh), sink: .memory(k)) { $0.memories.append(k) }
        }
        for part in Statement.split(m.statements, group: { sinkGroup[$0] }) {
            groups[part.group].body = part.body
        }
        let memoryParts = Statement.split(m.statements) { sink in
            if case .memory(let k) = sink { return plainGroup[k] }
            return nil
        }
        for part in memoryParts { groups[part.group].memoryBody = part.body }
        groups.sort { $0.position < $1.position }
    }
}
