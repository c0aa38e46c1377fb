/// An RFC 9162 inclusion proof (section 2.1.3): the audit path from leaf `leafIndex` to the root of the
/// tree of `treeSize` leaves.
public struct InclusionProof: Sendable, Equatable {
    /// The longest audit path any `UInt64`-sized tree has; longer proofs are refused before any hashing.
    public static let maximumLength = 64

    /// The 0-based index of the leaf.
    public var leafIndex: UInt64
    /// The size of the tree the proof is for.
    public var treeSize: UInt64
    /// The audit path, from the leaf's sibling up.
    public var hashes: [TreeHash]

    /// A proof from its parts.
    public init(leafIndex: UInt64, treeSize: UInt64, hashes: [TreeHash]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// Generates the proof for leaf `index` of the tree over `leaves` (PATH of section 2.1.3.1).
    ///
    /// Takes O(n) hashing; for a log's own prover, not for hot paths.
    public static func generate(leafIndex index: UInt64, leaves: [TreeHash]) -> InclusionProof? {
        guard index < UInt64(leaves.count) else { return nil }
        var path: [TreeHash] = []
        Self.path(Int(index), leaves[...], into: &path)
        return InclusionProof(leafIndex: index, treeSize: UInt64(leaves.count), hashes: path)
    }

    /// PATH(m, D[n]): the sibling subtree roots from the top down, appended bottom up.
    private static func path(_ m: Int, _ leaves: ArraySlice<TreeHash>, into path: inout [TreeHash]) {
        let n = leaves.count
        guard n > 1 else { return }
        let k = Int(MerkleTree.split(UInt64(n)))
        let start = leaves.startIndex
        if m < k {
            Self.path(m, leaves[start..<start + k], into: &path)
            path.append(MerkleTree.subtreeRoot(leaves[(start + k)...]))
        } else {
            Self.path(m - k, leaves[(start + k)...], into: &path)
            path.append(MerkleTree.subtreeRoot(leaves[start..<start + k]))
        }
    }

    /// The root this proof leads to from `leafHash` (section 2.1.3.2), or `nil` when the path's length
    /// does not fit the index and size.
    public func rootFrom(leafHash: TreeHash) -> TreeHash? {
        guard leafIndex < treeSize, hashes.count <= Self.maximumLength else { return nil }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for p in hashes {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = MerkleTree.nodeHash(p, r)
                if fn & 1 == 0 {
                    // A right edge: climb until this node is a right child again (or the root).
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    /// Tells whether the proof shows `leafHash` at ``leafIndex`` in the tree with `root`.
    public func verify(leafHash: TreeHash, root: TreeHash) -> Bool {
        rootFrom(leafHash: leafHash) == root
    }

    /// Verifies with every value as raw bytes, as test vectors and wire formats give them: a leaf hash,
    /// root or proof hash of any length but 32 fails.
    public static func verify(
        leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], root: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        guard let leaf = TreeHash(bytes: leafHash), let root = TreeHash(bytes: root), proof.count <= maximumLength else { return false }
        var hashes: [TreeHash] = []
        for bytes in proof {
            guard let hash = TreeHash(bytes: bytes) else { return false }
            hashes.append(hash)
        }
        return InclusionProof(leafIndex: leafIndex, treeSize: treeSize, hashes: hashes).verify(leafHash: leaf, root: root)
    }
}
