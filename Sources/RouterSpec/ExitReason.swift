/// The basic exit reasons the router supports (SPEC 5.1), with their VT-x
/// names. `cmd_reason` and `rsp_reason` carry them in 16 bits (SPEC 9); ROUTE
/// and ELIGIBLE have one entry per reason t = 0..63 (SPEC 6.2).
public enum ExitReason {
    /// Exception or NMI (SPEC 5.1: intType 2, 3 or 6).
    @inlinable public static var exceptionNMI: UInt16 { 0 }
    /// External interrupt (SPEC 5.1: intType 0); wanted when PIN bit 0 is set.
    @inlinable public static var externalInterrupt: UInt16 { 1 }
    /// Triple fault.
    @inlinable public static var tripleFault: UInt16 { 2 }
    /// INIT signal.
    @inlinable public static var initSignal: UInt16 { 3 }
    /// Start-up IPI (SIPI).
    @inlinable public static var sipi: UInt16 { 4 }
    /// I/O SMI: in the default static map (SPEC 2).
    @inlinable public static var ioSMI: UInt16 { 5 }
    /// Other SMI: in the default static map (SPEC 2).
    @inlinable public static var otherSMI: UInt16 { 6 }
    /// Task switch.
    @inlinable public static var taskSwitch: UInt16 { 9 }
    /// CPUID.
    @inlinable public static var cpuid: UInt16 { 10 }
    /// GETSEC.
    @inlinable public static var getsec: UInt16 { 11 }
    /// HLT; wanted when PROC bit 7 is set.
    @inlinable public static var hlt: UInt16 { 12 }
    /// INVD.
    @inlinable public static var invd: UInt16 { 13 }
    /// INVLPG; wanted when PROC bit 9 is set.
    @inlinable public static var invlpg: UInt16 { 14 }
    /// RDPMC; wanted when PROC bit 11 is set.
    @inlinable public static var rdpmc: UInt16 { 15 }
    /// RDTSC; wanted when PROC bit 12 is set.
    @inlinable public static var rdtsc: UInt16 { 16 }
    /// RSM.
    @inlinable public static var rsm: UInt16 { 17 }
    /// VMCALL.
    @inlinable public static var vmcall: UInt16 { 18 }
    /// VMCLEAR.
    @inlinable public static var vmclear: UInt16 { 19 }
    /// Also a guest's LAUNCH (SPEC 4).
    @inlinable public static var vmlaunch: UInt16 { 20 }
    /// VMPTRLD.
    @inlinable public static var vmptrld: UInt16 { 21 }
    /// VMPTRST.
    @inlinable public static var vmptrst: UInt16 { 22 }
    /// Also a guest's VMREAD (SPEC 4).
    @inlinable public static var vmread: UInt16 { 23 }
    /// Also a guest's RESUME (SPEC 4).
    @inlinable public static var vmresume: UInt16 { 24 }
    /// Also a guest's VMWRITE and BITMAP_WRITE (SPEC 4).
    @inlinable public static var vmwrite: UInt16 { 25 }
    /// VMXOFF.
    @inlinable public static var vmxoff: UInt16 { 26 }
    /// VMXON.
    @inlinable public static var vmxon: UInt16 { 27 }
    /// MOV DR; wanted when PROC bit 23 is set.
    @inlinable public static var movDR: UInt16 { 29 }
    /// I/O instruction: the qualification of SPEC 5.1, the IO_RANGE policy and the I/O bitmaps.
    @inlinable public static var ioInstruction: UInt16 { 30 }
    /// RDMSR.
    @inlinable public static var rdmsr: UInt16 { 31 }
    /// WRMSR.
    @inlinable public static var wrmsr: UInt16 { 32 }
    /// MWAIT; wanted when PROC bit 10 is set.
    @inlinable public static var mwait: UInt16 { 36 }
    /// MONITOR; wanted when PROC bit 29 is set.
    @inlinable public static var monitor: UInt16 { 39 }
    /// PAUSE; wanted when PROC bit 30 is set.
    @inlinable public static var pause: UInt16 { 40 }
    /// XSETBV, the largest supported reason.
    @inlinable public static var xsetbv: UInt16 { 55 }

    /// Number of ROUTE / ELIGIBLE entries: reasons t = 0..63 (SPEC 6.2).
    @inlinable public static var routableCount: Int { 64 }
    /// Width of `cmd_reason` / `rsp_reason` (SPEC 9).
    @inlinable public static var width: Int { 16 }

    /// Every supported reason (SPEC 5.1) with its VT-x name, ascending.
    /// The localparam name is `EXIT_REASON_` + the VT-x name.
    public static let entries: [SpecConstant] = vtxNames.map {
        SpecConstant("EXIT_REASON_" + $0.0, $0.1, width: width, "exit reason \($0.1): \($0.0)")
    }

