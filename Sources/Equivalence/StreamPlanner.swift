import Foundation
import RouterModel
import Stimulus

/// The coverage-driven bias of random stream k: it comes from the holes that
/// streams 0..<k leave in their *reference* coverage (`planned`), so it
/// depends on the seed, the parameters and k only, never on timing, the
/// simulator, the workers or the sharding. To know streams 0..<k the planner
/// generates them itself and runs them on the reference (no simulator); once
/// `planned` closes, every later stream is plain random and nothing more is
/// folded. With `coverageDriven` off every stream is plain.
///
/// Thread-safe (workers ask for streams in any order); `planned` steers the
/// stimulus only, the campaign's coverage is still counted from the responses
/// the RTL gave.
final class StreamPlanner: @unchecked Sendable {
    let options: CampaignOptions
    private let lock = NSLock()
    /// Reference coverage of streams 0..<`biases.count - 1` (0..<`biases.count` once asked past).
    private var planned: Coverage
    /// The bias of stream j, for j < `biases.count` (later ones are `.none` once `planned` closed).
    private var biases: [StimulusBias] = []
    private var absorbed = 0

    init(options: CampaignOptions, model: CoverageModel) {
        self.options = options
        planned = Coverage(model: model)
    }

    /// Stream `k`'s bias.
    func bias(stream k: Int) -> StimulusBias {
        guard options.coverageDriven else { return .none }
        lock.lock(); defer { lock.unlock() }
        while biases.count <= k {
            let j = biases.count
            if absorbed < j {   // planned must hold streams 0..<j
                absorb(make(j - 1, biases[j - 1]))
                absorbed = j
            }
            if planned.isClosed { return .none }
            biases.append(CoverageFeedback.bias(planned, stream: j))
        }
        return biases[k]
    }

    /// Stream `k`'s commands and the bias they were drawn with.
    func commands(stream k: Int) -> (commands: [Command], bias: StimulusBias) {
        let b = bias(stream: k)
        return (make(k, b), b)
    }

    private func make(_ k: Int, _ bias: StimulusBias) -> [Command] {
        RandomTrace.generate(count: options.commandsPerSeed, seed: Shard.streamSeed(campaign: options.seed, stream: k),
                             config: options.config, bias: bias)
    }

    private func absorb(_ commands: [Command]) {
        var router = Router(config: options.config)
        var cov = Coverage(model: planned.model)
        for c in commands { _ = cov.execute(c, on: &router) }
        planned.merge(cov)
    }
}
