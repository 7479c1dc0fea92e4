import ArgumentParser
import Foundation
import RouterModel
import Stimulus

/// `trapline random --count N --seed S [--out FILE]`: writes a seeded
/// constrained-random trace (SPEC 10 JSON Lines) that `route` and `cosim` read.
/// The same seed and parameters give a byte-identical file.
struct RandomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "random",
        abstract: "Write a seeded constrained-random command trace (JSON Lines).")
    @OptionGroup var parameters: ParameterOptions
    @Option(help: "Number of commands.")
    var count: Int = 1000
    @Option(help: "Seed of the generator (same seed, same trace).")
    var seed: UInt64 = 1
    @Option(help: "File to write (default: standard output).")
    var out: String?

    func run() throws {
        let config = try parameters.config()
        guard count >= 0 else { throw CLIError.badInput("--count \(count) is negative: give the number of commands, 0 or more") }
        var generator = RandomTraceGenerator(seed: seed, config: config)
        if let out {
            var bytes: [UInt8] = []
            for _ in 0..<count { TraceWriter.append(generator.next(), to: &bytes); bytes.append(0x0A) }
            do { try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CLIError.badInput("cannot write --out \(out): \(error.localizedDescription); give a path in a writable folder")
            }
        } else {
            var buffer = OutputBuffer()
            for _ in 0..<count { TraceWriter.append(generator.next(), to: &buffer.bytes); buffer.endLine() }
            try buffer.finish()
        }
    }
}
