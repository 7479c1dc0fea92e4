import CoSim
import Foundation

/// Proves the assertion groups of a harness with Yosys and ABC, one group at a time.
///
/// `prepare()` runs Yosys once: read every source with `-formal`, elaborate `top`,
/// flatten, turn memories into flip-flops, map to AND/NOT gates (`model.il`). Then for
/// each group `prove` keeps that group's `$assert` cells only (`chformal -remove` of the
/// others, dead logic swept) — and those of groups already proved that it is told to keep
/// (`keeping`: invariants, which strengthen the property without changing its verdict,
/// since they hold in every reachable state) — writes an AIGER model (`-zinit`: registers
/// without an initial value get a free initial value) and runs
/// 0. when `inductionDepth` K > 0, k-induction: ABC `bmc3` for the base case (no
///    counterexample in the first K + 1 cycles from reset) and ABC `ind -F K` for the
///    step on a model without the harness's assumption (any K consecutive states satisfying
///    the assertions are followed by one that does; its outputs ORed into one, as `ind`
///    wants); both closing proves the group for every depth;
/// 1. ABC `pdr` (property-directed reachability, unbounded): "proved" closes the group,
///    a counterexample fails it;
/// 2. when pdr did not decide within the time limit, ABC `bmc3` to `depth` frames: a
///    counterexample fails the group, else it holds to that depth.
/// (BMC first cost more than pdr's proof on the handshake property: 66 s vs 14 s.)
/// A counterexample's ABC witness is replayed by Yosys' `sim` on the word-level model
/// (`model_word.il`) into a VCD.
public struct Prover: Sendable {
    /// Folder for the sources, the Yosys models (`model.il`, `model_word.il`), the AIGER files, logs and counterexample VCDs.
    public var workDirectory: URL
    /// File name -> Verilog text, written into `workDirectory` and read in this order.
    public var sources: [(name: String, text: String)]
    /// Name of the harness module to elaborate.
    public var top: String
    /// The clock the witness replay samples on.
    public var clock: String
    /// The checker's assertions, by group; `prepare` checks that Yosys kept every one.
    public var groups: AssertionGroups
    /// When set, memories of at least this many words are cut out after elaboration and
    /// their read data become free inputs (sound for safety: every behaviour of the real
    /// memory is among them; a counterexample may be spurious).
    public var abstractMemories: Int?
    /// Yosys commands run before the sources are read (e.g. `Miter.loadDesigns`, which
    /// loads two designs with the same module name under other names); files they read
    /// must already be in `workDirectory`.
    public var prologue: [String] = []
    /// Connections made after flattening and `memory_map`, as (sink, source) pairs of
    /// flattened names (`u_bridge.route_vmm_5`, `dut.route_vmm[5]`): they bind a helper's
    /// unbound inputs to registers inside the design, which Verilog-2005 cannot name.
    public var bindings: [(sink: String, source: String)] = []
    /// Whether `prove` tries ABC `pdr` (an unbounded proof) before `bmc3`. An equivalence
    /// miter of two different implementations is seldom proved by pdr within a useful
    /// time; bounded checking then starts at once.
    public var tryPDR = true
    /// Whether Yosys may remove assertions it finds always true (a constant enable: in a
    /// miter whose second design never responds, the comparisons never run). By default
    /// every assertion must reach the model, a guard against a vacuous proof; when set, at
    /// least one must, and x constants left in a property's model (registers the optimiser
    /// found never loaded, such as that design's response buffer) read as 0.
    public var allowsOptimisedAssertions = false
    /// K of the k-induction tried before pdr (0: none). Induction alone rarely closes a
    /// property that relates state the assertions do not mention; with the design's
    /// invariants kept beside it, it often does, in a fraction of pdr's time.
    public var inductionDepth = 0

    /// A prover of `groups` in `top`, built from `sources` in `workDirectory`; memories are not abstracted unless `abstractMemories` is set.
    public init(workDirectory: URL, sources: [(name: String, text: String)], top: String, clock: String, groups: AssertionGroups) {
        self.workDirectory = workDirectory; self.sources = sources; self.top = top; self.clock = clock; self.groups = groups
    }

    /// Fails fast (`ToolError.missing`, with the install hint) when yosys or yosys-abc is missing.
    public static func checkTools() throws {
        _ = try Toolchain.locate(.yosys)
        _ = try Toolchain.locate(.yosysABC)
    }

