/// The reference software router: SPEC sections 3-8, one command at a time.
///
/// `execute(_:)` takes one command, executed by `current`, and returns its one
/// response (SPEC 4). All state lives in flat blocks sized at `init` (see
/// `RouterStorage`), so a command does no allocation, hashing or string work.
/// `Router` is a value: copies share the blocks until one of them writes.
///
/// Operands are taken at their port width (SPEC 9: `op` 3 bits, `vmcs` 4,
/// `guest` 6, `intType` 3), exactly as the hardware sees them; the trace reader
/// refuses wider values before they get here.
///
/// Choices where the SPEC is silent (each has a test in RouterModelTests):
/// - Ops 6 and 7 are REJECTED code 4 for every `current`, a guest included:
///   they are not VMX instructions, so they never become events (SPEC 4 names
///   only ops 1-5 as guest exits).
/// - A cleared `returnTo[v]` reads as 0 in RETURN_TO (valid bit and entity).
/// - Self delivery (5.5) leaves `returnTo` alone; only a transition writes it.
/// - RESUME with `load[v]` = 0 leaves it 0; LAUNCH does not touch `load`.
/// - EXIT_REASON holds the 16-bit reason zero-extended to 32 bits.
/// - The VMSUCCEED of LAUNCH carries `current` = the launched guest.
/// - The #PF row of 5.3 uses the command's `errCode` operand as given, whether
///   or not `errValid` is set (a #PF always has an error code in VT-x).
/// - With `ioBitmaps` off PROC bit 25 is still stored and read back by VMREAD;
///   only routing treats it as 0.
/// - A ROUTED response reports the policy of the rule that decided (STATIC or
///   ROUTE[t].policy), also when IO_RANGE or LOAD fell back to ROUTE[t].vmm;
///   `fallback` is only the 5.4 redirection to VMM 0.
/// - VMREAD/VMWRITE/BITMAP_WRITE successes leave VM_INSTR_ERROR unchanged (VT-x);
///   VMfailInvalid writes nothing.
public struct Router: Equatable, Sendable {
    /// Equal parameters and equal state.
    public static func == (a: Router, b: Router) -> Bool {
        a.config == b.config && a.current == b.current && a.routeLocked == b.routeLocked
            && (a.store === b.store || a.store.sameContents(as: b.store))
            && (a.bitmaps === b.bitmaps || a.bitmaps.sameContents(as: b.bitmaps))
    }

    /// The generator parameters this router was built for.
    public let config: RouterConfig

    /// SPEC 3: the running entity. Reset: VMM 0.
    public internal(set) var current: Entity = .vmm(0)

    /// SPEC 3 and 6 registers (shared between copies until one of them writes).
    var store: RouterStorage
    /// SPEC 7 I/O bitmaps (likewise shared until a BITMAP_WRITE).
    var bitmaps: BitmapStorage
    /// SPEC 6.2 ROUTE_LOCK.
    var routeLocked = false

    // Parameters in the form the hot path wants.
    let vmmCount: Int
    let guestCount: Int
    let rangeCount: Int
    let platformVMM: Int
    /// Bit t set when reason t is supported (5.1) / in the static map (5.2).
    let supportedMask: UInt64
    let staticMask: UInt64

    /// A router in its reset state. `config` must pass `validate()`.
    public init(config: RouterConfig = .default) {
        precondition((try? config.validate()) != nil, "Router(config:) needs a validated RouterConfig")
        self.config = config
        vmmCount = config.vmms; guestCount = config.guests; rangeCount = config.ioRanges
        platformVMM = config.platformVMM
        supportedMask = ExitReason.supportedMask
        staticMask = config.staticMap.reduce(0) { $0 | 1 << UInt64($1) }
        store = RouterStorage(vmms: config.vmms, guests: config.guests, ranges: config.ioRanges)
        bitmaps = BitmapStorage(count: config.ioBitmaps ? config.vmms * IOBitmap.wordsPerVMM : 0)
    }

    /// SPEC 4: executes one command by `current` and returns its response.
    public mutating func execute(_ command: Command) -> Response {
        if !isKnownUniquelyReferenced(&store) { store = store.copy() }
        let op = command.op & 7
        if op >= Op.count { return .rejected(RejectCode.unknownOp) }
        if !current.isVMM && op != Op.event {
            // SPEC 4: a guest cannot execute ops 1-5; they exit as VMX instructions.
            return routeEvent(reason: Router.guestExitReason(op: op), vector: 0, intType: 0,
                              errValid: false, errCode: 0, qual: 0)
        }
        switch op {
        case Op.event:
            return routeEvent(reason: command.reason, vector: command.vector, intType: command.intType & 7,
                              errValid: command.errValid, errCode: command.errCode, qual: command.qual)
        case Op.vmread:
            return vmread(vmcs: Int(command.vmcs & 0xF), field: command.field)
        case Op.vmwrite:
            return vmwrite(vmcs: Int(command.vmcs & 0xF), field: command.field, data: command.data)
        case Op.launch:
            return launch(guest: Int(command.guest & 0x3F))
        case Op.resume:
            return resume()
        default:
            return bitmapWrite(vmcs: Int(command.vmcs & 0xF), word: command.field, data: UInt32(truncatingIfNeeded: command.data))
        }
    }

    /// SPEC 4: the exit reason of op 1-5 executed by a guest (VMREAD 23, VMWRITE 25,
    /// VMLAUNCH 20, VMRESUME 24, BITMAP_WRITE 25).
    @inline(__always)
    @inlinable public static func guestExitReason(op: UInt8) -> UInt16 {
        switch op {
        case Op.vmread: return ExitReason.vmread
        case Op.launch: return ExitReason.vmlaunch
        case Op.resume: return ExitReason.vmresume
        default: return ExitReason.vmwrite      // VMWRITE and BITMAP_WRITE (a VMWRITE-class instruction)
        }
    }

    /// Restores the reset state (SPEC 3), keeping the parameters.
    public mutating func reset() { self = Router(config: config) }
}

// REJECTED codes (SPEC 8) and VMfailValid numbers (SPEC 6.3, 6.4): `RejectCode`
// and `VMError` of RouterSpec.
