import RouterModel

/// The functional coverage bins for one set of parameters, as flat index
/// tables: recording a command computes an index and increments a counter,
/// no dictionaries or strings per command (see `Coverage`).
///
/// Groups (each a row, or rows, of the coverage table):
/// - routing cross, one row per supported exit reason: policy (STATIC for the
///   static map, else OWNER/FIELD/IO_RANGE/LOAD) x outcome (exit, self,
///   fallback, rejected 3) x running entity kind. Only reachable cells are
///   bins: a guest is never the target, so a guest only sees "exit"; OWNER
///   while a VMM runs is always "self"; no fallback when the target is VMM 0.
/// - rejected codes 1-4 (code 2 per reason 0, 1, 30 and entity kind);
/// - every VMfail: VMfailInvalid, VMfailValid 5, 7, 12, 13, 64, 65, 66, 67;
/// - every row of SPEC 5.3, wanted and not wanted (owner VMM != 0, so the two
///   are distinguishable); the #PF truth table (match x EXC_BITMAP[14]);
/// - I/O corner classes: bitmap A only, B only, A/B span, multi-word span,
///   wrap, each wanted/not (wrap: wanted only); IO_RANGE hit, miss, straddling
///   the limit, past 0xFFFF;
/// - LOAD: unique least loaded, tie to lowest id, no candidate, saturated;
/// - VMX instruction successes per field class, LAUNCH, RESUME, guest exits;
/// - transitions and sequences (`seq ...` rows): nested exits to depth V,
///   RESUME depth and chains, the handler's first command after an exit,
///   ROUTE_LOCK then writes, LOAD candidates/ties/saturation, owner change
///   after LAUNCH; and the cross policy x deliverability x running entity kind
///   x reason class (`cross ...` rows, `CoverageCross`).
public struct CoverageModel: Sendable {
    /// One row of the coverage table: a name and its range of bin indices.
    public struct Row: Sendable {
        /// The row's name (an exit reason, a VMfail, a SPEC 5.3 row ...).
        public var name: String
        /// Indices of the row's bins in `binNames`.
        public var bins: Range<Int>
    }
    /// The parameters the bins are for (which reasons, VMMs and fields exist).
    public let config: RouterConfig
    /// Every bin's name, by bin index.
    public internal(set) var binNames: [String] = []
    /// The rows of the coverage table, in display order.
    public internal(set) var rows: [Row] = []

    /// Cross base index per reason (64 entries, -1 unsupported) and the cell offset
    /// table: `cellIndex[policy * 8 + kind * 4 + outcome]` (policy 0-4, kind 0 guest 1 VMM,
    /// outcome 0 exit 1 self 2 fallback 3 undeliverable), -1 when not a bin.
    var crossBase: [Int32] = Array(repeating: -1, count: 64)
    var dynamicCells: [Int32] = Array(repeating: -1, count: 40)
    var staticCells: [Int32] = Array(repeating: -1, count: 40)

    // Single bins.
    var rejectUnsupported = 0, rejectUnknownOp = 0, rejectMalformed: [Int] = []   // malformed: [reason0 g, v, reason1 g, v, reason30 g, v]
    var vmfail: [Int32] = Array(repeating: -1, count: 256)   // index 0: VMfailInvalid (error 0 unused)
    var wantRow = 0       // base: row * 2 + (wanted ? 0 : 1)
    var pfTable = 0       // base: match * 2 + bit14
    var ioClass = 0       // base: class * 2 + (wanted ? 0 : 1)
    var ioRange = 0       // hit, miss, straddle, wrap
    var loadBins = 0      // unique, tie, empty, saturated
    var success = 0       // field classes, then launch, resume-to-guest, resume-to-VMM, bitmap
    var guestExit = 0     // ops 1-5
    /// Transition/sequence groups and the cross (`CoverageModel+Sequences.swift`).
    var seq = SequenceBins()

