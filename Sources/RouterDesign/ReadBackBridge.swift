import HDL
import VerilogEmitter

/// The strengthening that closes property 4b (the read-back of the locked routing fields)
/// on the *generated* router: a small module, `trapline_readback_bridge`, whose assertions
/// relate the safety checker's copy of the watched field (`chk_watch_value`, learnt from
/// the ports) to the router's register that holds that field.
///
/// Why it is needed: the checker sees only ports, so the inductive invariant behind 4b —
/// "the router stores, for the watched field, the value the checker recorded" — mentions
/// state on both sides of the ports. k-induction cannot find it (from a state where the two
/// differ, any number of steps without a write to the field reads back the wrong value),
/// and pdr did not within 300 s: it must learn it bit by bit for every routing field the
/// free watched address may name. Stated here, it is checked like any assertion and proved
/// together with 4b (same tag), so 4b's verdict stays sound.
///
/// The bridge is not part of the router and sees nothing a port-level checker could not be
/// given: its inputs are the router's `rsp_*` ports, five registers of the checker and the
/// router's routing-field registers. A Verilog-2005 harness cannot name another module's
/// registers (Yosys 0.23 reads no hierarchical references), so `trapline prove` leaves those
/// inputs unbound and connects them after flattening (`bindings`). For a router given with
/// `--rtl` the registers are unknown and the bridge is left out.
///
/// Assertions (while `rst` is low):
/// - the generated router answers in one cycle: a command is in flight in the checker
///   exactly while `rsp_valid` is 1, never two;
/// - the router's register of the watched field holds the checker's recorded value, or,
///   while a VMWRITE of it that succeeded awaits its response, that write's data;
/// - a VMREAD of the watched field that succeeded carries the register's value.
public enum ReadBackBridge {
    /// Name of the module: `trapline_readback_bridge`.
    public static let moduleName = "trapline_readback_bridge"

    /// Where an input of the bridge that is not a router port comes from after flattening.
    public struct Binding: Sendable, Equatable {
        /// The bridge's input.
        public var input: String
        /// True for the router's register `signal` (`route_vmm[5]` once Yosys' `memory_map` has
        /// turned the array into registers), false for the checker's register `signal`.
        public var inRouter: Bool
        /// The register's name inside its module.
        public var signal: String
    }

    /// The router arrays of routing fields the bridge reads: name, element count, width.
    static func arrays(_ p: RouterParameters) -> [(name: String, count: Int, width: Int)] {
        var a = [("route_policy", 64, 2), ("route_vmm", 64, 4), ("eligible", 64, p.vmms)]
        if p.ioRanges > 0 {
            a += [("io_base", p.ioRanges, 16), ("io_limit", p.ioRanges, 16), ("io_enable", p.ioRanges, 1), ("io_vmm", p.ioRanges, 4)]
        }
        return a
    }

    /// The checker registers the bridge reads (`CheckerState`, `CheckerQueue`), with widths.
    static let checkerRegisters: [(name: String, width: Int)] = [
        ("chk_watch_field", 32), ("chk_watch_value", 16), ("chk_in_flight", 2),
        ("chk_head_op", 3), ("chk_head_watch_hit", 1), ("chk_head_data", 16),
    ]

    /// The router ports the bridge reads, bound by name in the harness.
    public static let routerPorts = ["clk", "rst", "rsp_valid", "rsp_kind", "rsp_data"]

    /// Every input that is not a router port and what it is connected to after flattening.
    public static func bindings(_ p: RouterParameters) -> [Binding] {
        checkerRegisters.map { Binding(input: $0.name, inRouter: false, signal: $0.name) }
            + arrays(p).flatMap { a in (0..<a.count).map { Binding(input: "\(a.name)_\($0)", inRouter: true, signal: "\(a.name)[\($0)]") } }
            + [Binding(input: "route_lock", inRouter: true, signal: "route_lock")]
    }

