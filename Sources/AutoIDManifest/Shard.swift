import AutoIDHashing

/// One share of a batch, `K/N`, so that N machines (GNU parallel over ssh, Kubernetes Indexed Jobs,
/// Slurm arrays; DESIGN.md section 9) split the same operand list without talking to each other.
///
/// An operand belongs to shard `1 + (first 8 bytes of SHA-256(operand) mod N)`: the split depends on
/// the operand alone, not on its position, so machines given the list in different orders still take
/// disjoint shares that cover it, and the JSON Lines they print concatenate into one run's verdicts.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This shard, from 1.
    public let index: Int
    /// How many shards there are.
    public let count: Int

    /// Parses `K/N` with 1 <= K <= N <= 1,000,000.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, count <= 1_000_000, index >= 1,
            index <= count
        else { return nil }
        self.index = index
        self.count = count
    }

    /// Whether `operand` is this shard's to do.
    public func contains(_ operand: String) -> Bool {
        let digest = SHA256Hasher.hash(Array(operand.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(prefix % UInt64(count)) + 1 == index
    }

    public var description: String { "\(index)/\(count)" }
}