    /// Rows of SPEC 5.3 (index = `OwnerRow`).
    public static let ownerRowNames = ["NMI (PIN 3)", "#PF (mask/match)", "exception (EXC_BITMAP)", "external interrupt (PIN 0)",
                                       "HLT (PROC 7)", "INVLPG (PROC 9)", "MWAIT (PROC 10)", "RDPMC (PROC 11)", "RDTSC (PROC 12)",
                                       "MOV DR (PROC 23)", "MONITOR (PROC 29)", "PAUSE (PROC 30)", "I/O (PROC 24/25, bitmaps)", "always"]
    /// Names of the I/O corner classes, by class index.
    public static let ioClassNames = ["bitmap A only", "bitmap B only", "A/B span", "multi-word span", "wrap past 0xFFFF"]
    /// Names of the VMX field classes of the success bins, by class index.
    public static let fieldClassNames = ["per-VMM RW", "per-VMM RO", "ROUTE", "ELIGIBLE", "IO_BASE", "IO_LIMIT", "IO_CTRL",
                                         "ROUTE_LOCK", "CURRENT", "OWNER"]
    static let outcomeNames = ["exit", "self", "fallback", "rejected 3"]

    /// The bins for `config`: only cells reachable under these parameters.
    public init(config: RouterConfig) {
        self.config = config
        for r in RouterConfig.supportedReasons {
            let isStatic = config.staticMap.contains(r)
            let start = binNames.count
            crossBase[Int(r)] = Int32(start)
            let policies: [UInt8] = isStatic ? [Policy.staticMap] : [Policy.owner, Policy.field, Policy.ioRange, Policy.load]
            var local = 0
            for p in policies {
                for kind in 0..<2 {
                    for o in 0..<4 {
                        if !CoverageModel.reachable(policy: p, vmmRunning: kind == 1, outcome: o, config: config) { continue }
                        let slot = Int(p) * 8 + kind * 4 + o
                        if isStatic { staticCells[slot] = Int32(local) } else { dynamicCells[slot] = Int32(local) }
                        binNames.append("\(kind == 1 ? "vmm" : "guest")/\(Policy.names[Int(p)])/\(CoverageModel.outcomeNames[o])")
                        local += 1
                    }
                }
            }
            rows.append(Row(name: "5.2 reason \(r) policy x outcome x kind", bins: start..<binNames.count))
        }
        let rejectStart = binNames.count
        rejectUnsupported = addBin("1 unsupported reason")
        for r in [0, 1, 30] { for k in ["guest", "vmm"] { rejectMalformed.append(addBin("2 malformed reason \(r) (\(k))")) } }
        rejectUnknownOp = addBin("4 unknown op")
        rows.append(Row(name: "5.1/4 rejected codes 1, 2, 4", bins: rejectStart..<binNames.count))
        let failStart = binNames.count
        vmfail[0] = Int32(addBin("VMfailInvalid"))
        for e in [5, 7, 12, 13, 64, 65, 66, 67] { vmfail[e] = Int32(addBin("VMfailValid \(e)")) }
        rows.append(Row(name: "6.3/6.4 VMfail numbers", bins: failStart..<binNames.count))
        wantRow = binNames.count
        for (i, name) in CoverageModel.ownerRowNames.enumerated() {
            let start = binNames.count
            _ = addBin("wanted")
            _ = addBin("not wanted")     // the "always" row's is never hit: excluded below
            if i == OwnerRow.always { excluded.insert(binNames.count - 1) }
            rows.append(Row(name: "5.3 \(name)", bins: start..<binNames.count))
        }
        pfTable = group("5.3 #PF truth table", ["no match, bit 14 clear", "no match, bit 14 set", "match, bit 14 clear", "match, bit 14 set"])
        ioClass = binNames.count
        let ioStart = binNames.count
        for name in CoverageModel.ioClassNames { _ = addBin("\(name) wanted"); _ = addBin("\(name) not wanted") }
        rows.append(Row(name: "5.3 I/O bitmap corner classes", bins: ioStart..<binNames.count))
        ioRange = group("5.2 IO_RANGE corner classes", ["hit", "miss", "straddles the limit", "past 0xFFFF"])
        loadBins = group("5.2 LOAD", ["unique least loaded", "tie -> lowest id", "no candidate -> ROUTE vmm", "saturated 0xFFFF"])
        success = group("6.3/6.4 successes", CoverageModel.fieldClassNames.flatMap { ["VMREAD \($0)", "VMWRITE \($0)"] }
                        + ["LAUNCH", "RESUME to a guest", "RESUME to a VMM", "BITMAP_WRITE"])
        guestExit = group("4 guest VMX instructions", ["VMREAD -> 23", "VMWRITE -> 25", "LAUNCH -> 20", "RESUME -> 24", "BITMAP_WRITE -> 25"])
        addSequenceGroups()
        dropUnreachable()
        excludeUnreachableSequences()
    }

