import Lockstep
import RouterModel
import RouterSpec

/// Seeded constrained-random command streams for the router (SPEC 4-7).
///
/// The same seed and parameters give the same commands on every machine. The
/// generator keeps a shadow `Router` of its own and steers by its state, so
/// the stream stays meaningful (a VMM launches and resumes, a guest raises
/// events) and reaches deep states: guests running, VMMs nested several deep,
/// fallback to VMM 0, undeliverable events, LOAD ties, saturated loads, a
/// locked routing table.
///
/// Distribution (per command):
/// - Boot (the first ~100 commands, by VMM 0): HOST_RIP of every VMM (distinct
///   per VMM), PIN/PROC/EXC_BITMAP/PFEC of every VMM, ROUTE for ~60% of the
///   supported reasons with all four policies (reason 30 favours IO_RANGE),
///   ELIGIBLE sets for LOAD routes, every I/O range (around port 0x8000,
///   0xFFFF and common ports; some disabled or empty), bitmap words of every
///   VMM, a few VMM_LOAD values. A short trace may be all boot.
/// - Then, when a guest runs: 82% EVENT, 16% a VMX op 1-5 (a guest exit),
///   2% op 6/7.
/// - When a VMM runs: EVENT 30%, LAUNCH 17% (3% when `returnTo` holds a VMM,
///   which fails 67), RESUME 25% when busy (3% when not, which fails 5),
///   VMREAD 9%, VMWRITE 13% (VMM 0: half of them routing configuration),
///   BITMAP_WRITE 3%, op 6/7 1%.
/// - EVENT reasons: 0 (25%), 30 (20%), 1 (10%), the static map (5%), any other
///   supported reason (36%), an unsupported reason (4%). About 1 in 10 events
///   of reasons 0, 1 and 30 is malformed (REJECTED 2).
/// - Operands of VMREAD/VMWRITE/BITMAP_WRITE: ~85% valid; the rest hit each
///   6.3 rule (vmcs >= V, another VMM's VMCS, unsupported or global-via-other
///   field, read-only field, value check, ROUTE_LOCK). ROUTE_LOCK is set with
///   a small chance per routing write (after a few thousand commands).
public struct RandomTraceGenerator: Sendable {
    /// The parameters the trace is made for (the generator's shadow router uses them too).
    public let config: RouterConfig
    /// The levers towards coverage holes (`StimulusBias.none`: plain random).
    public let bias: StimulusBias
    /// `!bias.isNone`, worked out once (a whole-struct compare per command otherwise).
    let biased: Bool
    var rng: SeededRandom
    /// The generator's own model of the router, to steer by.
    var shadow: Router
    var boot: [Command]
    var bootIndex = 0

    /// A generator whose stream is fixed by `seed`, `config` and `bias`: equal seeds give equal traces.
    public init(seed: UInt64, config: RouterConfig = .default, bias: StimulusBias = .none) {
        self.config = config
        self.bias = bias
        biased = !bias.isNone
        rng = SeededRandom(seed: seed)
        shadow = Router(config: config)
        boot = []
        boot = makeBootScript()
    }

    /// The next command (also applied to the shadow router).
    public mutating func next() -> Command { nextWithResponse().command }

    /// The next command and the shadow router's response to it. The shadow is a
    /// `Router(config:)` that has run every command of the stream from reset, so
    /// this is the reference's response: a streamed lockstep run takes it instead
    /// of running a second reference on the same commands.
    public mutating func nextWithResponse() -> (command: Command, response: Response) {
        let command: Command
        if bootIndex < boot.count {
            command = boot[bootIndex]; bootIndex += 1
        } else {
            command = shadow.current.isVMM ? vmmCommand() : guestCommand()
        }
        return (command, shadow.execute(command))
    }

    /// The shadow router's state after the commands so far.
    public var state: Router { shadow }

    var v: Int { config.vmms }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.below(UInt64(items.count)))] }
    mutating func below(_ n: Int) -> Int { Int(rng.below(UInt64(n))) }

    // MARK: runtime commands

    mutating func guestCommand() -> Command {
        let roll = below(100)
        if roll < 82 { return randomEvent() }
        if roll < 98 {   // a VMX instruction in a guest: becomes an exit (SPEC 4)
            var c = Command(op: UInt8(1 + below(5)))
            c.vmcs = UInt8(below(16)); c.field = UInt32(truncatingIfNeeded: rng.next()); c.data = rng.next(); c.guest = UInt8(below(64))
            return c
        }
        return Command(op: UInt8(6 + below(2)), reason: UInt16(below(64)))
    }

    mutating func vmmCommand() -> Command {
        let me = shadow.current.id
        let ret = shadow.returnTo(vmm: me)
        let busy = ret != nil
        let launchWeight = ret?.isVMM == true ? 3 : 17
        let resumeWeight = busy ? 25 : 3
        if biased, let steered = steeredCommand(me, returnTo: ret) { return steered }
        let weights = [30, launchWeight, resumeWeight, 9, 13, 3, 1]
        var roll = below(weights.reduce(0, +))
        var choice = 0
        while roll >= weights[choice] { roll -= weights[choice]; choice += 1 }
        switch choice {
        case 0: return randomEvent()
        case 1: return .launch(guest: UInt8(rng.chance(95) ? below(config.guests) : below(64)))
        case 2: return .resume
        case 3: return .vmread(vmcs: UInt8(randomVMCS(me)), field: randomField(forRead: true))
        case 4: return randomWrite(me)
        case 5:
            let word = rng.chance(90) ? interestingWord() : UInt32(IOBitmap.wordsPerVMM + below(1 << 20))
            return .bitmapWrite(vmcs: UInt8(randomVMCS(me)), word: word, data: randomBitmapData())
        default: return Command(op: UInt8(6 + below(2)), vmcs: UInt8(below(16)))
        }
    }

    /// Mostly the VMM's own VMCS (any, for VMM 0); sometimes another (65) or >= V (VMfailInvalid).
    mutating func randomVMCS(_ me: Int) -> Int {
        let roll = below(100)
        if roll < 4 && v < 16 { return v + below(16 - v) }
        if me == 0 || roll < 12 { return below(v) }
        return me
    }
}

/// Whole random traces.
public enum RandomTrace {
    /// `count` commands from `RandomTraceGenerator(seed:config:bias:)`.
    public static func generate(count: Int, seed: UInt64, config: RouterConfig = .default, bias: StimulusBias = .none) -> [Command] {
        var g = RandomTraceGenerator(seed: seed, config: config, bias: bias)
        var out: [Command] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(g.next()) }
        return out
    }
}

/// The commands of `RandomTraceGenerator(seed:config:)` as an iterator that
/// never ends: a streamed run takes as many as it needs, and two copies of it
/// give the same commands (one feeds the simulator, one the reference).
public struct RandomCommands: IteratorProtocol, Sendable {
    private var generator: RandomTraceGenerator
    /// The stream of seed `seed` under `config`.
    public init(seed: UInt64, config: RouterConfig = .default) {
        generator = RandomTraceGenerator(seed: seed, config: config)
    }
    /// The next command (never nil).
    public mutating func next() -> Command? { generator.next() }
}
