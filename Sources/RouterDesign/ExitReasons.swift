/// The basic exit reasons the router supports (SPEC 5.1) with their VT-x names,
/// and the owner-control table of SPEC 5.3 as data.
///
/// Both the RTL (`wants(k, event)`) and the C header `rtl/trapline_fields.h`
/// are derived from these tables, so they cannot drift apart.
public enum ExitReason {
    /// (number, C name) of every supported basic exit reason, ascending.
    public static let supported: [(reason: UInt16, name: String)] = [
        (0, "EXCEPTION_NMI"), (1, "EXTERNAL_INTERRUPT"), (2, "TRIPLE_FAULT"), (3, "INIT"),
        (4, "SIPI"), (5, "IO_SMI"), (6, "OTHER_SMI"), (9, "TASK_SWITCH"), (10, "CPUID"),
        (11, "GETSEC"), (12, "HLT"), (13, "INVD"), (14, "INVLPG"), (15, "RDPMC"), (16, "RDTSC"),
        (17, "RSM"), (18, "VMCALL"), (19, "VMCLEAR"), (20, "VMLAUNCH"), (21, "VMPTRLD"),
        (22, "VMPTRST"), (23, "VMREAD"), (24, "VMRESUME"), (25, "VMWRITE"), (26, "VMXOFF"),
        (27, "VMXON"), (29, "MOV_DR"), (30, "IO_INSTRUCTION"), (31, "RDMSR"), (32, "WRMSR"),
        (36, "MWAIT"), (39, "MONITOR"), (40, "PAUSE"), (55, "XSETBV"),
    ]

    public static func isSupported(_ reason: UInt16) -> Bool {
        supported.contains { $0.reason == reason }
    }

    /// Bit t set when reason t (< 64) is supported: the RTL's validation constant.
    public static var supportedMask: UInt64 {
        supported.reduce(0) { $0 | (1 << UInt64($1.reason)) }
    }

    /// "0-6, 9-27, 29-32, 36, 39, 40, 55", for messages.
    public static let supportedSummary = "0-6, 9-27, 29-32, 36, 39, 40, 55"

    // The reasons the routing logic treats specially.
    public static let exceptionOrNMI: UInt16 = 0
    public static let externalInterrupt: UInt16 = 1
    public static let ioInstruction: UInt16 = 30
    /// Reasons a guest's privileged ops become (SPEC section 4), indexed by op 1...5.
    public static let vmread: UInt16 = 23, vmwrite: UInt16 = 25, vmlaunch: UInt16 = 20, vmresume: UInt16 = 24
}

/// A control register of VMM k's VMCS that decides `wants(k, event)` (SPEC 5.3).
public enum ControlRegister: String, Sendable {
    case pin = "PIN", proc = "PROC"
}

/// One row of SPEC 5.3 that tests a single control bit: the owner wants exit
/// `reason` when bit `bit` of `register` is 1.
public struct ExitControl: Sendable {
    public var reason: UInt16
    public var register: ControlRegister
    public var bit: Int
    /// C name of the bit (`TRAPLINE_PROC_HLT_EXITING`).
    public var name: String
}

public enum ExitControls {
    /// The single-bit rows of SPEC 5.3 (reason 0 and 30 have their own rules,
    /// which use `nmiExiting`, `unconditionalIOExiting` and `useIOBitmaps`).
    public static let table: [ExitControl] = [
        ExitControl(reason: 1, register: .pin, bit: 0, name: "EXTERNAL_INTERRUPT_EXITING"),
        ExitControl(reason: 12, register: .proc, bit: 7, name: "HLT_EXITING"),
        ExitControl(reason: 14, register: .proc, bit: 9, name: "INVLPG_EXITING"),
        ExitControl(reason: 36, register: .proc, bit: 10, name: "MWAIT_EXITING"),
        ExitControl(reason: 15, register: .proc, bit: 11, name: "RDPMC_EXITING"),
        ExitControl(reason: 16, register: .proc, bit: 12, name: "RDTSC_EXITING"),
        ExitControl(reason: 29, register: .proc, bit: 23, name: "MOV_DR_EXITING"),
        ExitControl(reason: 39, register: .proc, bit: 29, name: "MONITOR_EXITING"),
        ExitControl(reason: 40, register: .proc, bit: 30, name: "PAUSE_EXITING"),
    ]
    /// PIN bit 3: NMI exiting (reason 0 with interruption type 2).
    public static let nmiExiting = 3
    /// PROC bit 24: unconditional I/O exiting (reason 30 without bitmaps).
    public static let unconditionalIOExiting = 24
    /// PROC bit 25: use I/O bitmaps (reads as 0 when the design has no bitmaps).
    public static let useIOBitmaps = 25
    /// EXC_BITMAP bit of #PF, whose sense is decided by PFEC_MASK/PFEC_MATCH.
    public static let pageFaultVector = 14
}