    private static let vtxNames: [(String, UInt16)] = [
        ("EXCEPTION_NMI", exceptionNMI), ("EXTERNAL_INTERRUPT", externalInterrupt), ("TRIPLE_FAULT", tripleFault),
        ("INIT", initSignal), ("SIPI", sipi), ("IO_SMI", ioSMI), ("OTHER_SMI", otherSMI),
        ("TASK_SWITCH", taskSwitch), ("CPUID", cpuid), ("GETSEC", getsec), ("HLT", hlt), ("INVD", invd),
        ("INVLPG", invlpg), ("RDPMC", rdpmc), ("RDTSC", rdtsc), ("RSM", rsm), ("VMCALL", vmcall),
        ("VMCLEAR", vmclear), ("VMLAUNCH", vmlaunch), ("VMPTRLD", vmptrld), ("VMPTRST", vmptrst),
        ("VMREAD", vmread), ("VMRESUME", vmresume), ("VMWRITE", vmwrite), ("VMXOFF", vmxoff), ("VMXON", vmxon),
        ("MOV_DR", movDR), ("IO_INSTRUCTION", ioInstruction), ("RDMSR", rdmsr), ("WRMSR", wrmsr),
        ("MWAIT", mwait), ("MONITOR", monitor), ("PAUSE", pause), ("XSETBV", xsetbv),
    ]

    /// The `EXIT_REASON_*` group of `SpecConstants.groups` (SPEC 5.1).
    public static let group = SpecConstantGroup(title: "Supported basic exit reasons", section: "5.1",
                                                prefix: "EXIT_REASON_", entries: entries)

    /// The supported reasons (SPEC 5.1), ascending: 0-6, 9-27, 29-32, 36, 39, 40, 55.
    public static let supported: [UInt16] = entries.map { UInt16($0.value) }

    /// Bit t set when reason t is supported (every supported reason is < 64).
    public static let supportedMask: UInt64 = supported.reduce(0) { $0 | 1 << UInt64($1) }

    /// Whether `reason` is one of the supported basic exit reasons of SPEC 5.1 (else REJECTED code 1).
    public static func isSupported(_ reason: UInt16) -> Bool { supported.contains(reason) }

    /// The VT-x name of a supported reason (`"VMREAD"` for 23), nil for others.
    public static func name(of reason: UInt16) -> String? {
        entries.first { $0.value == UInt64(reason) }.map { group.shortName($0) }
    }

    /// The supported set as SPEC 5.1 writes it, for messages: "0-6, 9-27, 29-32, 36, 39, 40, 55".
    public static let supportedSummary: String = {
        var parts: [String] = []
        var i = 0
        while i < supported.count {
            var j = i
            while j + 1 < supported.count && supported[j + 1] == supported[j] + 1 { j += 1 }
            parts.append(j - i >= 2 ? "\(supported[i])-\(supported[j])" : (i...j).map { "\(supported[$0])" }.joined(separator: ", "))
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }()
}

/// Interruption types of `intType` (3 bits, VT-x encoding). SPEC 5.1 accepts
/// 2, 3 and 6 for reason 0 and 0 for reason 1; the other VT-x types are named
/// here so that stimulus can produce them as malformed events.
public enum InterruptionType {
    /// Type 0: external interrupt, the only type reason 1 accepts.
    @inlinable public static var externalInterrupt: UInt8 { 0 }
    /// Type 2: NMI (reason 0, vector must be 2).
    @inlinable public static var nmi: UInt8 { 2 }
    /// Type 3: hardware exception (reason 0, vector <= 31).
    @inlinable public static var hardwareException: UInt8 { 3 }
    /// Type 4: software interrupt, malformed in an EVENT.
    @inlinable public static var softwareInterrupt: UInt8 { 4 }
    /// Type 5: privileged software exception, malformed in an EVENT.
    @inlinable public static var privilegedSoftwareException: UInt8 { 5 }
    /// Type 6: software exception (reason 0, vector <= 31).
    @inlinable public static var softwareException: UInt8 { 6 }
    /// Type 7: other event, malformed in an EVENT.
    @inlinable public static var otherEvent: UInt8 { 7 }
    /// Width of `intType` in bits.
    @inlinable public static var width: Int { 3 }

