/// How a model's simulation ended on its own: the RTL called `$finish` or
/// `$stop`, or Verilator stopped it with a fatal error (`$fatal`, a region
/// that did not converge, an internal error). The host process goes on (the
/// shim catches what would have exited or aborted it, see `ShimGenerator`);
/// the instance is frozen from then on: `step` and `settle` do nothing and
/// `step` returns false. Read it from `VerilatedModel.end`.
public struct ModelEnd: Sendable, Equatable, CustomStringConvertible {
    /// How the simulation ended (the shim's code).
    public enum Kind: Int32, Sendable {
        /// `$finish` (1), `$stop` (2), or a Verilator fatal error (3).
        case finish = 1, stop = 2, fatal = 3
    }
    /// `$finish`, `$stop` or a fatal error.
    public var kind: Kind
    /// The file Verilator named, as it named it: for a call in the RTL, the
    /// build's copy of the Verilog text (`<top>.v` in a cache folder, not the
    /// caller's file name); empty when the runtime gave none.
    public var file: String
    /// The line Verilator named in `file` (0 when none).
    public var line: Int
    /// Verilator's message of a fatal error ("Active region did not converge."); empty otherwise.
    public var message: String
    /// The clock cycle it happened in, counted from 1 at the instance's
    /// creation (reset cycles included); 0: while the instance was created
    /// (an `initial` block). Main-clock cycles: an end during a secondary
    /// clock's `tick` is in the main cycle in progress (`cycles + 1`).
    public var cycle: UInt64
    /// `line` when the call is in the model's own Verilog text (the lines are
    /// those of `ModelSpec.verilog`), nil when it came from elsewhere.
    public var sourceLine: Int?

    /// An end of `kind` at `file`:`line` in `cycle`; `sourceLine` is set when `file` is the build's copy of `<top>.v`.
    public init(kind: Kind, file: String, line: Int, message: String, cycle: UInt64, top: String) {
        self.kind = kind; self.file = file; self.line = line; self.message = message; self.cycle = cycle
        let name = file.split(separator: "/").last.map(String.init) ?? ""
        sourceLine = name == "\(top).v" && line > 0 ? line : nil
    }

    /// What ended it, for messages: "$finish", "$stop", or "a fatal error (MESSAGE)".
    public var cause: String {
        switch kind {
        case .finish: return "$finish"
        case .stop: return "$stop"
        case .fatal: return message.isEmpty ? "a fatal error" : "a fatal error (\(message.trimmingCharacters(in: [" ", "."])))"
        }
    }

    /// `the RTL called $finish at cycle N (line L)` or `Verilator stopped the model with ... at cycle N (...)`.
    public var description: String {
        let place = sourceLine.map { "line \($0)" } ?? (file.isEmpty ? "Verilator" : "\(file):\(line)")
        let verb = kind == .fatal ? "Verilator stopped the model with \(cause)" : "the RTL called \(cause)"
        return "\(verb) at cycle \(cycle) (\(place))"
    }
}
