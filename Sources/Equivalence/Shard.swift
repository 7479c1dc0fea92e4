import Lockstep
import Stimulus

/// `--shard I/N`: N jobs together run one campaign. Every unit of work (a
/// directed scenario, a random seed) has an index k; shard I (1-based) takes
/// the k with k mod N == I - 1. The random seeds are a fixed sequence derived
/// from the campaign seed, so the union of the N shards is exactly the
/// campaign one job would run with the same seed (given enough budget).
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based shard number, 1...count.
    public let index: Int
    /// The shard count N, at least 1.
    public let count: Int
    /// `1/1`: the whole campaign in one job.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    init(uncheckedIndex: Int, count: Int) { index = uncheckedIndex; self.count = count }

    /// Parses "I/N" (1 <= I <= N); the message names the problem and the fix.
    public static func parse(_ text: String) throws(ShardError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("--shard '\(text)' is not of the form I/N: give the shard number and the shard count, e.g. --shard 1/4")
        }
        guard n >= 1 else { throw ShardError("--shard '\(text)': the shard count N must be at least 1") }
        guard (1...n).contains(i) else {
            throw ShardError("--shard '\(text)': the shard number I must be 1...\(n) (shards are numbered from 1)")
        }
        return Shard(uncheckedIndex: i, count: n)
    }

    /// Whether unit `k` (0-based) belongs to this shard.
    public func owns(_ k: Int) -> Bool { k % count == index - 1 }

    /// The k-th unit index of this shard (0-based n -> global index).
    public func unit(_ n: Int) -> Int { n * count + (index - 1) }

    /// The seed of random stream `k` of the campaign seeded `campaignSeed`.
    public static func streamSeed(campaign campaignSeed: UInt64, stream k: Int) -> UInt64 {
        var r = SeededRandom(seed: campaignSeed ^ (UInt64(k) &* 0xD1B5_4A32_D192_ED03))
        return r.next()
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` argument that is not `I/N` with 1 <= I <= N; the message says why and gives an example.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    /// The problem and the fix.
    public var message: String
    /// An error with the message `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
