import Crypto

/// The hashing of RFC 9162 section 2.1 (and RFC 6962): SHA-256 with domain separation between leaves
/// and interior nodes.
///
/// `leaf = SHA-256(0x00 || entry)`, `node = SHA-256(0x01 || left || right)`, and the root of the empty
/// tree is `SHA-256("")`. The tree over `n` entries splits them at `k`, the largest power of two smaller
/// than `n` (MTH in section 2.1.1).
public enum MerkleTree {
    /// The root of the empty tree: SHA-256 of no bytes (`47DEQpj8...`).
    public static let emptyRoot: TreeHash = SHA256.hash(data: [UInt8]()).withUnsafeBytes { TreeHash(loading: $0) }

    /// The leaf hash of one log entry: `SHA-256(0x00 || entry)`.
    public static func leafHash(_ entry: UnsafeRawBufferPointer) -> TreeHash {
        if entry.count < SHA256Blocks.oneBlockLimit { return SHA256Blocks.hashOneBlock(prefix: 0, entry) }
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: entry)
        return hasher.finalize().withUnsafeBytes { TreeHash(loading: $0) }
    }

    /// The leaf hash of one log entry given as bytes.
    public static func leafHash(_ entry: some Collection<UInt8>) -> TreeHash {
        if let hash = entry.withContiguousStorageIfAvailable({ leafHash(UnsafeRawBufferPointer($0)) }) { return hash }
        return Array(entry).withUnsafeBytes { leafHash($0) }
    }

    /// An interior node's hash: `SHA-256(0x01 || left || right)` (two block compressions, see
    /// ``SHA256Blocks``: this is the hot path of every root and proof).
    @inline(__always)
    public static func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        SHA256Blocks.hashNode(left, right)
    }

    /// The root of a tree whose leaf hashes are given (MTH of RFC 9162 section 2.1.1).
    public static func root(leafHashes: some Sequence<TreeHash>) -> TreeHash {
        var builder = MerkleRootBuilder()
        for leaf in leafHashes { builder.append(leafHash: leaf) }
        return builder.root
    }

    /// The root of the tree over `entries` (each one leaf).
    public static func root<Entry: Collection<UInt8>>(entries: some Sequence<Entry>) -> TreeHash {
        var builder = MerkleRootBuilder()
        for entry in entries { builder.append(entry: entry) }
        return builder.root
    }

    /// The largest power of two smaller than `n` (`n` >= 2): where MTH splits a tree of `n` leaves.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2)
        return 1 << (63 - (n - 1).leadingZeroBitCount)
    }

    /// MTH over a slice of leaf hashes, recursively as section 2.1.1 defines it (for proof generation,
    /// where the slices are the subtrees a proof needs).
    static func subtreeRoot(_ leaves: ArraySlice<TreeHash>) -> TreeHash {
        var builder = MerkleRootBuilder()
        for leaf in leaves { builder.append(leafHash: leaf) }
        return builder.root
    }
}
