import ArgumentParser
import CoSim
import Formal
import Foundation
import RouterModel
import RouterSim

/// `trapline prove --against OTHER.v`: bounded sequential equivalence of two router RTLs
/// with the SPEC 9 interface (`Formal.Miter` over both, ABC `bmc3` to `--depth`).
/// By default the n-th response of one is compared with the n-th of the other (latency
/// may differ); `--cycle-exact` compares every output in every cycle.
struct ProveAgainst {
    static let top = "trapline_miter"
    static let file = "trapline_miter.v"

    let config: RouterConfig
    let left: (label: String, verilog: String)
    let right: (label: String, verilog: String)
    let cycleExact: Bool
    let directory: URL

    /// The miter, the prover over it (its two designs loaded under other module names).
    func prover() throws -> Prover {
        try left.verilog.write(to: directory.appendingPathComponent("left.v"), atomically: true, encoding: .utf8)
        try right.verilog.write(to: directory.appendingPathComponent("right.v"), atomically: true, encoding: .utf8)
        let ports = RouterInterface.ports.map { HarnessPort(name: $0.name, width: $0.width, isInput: $0.isInput) }
        let streams = cycleExact ? nil : Miter.Streams(
            command: .init(valid: "cmd_valid", ready: "cmd_ready", prefix: "cmd_"),
            response: .init(valid: "rsp_valid", ready: "rsp_ready", prefix: "rsp_"))
        let text = Miter.verilog(top: Self.top, file: Self.file, left: Miter.leftModule, right: Miter.rightModule,
                                 ports: ports, clock: "clk", reset: "rst", streams: streams)
        var prover = Prover(workDirectory: directory, sources: [(Self.file, text)], top: Self.top, clock: "clk",
                            groups: AssertionGroups.parse(checkerVerilog: text, file: Self.file))
        prover.prologue = Miter.loadDesigns(leftFile: "left.v", rightFile: "right.v", module: RouterInterface.topModule)
        prover.tryPDR = false
        prover.allowsOptimisedAssertions = true
        return prover
    }

    /// The commands of a counterexample: those the miter captured (transactions) or the
    /// first design accepted (cycle-exact), from the free inputs of that cycle.
    func commands(_ samples: VCDSamples) -> [Command] {
        samples.cycles.compactMap { c -> Command? in
            // Transactions: the miter captures a command when none is pending or both
            // designs take the pending one in this cycle.
            let bothTake = (c["a_took"] == 1 || c["a_take"] == 1) && (c["b_took"] == 1 || c["b_take"] == 1)
            let taken = c["rst"] == 0 && c["cmd_valid"] == 1 && (cycleExact ? c["a_cmd_ready"] == 1 : (c["pending"] == 0 || bothTake))
            return taken ? ProveTrace.command(in: c) : nil
        }
    }
}