    /// The bridge for routers generated with `p`.
    public static func module(_ p: RouterParameters) throws -> Module {
        try p.validate()
        let m = ModuleBuilder(moduleName)
        let clk = m.input("clk"), rst = m.input("rst")
        let rspValid = m.input("rsp_valid"), rspKind = m.input("rsp_kind", width: 3), rspData = m.input("rsp_data", width: 64)
        var chk: [String: Signal] = [:]
        for r in checkerRegisters { chk[r.name] = m.input(r.name, width: r.width) }
        var arrays: [String: [Signal]] = [:]
        for a in Self.arrays(p) { arrays[a.name] = (0..<a.count).map { m.input("\(a.name)_\($0)", width: a.width) } }
        let routeLock = m.input("route_lock")

        let w = chk["chk_watch_field"]!
        // Encodings base + 2i: ROUTE/ELIGIBLE with i < 64 (bits 6:1), IO_* with i < 16 (bits 4:1).
        let perReason = 0xFFFF_FF81, perRange = 0xFFFF_FFE1
        let t = w[6, 1]
        let route = cat(mux(t, arrays["route_vmm"]!), m.const(0, width: 2), mux(t, arrays["route_policy"]!))
        var choices: [(hit: Signal, value: Signal)] = [
            ((w & perReason) .== m.spec("FIELD_ROUTE_BASE"), route.zeroExtended(to: 16)),
            ((w & perReason) .== m.spec("FIELD_ELIGIBLE_BASE"), mux(t, arrays["eligible"]!).zeroExtended(to: 16)),
            (w .== m.spec("FIELD_ROUTE_LOCK"), routeLock.zeroExtended(to: 16)),
        ]
        if p.ioRanges > 0 {
            let r = w[4, 1]
            let ctrl = cat(mux(r, arrays["io_vmm"]!), m.const(0, width: 3), mux(r, arrays["io_enable"]!))
            choices += [((w & perRange) .== m.spec("FIELD_IO_BASE_BASE"), mux(r, arrays["io_base"]!)),
                        ((w & perRange) .== m.spec("FIELD_IO_LIMIT_BASE"), mux(r, arrays["io_limit"]!)),
                        ((w & perRange) .== m.spec("FIELD_IO_CTRL_BASE"), ctrl.zeroExtended(to: 16))]
        }
        let stored = choices.reversed().reduce(m.const(0, width: 16)) { mux($1.hit, $1.value, $0) }.named("watch_stored")
        let lockable = CheckerState.lockable(m, p, w).named("watch_lockable")

        let inFlight = chk["chk_in_flight"]!, headOp = chk["chk_head_op"]!
        let succeeded = rspValid && (rspKind .== m.spec("RSP_VMSUCCEED")) && chk["chk_head_watch_hit"]!
        let pendingWrite = (succeeded && (headOp .== m.spec("OP_VMWRITE"))).named("watch_write_pending")
        let pendingRead = (succeeded && (headOp .== m.spec("OP_VMREAD"))).named("watch_read_pending")
        func check(_ condition: Signal, _ text: String, line: Int = #line) {
            m.assert(condition, "\(SafetyProperty.routeLockReadBack.tag): bridge: \(text)", clock: clk, disableIf: rst, line: line)
        }
        check((inFlight .!= 0) .== rspValid && (inFlight <= 1),
              "the generated router has a command in flight exactly while rsp_valid is 1 (latency 1)")
        check(!lockable || (stored .== mux(pendingWrite, chk["chk_head_data"]!, chk["chk_watch_value"]!)),
              "the router's register of the watched field holds the checker's copy (or the data of a successful VMWRITE awaiting its response)")
        check(!(lockable && pendingRead) || (rspData .== stored.zeroExtended(to: 64)),
              "a successful VMREAD of the watched field carries the router's register")
        return try m.build()
    }

    /// The bridge's Verilog text (one module).
    public static func verilog(_ p: RouterParameters) throws -> String {
        VerilogEmitter.emit(try module(p), header: """
            // trapline_readback_bridge: the strengthening of property 4b for the generated router,
            // generated from Sources/RouterDesign/ReadBackBridge.swift. Do not edit.
            // Parameters: --vmms \(p.vmms) --guests \(p.guests) --io-ranges \(p.ioRanges)

            """)
    }
}
