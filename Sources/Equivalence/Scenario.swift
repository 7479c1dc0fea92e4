import RouterModel

/// One directed scenario: a trace of commands from reset, named after the
/// SPEC rule it exercises. Scenarios hold commands only: the reference router
/// is the oracle, the expected responses come from it.
public struct Scenario: Sendable {
    /// A directed scenario of one SPEC rule, or an exhaustive sweep (`Sweeps`).
    public enum Kind: String, Sendable {
        /// A hand-written trace for one SPEC rule (`DirectedSuite`).
        case directed
        /// An exhaustive sweep over a small space of the SPEC (`Sweeps`).
        case sweep
    }
    /// "5.3 #PF mask/match", "6.3 rule 2 wrong VMCS -> 65", ...
    public var name: String
    /// Directed or sweep.
    public var kind: Kind
    /// The trace, from reset.
    public var commands: [Command]
    /// For sweeps too big for the slow simulator: a subset (same name, fewer
    /// commands) to run under Icarus; nil means run `commands` everywhere.
    public var sample: [Command]?
    /// A scenario `name` of `commands`; `sample` is the subset for the slow simulator (nil: all of them).
    public init(_ name: String, kind: Kind = .directed, commands: [Command], sample: [Command]? = nil) {
        self.name = name; self.kind = kind; self.commands = commands; self.sample = sample
    }
}

/// A small helper to write scenarios as readable command sequences.
///
/// Navigation: `setUpNavigation()` points one "navigation" exit reason per VMM
/// (FIELD policy) at that VMM, so `enter(vmm:)` moves control to a VMM with
/// one event. The navigation reasons avoid the static map and the reasons a
/// scenario wants to test (`avoiding`).
public struct TraceBuilder {
    /// The parameters the trace is written for.
    public let config: RouterConfig
    /// The commands written so far, in order.
    public private(set) var commands: [Command] = []
    private var nav: [UInt16] = []

    /// A builder for `config` whose navigation reasons avoid `avoiding` (and the static map).
    public init(_ config: RouterConfig, avoiding: [UInt16] = []) {
        self.config = config
        nav = TraceBuilder.navigation(config, avoiding: avoiding)
    }

    static func navigation(_ config: RouterConfig, avoiding: [UInt16]) -> [UInt16] {
        let pool: [UInt16] = [17, 18, 19, 21, 22, 26, 27, 31, 32, 55, 2, 3, 4, 9, 10, 11, 13, 5, 6, 20, 23, 24, 25]
        return pool.filter { !config.staticMap.contains($0) && !avoiding.contains($0) }
    }

    /// Picks navigation reasons that avoid `avoiding` and routes them (VMM 0 must be running).
    public mutating func renavigate(avoiding: [UInt16]) {
        let next = TraceBuilder.navigation(config, avoiding: avoiding)
        for v in 0..<min(config.vmms, next.count) where v >= nav.count || nav[v] != next[v] {
            route(next[v], policy: Policy.field, vmm: v)
        }
        nav = next
    }

    /// Number of VMMs, and VMM ids clamped into range (for small `--vmms`).
    public var vmms: Int { config.vmms }
    /// VMM `i`, clamped to the last VMM for small `--vmms`.
    public func vmm(_ i: Int) -> Int { min(i, config.vmms - 1) }
    /// Guest `i`, clamped to the last guest for small `--guests`.
    public func guest(_ i: Int) -> Int { min(i, config.guests - 1) }

    /// Appends `c`.
    public mutating func add(_ c: Command) { commands.append(c) }
    /// Appends `cs`, in order.
    public mutating func add(_ cs: [Command]) { commands.append(contentsOf: cs) }
    /// Appends a VMWRITE of `data` to `field` through VMCS `vmcs` (only its low 4 bits are kept).
    public mutating func write(_ vmcs: Int, _ field: UInt32, _ data: UInt64) {
        add(.vmwrite(vmcs: UInt8(vmcs & 0xF), field: field, data: data))
    }
    /// Appends a VMREAD of `field` through VMCS `vmcs` (only its low 4 bits are kept).
    public mutating func read(_ vmcs: Int, _ field: UInt32) { add(.vmread(vmcs: UInt8(vmcs & 0xF), field: field)) }
    /// Appends a LAUNCH of guest `g` (only its low 6 bits are kept).
    public mutating func launch(_ g: Int) { add(.launch(guest: UInt8(g & 0x3F))) }
    /// Appends a RESUME.
    public mutating func resume() { add(.resume) }
    /// Appends a BITMAP_WRITE of `data` to bitmap word `word` of VMM `vmcs`.
    public mutating func bitmap(_ vmcs: Int, word: Int, _ data: UInt32) {
        add(.bitmapWrite(vmcs: UInt8(vmcs & 0xF), word: UInt32(word), data: data))
    }
    /// Appends an EVENT of `reason` with the given operands (0 when omitted).
    public mutating func event(_ reason: UInt16, vector: UInt8 = 0, intType: UInt8 = 0,
                               errValid: Bool = false, errCode: UInt32 = 0, qual: UInt64 = 0) {
        add(.event(reason: reason, vector: vector, intType: intType, errValid: errValid, errCode: errCode, qual: qual))
    }
    /// A well-formed event of `reason` (valid operands for 0, 1 and 30).
    public mutating func wellFormed(_ reason: UInt16) { add(TraceBuilder.wellFormedEvent(reason)) }

    /// A well-formed EVENT of `reason`: a #GP-like exception with error code for 0, vector 0x31 for 1, a 1-byte IN from port 0x60 for 30, qualification 0x1234 otherwise.
    public static func wellFormedEvent(_ reason: UInt16) -> Command {
        switch reason {
        case 0: return .event(reason: 0, vector: 13, intType: 3, errValid: true, errCode: 0x10)
        case 1: return .event(reason: 1, vector: 0x31)
        case 30: return .event(reason: 30, qual: ioQual(port: 0x60, size: 1, input: true))
        default: return .event(reason: reason, qual: 0x1234)
        }
    }

    /// ROUTE[t] = policy/vmm (VMM 0 must be running).
    public mutating func route(_ t: UInt16, policy: UInt8, vmm: Int) {
        write(0, VMCSField.route(Int(t)), VMCSField.routeValue(policy: policy, vmm: vmm))
    }
    /// Gives every VMM an entry point 0x1000 * (v + 1) and a navigation reason (run as VMM 0 from reset).
    public mutating func setUpNavigation() {
        for v in 0..<config.vmms {
            write(v, VMCSField.hostRIP, 0xFFFF_8000_0000_1000 &* UInt64(v + 1))
            if v < nav.count { route(nav[v], policy: Policy.field, vmm: v) }
        }
    }
    /// An event whose ROUTE is FIELD -> `v` (after `setUpNavigation`).
    public mutating func enter(vmm v: Int) {
        let v = vmm(v)
        if v < nav.count { event(nav[v], qual: UInt64(v)) }
    }

    /// Finishes the scenario.
    public func scenario(_ name: String, kind: Scenario.Kind = .directed) -> Scenario {
        Scenario(name, kind: kind, commands: commands)
    }
}