    /// Writes the sources and builds the gate-level model; returns Yosys' seconds.
    @discardableResult
    public func prepare(timeout: Double) throws -> Double {
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        for s in sources { try s.text.write(to: workDirectory.appendingPathComponent(s.name), atomically: true, encoding: .utf8) }
        // `prep` (coarse optimisation and width reduction before gates) halves the time of a
        // plain proc/flatten/techmap on the router.
        // The cut memories' read data become inputs only after the bindings are connected:
        // exposed first, a helper's unbound inputs would become inputs too, then doubly driven.
        let cut = abstractMemories.map { ["delete t:$mem_v2 r:SIZE>=\($0) %i"] } ?? []
        let expose = abstractMemories == nil ? [] : ["setundef -undriven -expose"]
        let script = prologue + sources.map { "read_verilog -formal \($0.name)" } + [
            "prep -top \(top)", "flatten"] + cut + [
            "memory_map"] + bindings.map { "connect -set \(Self.escaped($0.sink)) \(Self.escaped($0.source))" } + expose + [
            "opt -fast", "write_rtlil model_word.il", "techmap", "opt -fast", "dffunmap", "abc -g AND -fast", "opt_clean",
            "stat", assertionCheck(groups.assertions.count), "write_rtlil model.il",
        ]
        return try yosys(script, name: "prepare", timeout: timeout)
    }

    /// A flattened name as a Yosys command argument: `\name`, with `[` `]` kept as part of
    /// the name (memory_map's `mem[5]`).
    static func escaped(_ name: String) -> String { "\\" + name }

    /// Seconds a Yosys step of `prove` (writing a group's model, replaying a witness) may
    /// take: not an engine, so not bound by the engines' `timeout`.
    public static let yosysLimit: Double = 1800

    /// Runs the engines on `group` (pdr, then bmc3 to `depth` frames if pdr did not decide); `timeout` bounds each engine call in seconds. Throws `ToolError` when Yosys or ABC fails or times out, or when the group's assertions are not all in the model.
    public func prove(_ group: String, keeping: [String] = [], depth: Int, timeout: Double) throws -> GroupResult {
        let start = Date()
        var notes: [String] = []
        let base = "group_\(group)"
        // The count guards against a vacuous proof: every assertion of the group (and of the
        // groups kept beside it) is in the model, and no other.
        let kept = [group] + keeping.filter { $0 != group }
        let count = groups.assertions(of: kept).count
        try yosys(["read_rtlil model.il", "chformal -assert -remove \(groups.otherAssertionsSelection(keeping: kept))",
                   "chformal -cover -remove", "opt_clean", assertionCheck(count)]
                  + (allowsOptimisedAssertions ? ["setundef -zero"] : []) + ["write_rtlil \(base).il",
                   "write_aiger -zinit -map \(base).aim \(base).aig"]
                  // The induction step's model: no assumptions (ABC's `ind` takes one output and
                  // no constraints; the step only gets harder without them, so it stays sound).
                  + (inductionDepth > 0 ? ["chformal -assume -remove", "opt_clean", "write_aiger -zinit \(base)_step.aig"] : []),
                  name: base, timeout: Self.yosysLimit)

        var clock = Date()
        func lap() -> String {
            defer { clock = Date() }
            return String(format: "%.1f s", Date().timeIntervalSince(clock))
        }
        _ = lap()
        let limit = Int(timeout.rounded(.up))
        if inductionDepth > 0 {
            let k = inductionDepth
            // The base case first: a counterexample there is a real one.
            let baseCase = try abc("read_aiger \(base).aig; fold; strash; bmc3 -F \(k + 1) -T \(limit); write_cex -a \(base)_base.aiw",
                                   timeout: timeout * 1.5 + 30)
            if case .counterexample(let frame) = baseCase.outcome {
                notes.append("abc bmc3 (k-induction base) \(lap()): " + baseCase.summary)
                let cex = try replay(base, group: group, witness: "\(base)_base.aiw", engine: "abc bmc3", frame: frame, timeout: timeout)
                return GroupResult(group: group, verdict: .failed(cex), seconds: Date().timeIntervalSince(start), notes: notes)
            }
            let step = try abc("read_aiger \(base)_step.aig; strash; orpos; ind -u -F \(k) -T \(limit)", timeout: timeout * 1.5 + 30)
            notes.append("abc bmc3 + ind -F \(k) (k-induction) \(lap()): " + step.summary)
            if case .noCounterexample(let frames) = baseCase.outcome, frames > k, step.outcome == .proved {
                return GroupResult(group: group, verdict: .proved(engine: "abc ind, k-induction, k = \(k)"),
                                   seconds: Date().timeIntervalSince(start), notes: notes)
            }
        }
        // pdr first: a proof covers every depth, so BMC only runs when pdr did not decide.
        // ABC checks its own limit (-T) between steps, so one long SAT call can overrun it;
        // the process is killed only well after, to keep ABC's own report (frames reached).
        let pdr = tryPDR ? try abc("read_aiger \(base).aig; fold; strash; pdr -T \(limit); write_cex -a \(base)_pdr.aiw",
                                   timeout: timeout * 1.5 + 30)
            : ABCRun(outcome: .undecided, summary: "not tried")
        if tryPDR { notes.append("abc pdr \(lap()): " + pdr.summary) }
        let verdict: Verdict
        switch pdr.outcome {
        case .proved:
            verdict = .proved(engine: "abc pdr")
        case .counterexample(let frame):
            verdict = .failed(try replay(base, group: group, witness: "\(base)_pdr.aiw", engine: "abc pdr", frame: frame, timeout: timeout))
        case .noCounterexample, .undecided:
            let bmc = try abc("read_aiger \(base).aig; fold; strash; bmc3 -F \(depth) -T \(limit); write_cex -a \(base)_bmc.aiw",
                              timeout: timeout * 1.5 + 30)
            notes.append("abc bmc3 \(lap()): " + bmc.summary)
            switch bmc.outcome {
            case .counterexample(let frame):
                verdict = .failed(try replay(base, group: group, witness: "\(base)_bmc.aiw", engine: "abc bmc3", frame: frame, timeout: timeout))
            case .noCounterexample(let frames):
                verdict = .holdsToDepth(frames, reason: "pdr: \(pdr.summary)")
            case .proved, .undecided:
                verdict = .holdsToDepth(0, reason: "pdr: \(pdr.summary); bmc3: \(bmc.summary)")
            }
        }
        return GroupResult(group: group, verdict: verdict, seconds: Date().timeIntervalSince(start), notes: notes)
    }

