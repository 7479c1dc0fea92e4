/// The largest values the numeric options take (issue 14 item 5). Past them a
/// run would overflow a conversion or exhaust memory long after it started;
/// each is refused up front (exit 2) with a message naming the limit.
/// Documented in docs/equivalence.md and in the options' help.
enum Limits {
    /// `equiv --budget`, `--shrink-seconds`: 10^7 s (115 days; a budget is
    /// converted to whole seconds for the summary).
    static let seconds = 1e7
    /// `cosim --random --sim icarus`: the run is streamed (memory does not
    /// grow with it), but the generated test bench counts commands and
    /// responses in Verilog `integer`s (32 bits, signed).
    static let icarusCommands = 2_000_000_000
    /// `equiv --stream-commands`: each random stream, its reference responses
    /// and its coverage are held while it runs; a campaign runs many streams.
    static let streamCommands = 1_000_000
    /// `equiv --icarus-sample`: Icarus runs about 2 k cycles per second on the router.
    static let icarusSample = 1_000_000
    /// `equiv --streams`: a fixed count of random streams (each of `--stream-commands`).
    static let streams = 1_000_000
    /// `equiv --jobs`: workers for random streams (each a thread with its own model instance).
    static let jobs = 1024

    /// "10000000" for 1e7, with no exponent a user might misread.
    static func text(_ v: Double) -> String { String(Int(v)) }
}
