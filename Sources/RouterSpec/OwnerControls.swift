/// The bits of VMM k's controls that decide `wants(k, event)` (SPEC 5.3, VT-x
/// positions). Only the positions: the rules that use them are the model's and
/// the design's own.
public enum OwnerControls {
    /// A control register of the VMCS that SPEC 5.3 reads.
    public enum Register: String, Sendable {
        /// The pin-based (`PIN`) or the primary processor-based (`PROC`) VM-execution controls.
        case pin = "PIN", proc = "PROC"
    }

    // PIN (pin-based VM-execution controls).
    /// PIN bit 0: external-interrupt exiting (reason 1).
    @inlinable public static var pinExternalInterruptExiting: Int { 0 }
    /// PIN bit 3: NMI exiting (reason 0 with interruption type 2).
    @inlinable public static var pinNMIExiting: Int { 3 }

    // PROC (primary processor-based VM-execution controls).
    /// PROC bit 7: HLT exiting (reason 12).
    @inlinable public static var procHLTExiting: Int { 7 }
    /// PROC bit 9: INVLPG exiting (reason 14).
    @inlinable public static var procINVLPGExiting: Int { 9 }
    /// PROC bit 10: MWAIT exiting (reason 36).
    @inlinable public static var procMWAITExiting: Int { 10 }
    /// PROC bit 11: RDPMC exiting (reason 15).
    @inlinable public static var procRDPMCExiting: Int { 11 }
    /// PROC bit 12: RDTSC exiting (reason 16).
    @inlinable public static var procRDTSCExiting: Int { 12 }
    /// PROC bit 23: MOV-DR exiting (reason 29).
    @inlinable public static var procMovDRExiting: Int { 23 }
    /// PROC bit 24: unconditional I/O exiting (reason 30 when bit 25 is 0).
    @inlinable public static var procUnconditionalIOExiting: Int { 24 }
    /// PROC bit 25: use I/O bitmaps (reads as 0 when the design has no bitmaps).
    @inlinable public static var procUseIOBitmaps: Int { 25 }
    /// PROC bit 29: MONITOR exiting (reason 39).
    @inlinable public static var procMONITORExiting: Int { 29 }
    /// PROC bit 30: PAUSE exiting (reason 40).
    @inlinable public static var procPAUSEExiting: Int { 30 }

    /// One row of SPEC 5.3 that tests a single control bit: the owner wants
    /// exit `reason` when bit `bit` of `register` is 1.
    public struct Row: Hashable, Sendable {
        /// The exit reason the row decides.
        public let reason: UInt16
        /// The control register holding the bit.
        public let register: Register
        /// The bit position in `register` (0-31).
        public let bit: Int
        /// The bit's name without the register (`HLT_EXITING`).
        public let name: String
    }

    /// The single-bit rows of SPEC 5.3 in its order (reason 0 and 30 have their
    /// own rules, which use `pinNMIExiting`, the exception bitmap,
    /// `procUnconditionalIOExiting` and `procUseIOBitmaps`).
    public static let singleBitRows: [Row] = [
        Row(reason: ExitReason.externalInterrupt, register: .pin, bit: pinExternalInterruptExiting, name: "EXTERNAL_INTERRUPT_EXITING"),
        Row(reason: ExitReason.hlt, register: .proc, bit: procHLTExiting, name: "HLT_EXITING"),
        Row(reason: ExitReason.invlpg, register: .proc, bit: procINVLPGExiting, name: "INVLPG_EXITING"),
        Row(reason: ExitReason.mwait, register: .proc, bit: procMWAITExiting, name: "MWAIT_EXITING"),
        Row(reason: ExitReason.rdpmc, register: .proc, bit: procRDPMCExiting, name: "RDPMC_EXITING"),
        Row(reason: ExitReason.rdtsc, register: .proc, bit: procRDTSCExiting, name: "RDTSC_EXITING"),
        Row(reason: ExitReason.movDR, register: .proc, bit: procMovDRExiting, name: "MOV_DR_EXITING"),
        Row(reason: ExitReason.monitor, register: .proc, bit: procMONITORExiting, name: "MONITOR_EXITING"),
        Row(reason: ExitReason.pause, register: .proc, bit: procPAUSEExiting, name: "PAUSE_EXITING"),
    ]

    /// Every bit position as `<REGISTER>_<NAME>_BIT` (5 bits: a position in a 32-bit control).
    public static let entries: [SpecConstant] =
        [SpecConstant("PIN_NMI_EXITING_BIT", pinNMIExiting, width: 5, "PIN bit: NMI exiting")]
        + singleBitRows.map {
            SpecConstant("\($0.register.rawValue)_\($0.name)_BIT", $0.bit, width: 5,
                         "\($0.register.rawValue) bit: reason \($0.reason)")
        }
        + [SpecConstant("PROC_UNCONDITIONAL_IO_EXITING_BIT", procUnconditionalIOExiting, width: 5, "PROC bit: I/O exiting without bitmaps"),
           SpecConstant("PROC_USE_IO_BITMAPS_BIT", procUseIOBitmaps, width: 5, "PROC bit: I/O decided by the I/O bitmap")]
    /// The owner-control group of `SpecConstants.groups` (SPEC 5.3); names carry no common prefix.
    public static let group = SpecConstantGroup(title: "Owner-control bit positions", section: "5.3", prefix: "", entries: entries)
}
