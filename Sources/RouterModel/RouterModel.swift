/// # RouterModel — the reference software router (the oracle)
///
/// Implements SPEC.md sections 3-8 and the trace format of section 10. It
/// imports RouterSpec only (the SPEC's numbers, no decisions), so the hardware
/// is checked against an independent reading of the SPEC. RouterSpec is
/// re-exported: `Op`, `ResponseKind`, `Policy`, `RejectCode`, `VMError`,
/// `VMCSField`, `ExitReason` ... are visible to every user of RouterModel.
///
/// Parameters
/// - `RouterConfig` (SPEC 2), `validate()` -> `ConfigError`.
///
/// Commands and responses
/// - `Command` (+ `.event`, `.vmread`, `.vmwrite`, `.launch`, `.resume`, `.bitmapWrite`), `Op`.
/// - `Response` (+ `.routed`, `.vmsucceed`, `.vmfailInvalid`, `.vmfailValid`, `.rejected`),
///   `ResponseKind`, `Policy`, `RejectCode`, `VMError` (from RouterSpec); `Entity`.
/// - `VMCSField` (RouterSpec): the field encodings of SPEC 6; here also
///   `VMCSField.supported(inVMCS:config:)`.
///
/// Running
/// - `Router(config:)`, `execute(_:) -> Response`, `reset()`; `Router.guestExitReason(op:)` (SPEC 4).
/// - Inspecting: `current`, `returnTo(vmm:)`, `isBusy(vmm:)`, `owner(guest:)`,
///   `load(vmm:)`, `handled(vmm:)`, `isRouteLocked`, `bitmapWord(vmm:word:)`,
///   `peek(vmcs:field:)`. `Router` is `Equatable`: equal routers have equal state.
///
/// Traces (SPEC 10)
/// - `TraceReader.parse(_:source:)` -> `[Command]`, throws `TraceError` ("SOURCE:LINE: problem").
/// - `TraceWriter.line(for:)` for a `Command` or a `Response`, `TraceWriter.text(for:)`;
///   `description` of both types is their JSON line.
@_exported import RouterSpec

/// Namespace of the RouterModel module; the overview is the comment above the import.
public enum RouterModelModule {}
