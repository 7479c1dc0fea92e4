/// The SPEC section 9 interface of `trapline_router`: every port with its
/// direction and width, in declaration order. Simulator drivers (Verilator
/// lockstep, Icarus replay) and `--rtl` checks use this list; nothing here
/// knows how the router is built.
public enum RouterInterface {
    /// One port of `trapline_router`.
    public struct Port: Hashable, Sendable {
        /// The port's name as SPEC 9 writes it (`cmd_op`).
        public var name: String
        /// Width in bits (1 for a scalar).
        public var width: Int
        /// True for an input of the router.
        public var isInput: Bool
    }

    /// `trapline_router`, the top module's name (SPEC 9).
    public static let topModule = "trapline_router"

    /// The inputs, in declaration order: `clk`, `rst`, the `cmd_*` operands and `rsp_ready`.
    public static let inputs: [Port] = [
        ("clk", 1), ("rst", 1), ("cmd_valid", 1), ("cmd_op", 3), ("cmd_reason", 16), ("cmd_vector", 8),
        ("cmd_int_type", 3), ("cmd_err_valid", 1), ("cmd_err_code", 32), ("cmd_qual", 64),
        ("cmd_vmcs", 4), ("cmd_field", 32), ("cmd_data", 64), ("cmd_guest", 6), ("rsp_ready", 1),
    ].map { Port(name: $0.0, width: $0.1, isInput: true) }

    /// The outputs, in declaration order: `cmd_ready`, `rsp_valid` and the `rsp_*` fields.
    public static let outputs: [Port] = [
        ("cmd_ready", 1), ("rsp_valid", 1), ("rsp_kind", 3), ("rsp_target", 4), ("rsp_self", 1),
        ("rsp_fallback", 1), ("rsp_policy", 3), ("rsp_from", 8), ("rsp_reason", 16), ("rsp_qual", 64),
        ("rsp_info", 32), ("rsp_err_code", 32), ("rsp_entry", 64), ("rsp_data", 64),
        ("rsp_current", 8), ("rsp_error", 8),
    ].map { Port(name: $0.0, width: $0.1, isInput: false) }

    /// Every port: the inputs, then the outputs.
    public static let ports: [Port] = inputs + outputs
}
