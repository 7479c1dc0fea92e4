import RouterModel
import RouterSpec

/// Base indices of the transition and sequence groups (what follows what) and
/// of the cross (`CoverageCross`), filled by `CoverageModel.addSequenceGroups()`.
struct SequenceBins: Sendable {
    var nesting = 0       // from a guest, from idle VMM 0, then depth 2...V from a handler
    var resumeDepth = 0   // RESUME at depth 1...V
    var resumeChain = 0   // k consecutive RESUMEs, k = 2...V
    var handler = 0       // (interrupted guest, interrupted VMM) x first op class (7)
    var lock = 0          // see `lockNames`
    var loadPick = 0      // candidates 1...V, then ties 2...V, then `loadExtraNames`
    var owner = 0         // see `ownerNames`
    /// Flat cross table (`CoverageCross.slot`) -> bin index, -1 when the cell is not a bin.
    var cross: [Int32] = Array(repeating: -1, count: CoverageCross.slotCount)
}

extension CoverageModel {
    static let handlerOpNames = ["EVENT", "VMREAD", "VMWRITE", "LAUNCH", "RESUME", "BITMAP_WRITE", "op 6/7"]
    static let lockNames = ["ROUTE_LOCK set to 1", "locked: VMWRITE ROUTE -> 64", "locked: VMWRITE ELIGIBLE -> 64",
                            "locked: VMWRITE IO_BASE -> 64", "locked: VMWRITE IO_LIMIT -> 64", "locked: VMWRITE IO_CTRL -> 64",
                            "locked: VMWRITE ROUTE_LOCK -> 64", "locked: bad ROUTE value -> 64, not 7 (rule 5 before 6)",
                            "locked: VMREAD of a routing field succeeds", "locked: an event routed by the locked table"]
    static let loadExtraNames = ["least-loaded eligible VMM busy: skipped", "running VMM wins (self)",
                                 "routed to a VMM already at 0xFFFF (stays)", "RESUME at load 0xFFFF (-> 0xFFFE)",
                                 "RESUME at load 0 (stays 0)", "all VMMs tied at 0xFFFF, event from a guest",
                                 "all VMMs tied at 0xFFFF, event from idle VMM 0", "all VMMs tied at 0xFFFF, event from a handler"]
    static let ownerNames = ["LAUNCH by the guest's owner (owner unchanged)", "LAUNCH by another VMM (owner changes)",
                             "LAUNCH abandons the interrupted guest", "after an owner change: OWNER exit wanted by the new owner",
                             "after an owner change: OWNER exit not wanted -> VMM 0"]

    /// Adds the transition/sequence groups and the cross (rows named `seq ...` and `cross ...`).
    mutating func addSequenceGroups() {
        let v = config.vmms
        seq.nesting = group("seq nested exits: depth after the exit",
                            ["from a guest (depth 1)", "from idle VMM 0 (depth 1)"] + (2...v).map { "from a handler, depth \($0)" })
        seq.resumeDepth = group("seq RESUME: depth unwound from", (1...v).map { "RESUME at depth \($0)" })
        seq.resumeChain = group("seq RESUME chains: consecutive RESUMEs", (2...v).map { "\($0) RESUMEs in a row" })
        seq.handler = group("seq handler: first command after an exit",
                            ["guest", "VMM"].flatMap { k in CoverageModel.handlerOpNames.map { "interrupted \(k), then \($0)" } })
        seq.lock = group("seq ROUTE_LOCK then writes", CoverageModel.lockNames)
        seq.loadPick = group("seq LOAD: candidates, ties, saturation",
                             (1...v).map { "\($0) candidate\($0 == 1 ? "" : "s")" } + (2...v).map { "tie of \($0)" } + CoverageModel.loadExtraNames)
        seq.owner = group("seq owner change after LAUNCH", CoverageModel.ownerNames)
        addCross()
    }

    private mutating func addCross() {
        for p in 0...4 {
            let start = binNames.count
            for k in 0..<4 {
                for d in 0..<5 {
                    for cls in 0..<6 {
                        guard CoverageCross.reachable(policy: UInt8(p), deliverability: d, kind: k, reasonClass: cls, config: config) else { continue }
                        let slot = CoverageCross.slot(policy: p, deliverability: d, kind: k, reasonClass: cls)
                        seq.cross[slot] = Int32(binNames.count)
                        binNames.append("\(CoverageCross.kindNames[k]), \(CoverageCross.deliverabilityNames[d]), \(CoverageCross.classNames[cls])")
                    }
                }
            }
            if binNames.count > start {
                rows.append(Row(name: "cross \(Policy.names[p]): kind x deliverability x reason class", bins: start..<binNames.count))
            }
        }
    }

    /// Sequence bins that cannot be hit under these parameters (no I/O ranges: no IO_* writes;
    /// every controllable reason in the static map: no OWNER exits after an owner change).
    mutating func excludeUnreachableSequences() {
        if config.ioRanges == 0 { excluded.formUnion([seq.lock + 3, seq.lock + 4, seq.lock + 5]) }
        let dynamic = RouterConfig.supportedReasons.filter { !config.staticMap.contains($0) }
        if dynamic.isEmpty { excluded.insert(seq.owner + 3) }
        let controllable: Set<UInt16> = [0, 1, 12, 14, 15, 16, 29, 30, 36, 39, 40]
        if !dynamic.contains(where: { controllable.contains($0) }) { excluded.insert(seq.owner + 4) }
    }
}
