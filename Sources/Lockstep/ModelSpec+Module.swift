import CoSim
import HDL
import VerilogEmitter

extension ModelSpec {
    /// The model of a DSL module: its Verilog (`VerilogEmitter.emit`), its ports
    /// with their widths and directions, its clock and reset found from its
    /// registers and memories (the first input that clocks one; else a 1-bit input
    /// named `clk` or `clock`, for a module whose registers are all in its
    /// instances). `clock`/`reset` name them explicitly when the module has
    /// several candidates; a module whose registers use no input as
    /// clock is refused (`LockstepError.badDesign`, naming its inputs).
    public init(module: Module, clock: String? = nil, reset: String? = nil, trace: Bool = false) throws(LockstepError) {
        let signals = module.signals
        let inputs = module.inputPorts.map { signals[$0].name }
        // Inputs that clock a register or a memory, and inputs read as a register's reset.
        var clocks: [SignalID] = [], resets: [(SignalID, Bool)] = []
        for s in signals {
            guard case .register(let info) = s.kind else { continue }
            if signals[info.clock].kind == .input, !clocks.contains(info.clock) { clocks.append(info.clock) }
            if let r = info.reset, case .signal(let i) = module.exprs[r].kind, signals[i].kind == .input,
               !resets.contains(where: { $0.0 == i }) {
                resets.append((i, !info.resetKind.isActiveLow))
            }
        }
        for m in module.memories where signals[m.clock].kind == .input && !clocks.contains(m.clock) { clocks.append(m.clock) }
        let clockName: String
        if let clock {
            guard inputs.contains(clock) else {
                throw .badDesign("module \(module.name) has no input '\(clock)' to use as the clock; its inputs are: \(inputs.joined(separator: ", "))")
            }
            clockName = clock
        } else if let first = clocks.first {
            clockName = signals[first].name
        } else if let named = module.inputPorts.first(where: { ["clk", "clock"].contains(signals[$0].name) && signals[$0].width == 1 }) {
            clockName = signals[named].name   // a module whose registers are all in its instances
        } else {
            throw .badDesign("module \(module.name) has no clock: no input clocks a register or a memory (inputs: \(inputs.joined(separator: ", "))); "
                + "the lockstep layer runs clocked designs: give it a clocked module, or name the clock with ModelSpec(module:clock:)")
        }
        var resetName: String? = nil, activeHigh = true
        if let reset {
            guard inputs.contains(reset) else {
                throw .badDesign("module \(module.name) has no input '\(reset)' to use as the reset; its inputs are: \(inputs.joined(separator: ", "))")
            }
            resetName = reset
            activeHigh = resets.first(where: { signals[$0.0].name == reset })?.1 ?? !reset.hasSuffix("_n")
        } else if let first = resets.first {
            resetName = signals[first.0].name; activeHigh = first.1
        }
        let ports = module.ports.map { i in
            ModelPort(signals[i].name, width: signals[i].width, signals[i].kind == .input ? .input : .output)
        }
        let others = clocks.map { signals[$0].name }.filter { $0 != clockName }
        self.init(verilog: VerilogEmitter.emit(module), top: module.name, ports: ports, clock: clockName,
                  reset: resetName, resetActiveHigh: activeHigh, trace: trace, clocks: others)
    }
}

extension LockstepBench {
    /// The bench of a DSL module (`ModelSpec(module:)`), built or loaded from `cache`.
    public convenience init(module: Module, clock: String? = nil, reset: String? = nil,
                            cache: ModelCache = ModelCache(), resetCycles: Int = 2) throws {
        try self.init(spec: ModelSpec(module: module, clock: clock, reset: reset), cache: cache, resetCycles: resetCycles)
    }
}