    /// The types as `INTR_TYPE_*` constants, in type order.
    public static let entries: [SpecConstant] = [
        SpecConstant("INTR_TYPE_EXTERNAL_INTERRUPT", externalInterrupt, width: width, "external interrupt (the only type of reason 1)"),
        SpecConstant("INTR_TYPE_NMI", nmi, width: width, "NMI (reason 0, vector must be 2)"),
        SpecConstant("INTR_TYPE_HARDWARE_EXCEPTION", hardwareException, width: width, "hardware exception (reason 0, vector <= 31)"),
        SpecConstant("INTR_TYPE_SOFTWARE_INTERRUPT", softwareInterrupt, width: width, "software interrupt (malformed here)"),
        SpecConstant("INTR_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION", privilegedSoftwareException, width: width, "privileged software exception (malformed here)"),
        SpecConstant("INTR_TYPE_SOFTWARE_EXCEPTION", softwareException, width: width, "software exception (reason 0, vector <= 31)"),
        SpecConstant("INTR_TYPE_OTHER_EVENT", otherEvent, width: width, "other event (malformed here)"),
    ]
    /// The `INTR_TYPE_*` group of `SpecConstants.groups` (SPEC 5.1).
    public static let group = SpecConstantGroup(title: "Interruption types", section: "5.1", prefix: "INTR_TYPE_", entries: entries)
}

/// Exception vectors SPEC 5.1 and 5.3 name.
public enum ExceptionVector {
    /// The vector an NMI (interruption type 2) must carry.
    @inlinable public static var nmi: UInt8 { 2 }
    /// #PF: EXC_BITMAP bit 14 is compared with the PFEC_MASK/PFEC_MATCH test (SPEC 5.3).
    @inlinable public static var pageFault: UInt8 { 14 }
    /// Largest vector of an exception (types 3 and 6).
    @inlinable public static var maxException: UInt8 { 31 }
    /// Width of a vector in bits.
    @inlinable public static var width: Int { 8 }

    /// The vectors as `VECTOR_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("VECTOR_NMI", nmi, width: width, "vector of an NMI"),
        SpecConstant("VECTOR_PAGE_FAULT", pageFault, width: width, "#PF, decided by PFEC_MASK/PFEC_MATCH"),
        SpecConstant("VECTOR_MAX_EXCEPTION", maxException, width: width, "largest exception vector"),
    ]
    /// The `VECTOR_*` group of `SpecConstants.groups` (SPEC 5.1, 5.3).
    public static let group = SpecConstantGroup(title: "Exception vectors", section: "5.1, 5.3", prefix: "VECTOR_", entries: entries)
}

/// The VT-x I/O exit qualification of reason 30 (SPEC 5.1).
public enum IOQualification {
    /// Bits 2:0: access size - 1 (0, 1 or 3 only).
    @inlinable public static var sizeMask: UInt64 { 0x7 }
    /// Bit 3: direction, 1 = IN.
    @inlinable public static var directionInBit: Int { 3 }
    /// Bit 4: string instruction (INS/OUTS).
    @inlinable public static var stringBit: Int { 4 }
    /// Bit 5: REP prefix.
    @inlinable public static var repBit: Int { 5 }
    /// Bit 6: immediate operand.
    @inlinable public static var immediateBit: Int { 6 }
    /// Bits 31:16: the port.
    @inlinable public static var portShift: Int { 16 }
    /// The port field after shifting right by `portShift` (16 bits).
    @inlinable public static var portMask: UInt64 { 0xFFFF }
    /// Bits 15:7 and 63:32, which must be 0.
    @inlinable public static var reservedMask: UInt64 { 0xFFFF_FFFF_0000_FF80 }
    /// Ports span 0..0xFFFF; an access with port + size > this wraps.
    @inlinable public static var portCount: Int { 0x10000 }

    /// The qualification layout as `IO_QUAL_*` constants.
    public static let entries: [SpecConstant] = [
        SpecConstant("IO_QUAL_SIZE_MASK", sizeMask, width: 64, "bits 2:0 size - 1 (0, 1 or 3)"),
        SpecConstant("IO_QUAL_IN_BIT", directionInBit, width: 6, "direction, 1 = IN"),
        SpecConstant("IO_QUAL_STRING_BIT", stringBit, width: 6, "string instruction"),
        SpecConstant("IO_QUAL_REP_BIT", repBit, width: 6, "REP prefix"),
        SpecConstant("IO_QUAL_IMMEDIATE_BIT", immediateBit, width: 6, "immediate port operand"),
        SpecConstant("IO_QUAL_PORT_SHIFT", portShift, width: 6, "bits 31:16 port"),
        SpecConstant("IO_QUAL_RESERVED_MASK", reservedMask, width: 64, "bits 15:7 and 63:32 must be 0"),
    ]
    /// The `IO_QUAL_*` group of `SpecConstants.groups` (SPEC 5.1).
    public static let group = SpecConstantGroup(title: "I/O exit qualification", section: "5.1", prefix: "IO_QUAL_", entries: entries)
}
