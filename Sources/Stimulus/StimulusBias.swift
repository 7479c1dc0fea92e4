/// How a random stream leans towards coverage holes (coverage-driven
/// stimulus). Every lever is a percentage, 0 = off; with every lever off
/// (`StimulusBias.none`) the generator draws exactly the plain random stream
/// of its seed (no lever consumes a random number while it is off).
///
/// The campaign chooses a bias per stream from the holes left by the streams
/// before it (`Equivalence.CoverageFeedback`), so the same seed always gives
/// the same streams.
public struct StimulusBias: Sendable, Equatable, CustomStringConvertible {
    /// Of a VMM's commands: an event aimed at a VMM that is not busy (nested exits, deeper handler chains).
    public var dive = 0
    /// Of a VMM's commands while it is in a handler: RESUME at once (resume chains).
    public var unwind = 0
    /// Of a VMM's commands: an event aimed at a busy VMM (fallback and undeliverable paths).
    public var collide = 0
    /// Of routing writes: ROUTE_LOCK set (the routing table locks early), and VMM 0 writes the table more.
    public var lock = 0
    /// Of ELIGIBLE and VMM_LOAD values: every VMM eligible, equal loads (LOAD ties, many candidates).
    public var loadTies = 0
    /// Of VMM_LOAD values: 0xFFFF (saturated loads).
    public var saturate = 0
    /// Of LAUNCHes: a guest another VMM owns (owner changes after LAUNCH).
    public var ownerChange = 0
    /// Of VMM 0's commands while nothing is nested (idle VMM 0): an event instead (events of an idle main VMM).
    public var idle = 0
    /// Half of the ROUTE values written use this policy (0-3; -1: no preference).
    public var policy = -1
    /// Half of the events use one of these reasons (empty: no preference).
    public var reasons: [UInt16] = []

    /// Every lever off: the plain random stream.
    public static let none = StimulusBias()

    /// A bias with every lever off (set the levers wanted).
    public init() {}

    /// True when no lever is on.
    public var isNone: Bool { self == .none }

    /// The levers that are on, e.g. `dive 40, unwind 60, policy 3`.
    public var description: String {
        let levers = [("dive", dive), ("unwind", unwind), ("collide", collide), ("lock", lock), ("loadTies", loadTies),
                      ("saturate", saturate), ("ownerChange", ownerChange), ("idle", idle)].filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
        let rest = (policy >= 0 ? ["policy \(policy)"] : []) + (reasons.isEmpty ? [] : ["reasons \(reasons.map(String.init).joined(separator: ","))"])
        return levers.isEmpty && rest.isEmpty ? "none" : (levers + rest).joined(separator: ", ")
    }
}