extension ProveCommand {
    /// Runs `--against`: prints the verdict and, on a difference, the trace, the VCD and
    /// the replay of the trace on both designs under Verilator. Exit 1 on a difference.
    func runAgainst(_ other: String, config: RouterConfig) throws {
        guard !config.ioBitmaps else {
            throw CLIError.badInput("--against with the I/O bitmaps on: the two designs' bitmaps (4 x 2048 x 32 bits at the defaults) are beyond the model checker; add --no-io-bitmaps (docs/prove.md)")
        }
        guard only.isEmpty else { throw CLIError.badInput("--property and --against: --against checks equivalence, not the safety properties; give one of them") }
        guard let otherText = try? String(contentsOfFile: other, encoding: .utf8) else {
            throw CLIError.badInput("--against \(other): cannot read the file; give the path of a Verilog file with the trapline_router interface of SPEC section 9")
        }
        let mine = try routerVerilog(config: config, rtl: rtl)
        try runTool { try Prover.checkTools() }
        let dir = try outputDirectory()
        let leftLabel = rtl ?? "the generated router"
        let check = ProveAgainst(config: config, left: (leftLabel, mine), right: (other, otherText), cycleExact: cycleExact, directory: dir)
        let prover = try check.prover()
        say("trapline prove: \(leftLabel) against \(other), parameters \(parameters.flags(all: true).joined(separator: " "))")
        say("  compared: " + (cycleExact ? "every output in every cycle outside reset (--cycle-exact)"
                                          : "the n-th response of each (latency may differ; commands offered to both until each takes it)")
            + "; depth \(depth), \(Int(timeout)) s for bmc3; work folder \(dir.path)")
        ProcessGuard.setActivity { "trapline prove had not finished; partial results are in \(dir.path)" }
        let prep: Double
        do { prep = try prover.prepare(timeout: max(timeout, 3600)) } catch let e as ToolError {
            // A time limit is the tool's problem; anything else Yosys says here is about the files.
            if "\(e)".contains("stopped after its time limit") { throw CLIError.tool("\(e)") }
            throw CLIError.badInput("the two designs could not be read and joined by yosys (is each a Verilog file whose top is trapline_router with the SPEC 9 ports?):\n\(e)")
        }
        say(String(format: "  model prepared by yosys in %.1f s", prep))
        let r = try runTool { try prover.prove(Miter.group, depth: depth, timeout: timeout) }
        let time = String(format: "%.1f s", r.seconds)
        switch r.verdict {
        case .proved(let engine):
            say("  EQUAL (\(engine), unbounded)  \(time)")
        case .holdsToDepth(let k, _) where k > 0:
            say("  EQUAL TO DEPTH \(k) (abc bmc3: no difference in the first \(k) cycles from reset\(k < depth ? "; the time limit stopped it before depth \(depth)" : ""))  \(time)")
        case .holdsToDepth:
            say("  UNDECIDED (bmc3 reached no depth within --timeout)  \(time)")
        case .failed(let cex):
            say("  DIFFERENT at cycle \(cex.frame) (\(cex.engine))  \(time)")
        }
        say("      " + r.notes.joined(separator: "; "))
        guard case .failed(let cex) = r.verdict else { return }
        say("      difference: \(cex.assertion.map { "\($0.message) (\(Miter.group), \(ProveAgainst.file):\($0.line))" } ?? "(the replay named none)")")
        let commands = check.commands(cex.samples)
        let trace = dir.appendingPathComponent("difference.jsonl")
        try TraceWriter.text(for: commands).write(to: trace, atomically: true, encoding: .utf8)
        say("      trace: \(trace.path) (\(commands.count) command\(commands.count == 1 ? "" : "s") in \(cex.samples.cycles.count) cycles)")
        say("      vcd: \(cex.vcd)")
        var diverging: [String] = []
        for (label, text, path) in [(leftLabel, mine, rtl ?? dir.appendingPathComponent("left.v").path), (other, otherText, other)] {
            let replay = ["trapline", "cosim", trace.path, "--rtl", path, "--idle", "0", "--stall", "0"] + parameters.flags()
            say("      replay \(label): \(replay.joined(separator: " "))")
            guard !noReplay else { continue }
            let outcome = ProveTrace.replay(commands, verilog: text, config: config, rtl: path)
            if outcome.hasPrefix("no divergence") {
                say("        under Verilator: agrees with the reference router on this trace")
            } else {
                diverging.append(label)
                say("        under Verilator: " + outcome)
            }
        }
        if !noReplay {
            switch diverging.count {
            case 1: say("      so the difference is \(diverging[0])'s: it departs from the reference router (SPEC) on this trace")
            case 2: say("      both depart from the reference router on this trace")
            default: say("      neither departs from the reference at full rate: the difference needs the counterexample's timing (rsp_ready, idle cycles; see the VCD), where SPEC may leave room")
            }
        }
        throw ExitCode(ExitStatus.mismatch.rawValue)
    }
}