    /// Bins that cannot be hit under these parameters go to `excluded`
    /// (left out of totals and holes): no I/O ranges, no bitmaps, 16 VMMs
    /// (no VMfailInvalid), 64 guests (no 66), rows of reasons in the static map.
    private mutating func dropUnreachable() {
        for i in binNames.indices {
            let n = binNames[i]
            if config.ioRanges == 0 && ((ioRange..<ioRange + 4).contains(i) && (n == "hit" || n == "straddles the limit" || n == "past 0xFFFF")
                                        || (success..<guestExit).contains(i) && n.contains("IO_")) { excluded.insert(i) }
            if !config.ioBitmaps && ((ioClass..<ioClass + 10).contains(i) || n == "BITMAP_WRITE") { excluded.insert(i) }
        }
        // Operand widths make some failures impossible: vmcs is 4 bits, guest 6 bits.
        if config.vmms == 16 { excluded.insert(Int(vmfail[0])) }
        if config.guests == 64 { excluded.insert(Int(vmfail[66])) }
        // A reason in the static map never meets OWNER (5.3) nor IO_RANGE (5.2).
        let rowReason: [UInt16] = [0, 0, 0, 1, 12, 14, 36, 15, 16, 29, 39, 40, 30]
        for (row, t) in rowReason.enumerated() where config.staticMap.contains(t) {
            excluded.formUnion([wantRow + 2 * row, wantRow + 2 * row + 1])
        }
        if config.staticMap.contains(0) { excluded.formUnion(pfTable..<pfTable + 4) }
        if config.staticMap.contains(30) { excluded.formUnion(ioClass..<ioClass + 10); excluded.formUnion(ioRange..<ioRange + 4) }
        excluded.insert(ioClass + 2 * 4 + 1)   // a wrapping access is always wanted
        for cls in [1, 8, 9] { excluded.insert(success + 2 * cls + 1) }   // VMWRITE to a read-only field never succeeds
    }

    /// Bins that exist but cannot be hit under these parameters (left out of totals).
    public internal(set) var excluded: Set<Int> = []

    private mutating func addBin(_ name: String) -> Int { binNames.append(name); return binNames.count - 1 }
    mutating func group(_ row: String, _ names: [String]) -> Int {
        let start = binNames.count
        for n in names { _ = addBin(n) }
        rows.append(Row(name: row, bins: start..<binNames.count))
        return start
    }
    static func reachable(policy p: UInt8, vmmRunning: Bool, outcome o: Int, config: RouterConfig) -> Bool {
        if !vmmRunning { return o == 0 }                          // a guest is never a target nor busy-blocked
        if p == Policy.owner { return o == 1 }                     // OWNER on a VMM: self
        if p == Policy.staticMap {
            if o == 2 && config.platformVMM == 0 { return false }  // fallback goes to VMM 0, the target itself
            return true
        }
        return true
    }

    /// Number of bins (excluded ones included).
    public var binCount: Int { binNames.count }
}

/// Row indices of SPEC 5.3 in `CoverageModel.ownerRowNames`.
enum OwnerRow {
    static let nmi = 0, pageFault = 1, exception = 2, external = 3, hlt = 4, invlpg = 5, mwait = 6, rdpmc = 7
    static let rdtsc = 8, movDR = 9, monitor = 10, pause = 11, io = 12, always = 13
}
