import Foundation
import RouterModel
import RouterSpec
import Stimulus

/// From coverage holes to a `StimulusBias`: each group of bins has the levers
/// that make its bins likely (nested exits: dive; RESUME chains: dive then
/// unwind; fallback and undeliverable cells: collide; ROUTE_LOCK: lock; LOAD:
/// ties, saturation; owner change: LAUNCH of others' guests). The cross and
/// per-reason holes also pick a policy and a reason class: one hole per
/// stream, in turn (hole `stream mod holes`), so successive streams aim at
/// different cells. A pure function of the holes and the stream index.
public enum CoverageFeedback {
    /// The bias for stream `stream` given the coverage `planned` of the streams before it (`.none` when closed).
    public static func bias(_ planned: Coverage, stream: Int) -> StimulusBias {
        let m = planned.model, s = m.seq, v = m.config.vmms
        var b = StimulusBias()
        var aims: [Int] = []     // cross and per-reason holes, each a (policy, reasons, deliverability) aim
        func hole(_ i: Int) -> Bool { planned.counts[i] == 0 && !m.excluded.contains(i) }
        for i in 0..<m.binCount where hole(i) {
            if i < m.rejectUnsupported || (m.wantRow..<m.success).contains(i) {
                aims.append(i)
            } else if (s.nesting..<s.nesting + v + 1).contains(i) {
                if i >= s.nesting + 2 { b.dive = max(b.dive, 50) }
            } else if (s.resumeDepth..<s.handler).contains(i) {
                b.dive = max(b.dive, 50); b.unwind = max(b.unwind, 80)
            } else if (s.lock..<s.loadPick).contains(i) {
                b.lock = max(b.lock, 30)
            } else if (s.loadPick..<s.owner).contains(i) {
                loadLever(i - s.loadPick, vmms: v, &b)
            } else if (s.owner..<s.owner + CoverageModel.ownerNames.count).contains(i) {
                b.ownerChange = max(b.ownerChange, 30)
                if b.policy < 0 { b.policy = Int(Policy.owner) }
            } else if i >= s.owner + CoverageModel.ownerNames.count {
                aims.append(i)
            }
        }
        if !aims.isEmpty { aim(at: aims[stream % aims.count], model: m, &b) }
        return b
    }

    private static func loadLever(_ k: Int, vmms v: Int, _ b: inout StimulusBias) {
        let extra = k - (2 * v - 1)
        if extra == 2 || extra == 3 { b.saturate = max(b.saturate, 30); if extra == 3 { b.dive = max(b.dive, 30) }; return }
        if extra == 4 { b.loadTies = max(b.loadTies, 30); return }
        if extra >= 5 {   // every VMM tied at 0xFFFF: saturate, all eligible, LOAD; from idle VMM 0 (6) or a handler (7)
            b.saturate = 100; b.loadTies = max(b.loadTies, 60); b.policy = Int(Policy.load)
            if extra == 6 { b.idle = max(b.idle, 60) }
            return
        }
        b.loadTies = max(b.loadTies, extra == 0 ? 20 : 40)
        if extra == 0 { b.dive = max(b.dive, 30) }
        b.policy = Int(Policy.load)
    }

    /// Levers for a hole of the 5.3 rows, the I/O classes, IO_RANGE and LOAD groups: the reasons and policy they need.
    private static func aimAtRow(_ row: String, _ b: inout StimulusBias) {
        if row.hasPrefix("5.3 I/O") { b.reasons = [ExitReason.ioInstruction]; b.policy = Int(Policy.owner) }
        else if row.hasPrefix("5.2 IO_RANGE") { b.reasons = [ExitReason.ioInstruction]; b.policy = Int(Policy.ioRange) }
        else if row.hasPrefix("5.2 LOAD") { b.policy = Int(Policy.load); b.loadTies = max(b.loadTies, 30); b.saturate = max(b.saturate, 10) }
        else if row.hasPrefix("5.3 #PF") || row.hasPrefix("5.3 NMI") || row.hasPrefix("5.3 exception") { b.reasons = [ExitReason.exceptionNMI]; b.policy = Int(Policy.owner) }
        else if row.hasPrefix("5.3 ") { b.policy = Int(Policy.owner); b.ownerChange = max(b.ownerChange, 20) }
    }

    /// Levers for one cross or per-reason hole: its policy, its reasons, and dive/collide for its deliverability.
    private static func aim(at i: Int, model m: CoverageModel, _ b: inout StimulusBias) {
        let name = m.binNames[i]
        guard let row = m.rows.first(where: { $0.bins.contains(i) }) else { return }
        var policy = -1, reasons: [UInt16] = [], outcome = ""
        var inHandler = false
        if row.name.hasPrefix("cross ") {
            let parts = name.components(separatedBy: ", ")
            policy = Policy.names.firstIndex { row.name.hasPrefix("cross \($0):") } ?? -1
            guard parts.count == 3, let cls = CoverageCross.classNames.firstIndex(of: parts[2]) else { return }
            let isStatic = policy == Int(Policy.staticMap)
            reasons = RouterConfig.supportedReasons.filter { CoverageCross.reasonClass($0) == cls && m.config.staticMap.contains($0) == isStatic }
            outcome = parts[1]
            inHandler = parts[0] != "guest" && parts[0] != "idle VMM 0"
            if parts[0] == "idle VMM 0" { b.idle = 60 }
        } else if row.name.hasPrefix("5.2 reason "), let t = UInt16(row.name.dropFirst(11).prefix { $0.isNumber }) {
            let parts = name.split(separator: "/").map(String.init)
            guard parts.count == 3 else { return }
            reasons = [t]
            policy = Policy.names.firstIndex(of: parts[1]) ?? -1
            outcome = parts[2]
            inHandler = parts[0] == "vmm"
        } else {
            aimAtRow(row.name, &b)
            return
        }
        if policy >= 0 && policy <= 3 { b.policy = policy }
        b.reasons = reasons
        if outcome.hasPrefix("fallback") || outcome.hasPrefix("undeliverable") || outcome.hasPrefix("rejected") {
            b.collide = max(b.collide, 40); b.dive = max(b.dive, 30)
        } else if inHandler {
            b.dive = max(b.dive, 30)
        }
    }
}
