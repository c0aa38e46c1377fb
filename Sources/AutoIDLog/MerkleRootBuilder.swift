/// Computes an RFC 9162 tree root from leaves appended one at a time, in memory bounded by the tree's
/// height: a stack of the roots of complete subtrees (at most 64 for any size that fits `UInt64`).
///
/// Appending leaf `i` merges complete subtrees of equal size like a binary counter; ``root`` folds the
/// remaining stack from the right, which is exactly MTH's split at the largest power of two.
public struct MerkleRootBuilder: Sendable {
    /// Roots of complete subtrees, largest (leftmost) first; entry `i` covers `2^height[i]` leaves.
    private var stack: [(hash: TreeHash, height: Int)] = []
    /// How many leaves were appended.
    public private(set) var size: UInt64 = 0

    /// An empty builder.
    public init() { stack.reserveCapacity(64) }

    /// Appends a leaf by its leaf hash.
    public mutating func append(leafHash: TreeHash) {
        var hash = leafHash
        var height = 0
        // Every trailing one bit of `size` is a complete subtree of the same height to merge with.
        while let last = stack.last, last.height == height {
            stack.removeLast()
            hash = MerkleTree.nodeHash(last.hash, hash)
            height += 1
        }
        stack.append((hash, height))
        size += 1
    }

    /// Appends a leaf by its entry bytes (hashed as `SHA-256(0x00 || entry)`).
    public mutating func append(entry: some Collection<UInt8>) {
        append(leafHash: MerkleTree.leafHash(entry))
    }

    /// The root of the leaves so far (the empty root for none).
    public var root: TreeHash {
        guard var hash = stack.last?.hash else { return MerkleTree.emptyRoot }
        for subtree in stack.dropLast().reversed() {
            hash = MerkleTree.nodeHash(subtree.hash, hash)
        }
        return hash
    }
}
