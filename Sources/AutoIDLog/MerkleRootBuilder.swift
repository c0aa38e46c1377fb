/// Computes an RFC 9162 tree root from leaves appended one at a time, in memory bounded by the tree's
/// height: a stack of the roots of complete subtrees (at most 64 for any size that fits `UInt64`), plus
/// one batch of up to ``batchSize`` leaves.
///
/// Appending leaf `i` merges complete subtrees of equal size like a binary counter; ``root`` folds the
/// remaining stack from the right, which is exactly MTH's split at the largest power of two.
///
/// Speed: leaves are gathered in aligned batches of ``batchSize``; a full batch is reduced level by level,
/// two independent node hashes at a time (``SHA256Blocks/hashNode2(_:_:_:_:)``, interleaved on the SHA
/// extensions), and its root joins the stack as one complete subtree. Small entries given to
/// ``append(entry:)`` are leaf-hashed two at a time the same way. The result is the same tree hash
/// either way; only the order of work differs.
public struct MerkleRootBuilder: Sendable {
    /// How many leaves a batch holds: a power of two, so a full batch is a complete subtree.
    static let batchSize = 64
    static let batchHeight = 6

    /// Roots of complete subtrees, largest (leftmost) first; entry `i` covers `2^height[i]` leaves.
    private var stack: [(hash: TreeHash, height: Int)] = []
    /// The leaves after the last full batch (fewer than ``batchSize``).
    private var batch: [TreeHash] = []
    /// An entry of at most 54 bytes waiting for a second one to be leaf-hashed with it.
    private var heldEntry: [UInt8] = []
    private var holdsEntry = false
    /// How many leaves were appended.
    public private(set) var size: UInt64 = 0

    /// An empty builder.
    public init() {
        stack.reserveCapacity(64)
        batch.reserveCapacity(Self.batchSize)
    }

    /// Appends the next leaf by its leaf hash.
    public mutating func append(leafHash: TreeHash) {
        releaseHeldEntry()
        appendLeaf(leafHash)
    }

    /// Appends the next leaf by its entry (hashed as `SHA-256(0x00 || entry)`).
    public mutating func append(entry: some Collection<UInt8>) {
        if let done = entry.withContiguousStorageIfAvailable({ append(entryBytes: UnsafeRawBufferPointer($0)) }) { return done }
        Array(entry).withUnsafeBytes { append(entryBytes: $0) }
    }

    /// Appends the next leaf by its entry's bytes.
    public mutating func append(entryBytes entry: UnsafeRawBufferPointer) {
        guard entry.count < SHA256Blocks.oneBlockLimit else {
            releaseHeldEntry()
            appendLeaf(MerkleTree.leafHash(entry))
            return
        }
        guard holdsEntry else {
            heldEntry.removeAll(keepingCapacity: true)
            heldEntry.append(contentsOf: entry)
            holdsEntry = true
            size += 1  // counted now; its hash joins the batch with the next entry's or on release
            return
        }
        let (first, second) = heldEntry.withUnsafeBytes { SHA256Blocks.hashOneBlock2(prefix: 0, $0, entry) }
        holdsEntry = false
        size -= 1
        appendLeaf(first)
        appendLeaf(second)
    }

    /// The root of the tree of the leaves appended so far.
    public var root: TreeHash {
        var copy = self
        copy.releaseHeldEntry()
        for leaf in copy.batch { copy.push(leaf, height: 0) }
        guard var hash = copy.stack.last?.hash else { return MerkleTree.emptyRoot }
        for subtree in copy.stack.dropLast().reversed() {
            hash = MerkleTree.nodeHash(subtree.hash, hash)
        }
        return hash
    }

    /// Hashes a held entry alone, as the next leaf.
    private mutating func releaseHeldEntry() {
        guard holdsEntry else { return }
        holdsEntry = false
        size -= 1
        appendLeaf(heldEntry.withUnsafeBytes { MerkleTree.leafHash($0) })
    }

    private mutating func appendLeaf(_ leaf: TreeHash) {
        size += 1
        batch.append(leaf)
        guard batch.count == Self.batchSize else { return }
        // Reduce the batch in place, level by level, two pairs at a time.
        var count = Self.batchSize
        batch.withUnsafeMutableBufferPointer { level in
            while count > 2 {
                var pair = 0
                while pair < count / 2 {
                    let (a, b) = SHA256Blocks.hashNode2(level[2 * pair], level[2 * pair + 1], level[2 * pair + 2], level[2 * pair + 3])
                    level[pair] = a
                    level[pair + 1] = b
                    pair += 2
                }
                count /= 2
            }
            level[0] = MerkleTree.nodeHash(level[0], level[1])
        }
        let subtree = batch[0]
        batch.removeAll(keepingCapacity: true)
        push(subtree, height: Self.batchHeight)
    }

    /// Pushes the root of a complete subtree of `2^height` leaves, merging equal heights.
    private mutating func push(_ subtree: TreeHash, height start: Int) {
        var hash = subtree
        var height = start
        // Every trailing one bit of the leaf count at this height is a complete subtree to merge with.
        while let last = stack.last, last.height == height {
            stack.removeLast()
            hash = MerkleTree.nodeHash(last.hash, hash)
            height += 1
        }
        stack.append((hash, height))
    }
}
