/// An internal signal of the design that a model exposes like an output
/// port: a dotted hierarchical path below the top module (instance names,
/// named and generate blocks, then the variable: `u_fifo.count`,
/// `gen[1].u.r`) and its width in bits.
///
/// Only the listed signals are made visible to the C++ (one
/// `public_flat_rd -module M -var V` line each in a Verilator configuration
/// file, never `--public-flat-rw` on everything), and the shim copies them
/// into extra output slots after each evaluation it already copies outputs
/// at: `VerilatedModel.observed(path)` gives an `OutputPort` that `peek` and
/// `sampled` read exactly as an output port. The width can be found by
/// Verilator (`ModelSpec.observe(_:)`, `ModelSpec.discover(observe:)`);
/// the build checks it.
public struct ObservedSignal: Hashable, Sendable, CustomStringConvertible {
    /// Dotted path below the top module, e.g. `u_fifo.count`.
    public var path: String
    /// Width in bits (1...4096).
    public var width: Int

    /// A signal at `path` of `width` bits.
    public init(path: String, width: Int) {
        self.path = path; self.width = width
    }

    /// The path's components (`gen[1].u.r` -> `gen[1]`, `u`, `r`).
    public var components: [String] { path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    /// "observed [3:0] u_fifo.count".
    public var description: String { "observed [\(width - 1):0] \(path)" }

    /// Why the path is not a well-formed hierarchical name, or nil: each
    /// component a plain identifier with optional `[N]` indexes.
    var pathProblem: String? {
        guard !path.isEmpty else { return "an observed signal has an empty path" }
        for c in components {
            var name = Substring(c)
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard !name[name.index(after: open)..<name.index(before: name.endIndex)].isEmpty,
                      name[name.index(after: open)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber) else {
                    return "observed path '\(path)': '\(c)' has an index that is not a number"
                }
                name = name[..<open]
            }
            guard let f = name.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic),
                  name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) })
            else {
                return "observed path '\(path)': '\(c)' is not a plain Verilog identifier (write instance.block[N].signal)"
            }
        }
        return nil
    }
}