    /// Replays an ABC witness on the group's model with Yosys' `sim`: the VCD and which
    /// assertion failed.
    func replay(_ base: String, group: String, witness: String, engine: String, frame: Int, timeout: Double) throws -> Counterexample {
        let vcd = "\(base)_cex.vcd"
        // On the word-level model: the gate-level one keeps no name for a signal that only
        // feeds other gates (a port like cmd_ready would read x). Registers the group's model
        // left out (outside its cone) start at 0.
        let log = try yosysLog(["read_rtlil model_word.il",
                                "sim -clock \(clock) -zinit -r \(witness) -map \(base).aim -vcd \(vcd)"], name: "\(base)_sim", timeout: Self.yosysLimit)
        let text = (try? String(contentsOf: workDirectory.appendingPathComponent(vcd), encoding: .utf8)) ?? ""
        return Counterexample(assertion: failedAssertion(in: log, group: group), engine: engine, frame: frame,
                              vcd: workDirectory.appendingPathComponent(vcd).path,
                              samples: VCDSamples.parse(text, clock: clock))
    }

    /// "Assert top.$assert$... (top.v:..|checker.v:253.24-254.86) failed." -> that assertion:
    /// the first of `group` (the replay model has every group's assertions), else the first.
    func failedAssertion(in log: String, group: String) -> AssertionGroups.Assertion? {
        let failed = log.split(separator: "\n").filter { $0.contains("Assert ") && $0.contains("failed") }
            .compactMap { groups.assertion(inYosysMessage: $0) }
        return failed.first { $0.group == group } ?? failed.first
    }

    /// The Yosys check that the model holds the assertions (all `count`, or at least one).
    func assertionCheck(_ count: Int) -> String {
        allowsOptimisedAssertions ? "select -assert-min 1 t:$assert" : "select -assert-count \(count) t:$assert"
    }

    // MARK: tools

    @discardableResult
    func yosys(_ commands: [String], name: String, timeout: Double) throws -> Double {
        let start = Date()
        _ = try yosysLog(commands, name: name, timeout: timeout)
        return Date().timeIntervalSince(start)
    }

    func yosysLog(_ commands: [String], name: String, timeout: Double) throws -> String {
        let path = try Toolchain.locate(.yosys)
        let script = workDirectory.appendingPathComponent("\(name).ys")
        try (commands.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        let args = ["-q", "-l", "\(name).log", "-s", "\(name).ys"]
        let r = try ProcessRunner.run(path, args, cwd: workDirectory, timeout: timeout)
        let log = (try? String(contentsOf: workDirectory.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? r.output
        if r.timedOut {
            throw ToolError.failed(tool: .yosys, command: "yosys \(args.joined(separator: " ")) (in \(workDirectory.path))",
                                   output: "stopped after its time limit of \(Int(timeout)) s (a loaded machine? run it again, or with fewer properties)")
        }
        guard r.status == 0 else {
            throw ToolError.failed(tool: .yosys, command: "yosys \(args.joined(separator: " ")) (in \(workDirectory.path))", output: log)
        }
        return log
    }

    func abc(_ script: String, timeout: Double) throws -> ABCRun {
        let path = try Toolchain.locate(.yosysABC)
        let r = try ProcessRunner.run(path, ["-c", script], cwd: workDirectory, timeout: timeout)
        if r.timedOut { return ABCRun(outcome: .undecided, summary: "no answer within \(Int(timeout)) s (killed)") }
        guard r.status == 0 else {
            throw ToolError.failed(tool: .yosysABC, command: "yosys-abc -c \"\(script)\" (in \(workDirectory.path))", output: r.output)
        }
        return ABCRun.parse(r.stdout)
    }
}
