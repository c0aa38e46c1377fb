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
        guard var walk = PathWalk(self, leafHash: leafHash) else { return nil }
        while let (left, right) = walk.nextNode(hashes) { walk.take(MerkleTree.nodeHash(left, right)) }
        return walk.root
    }

    /// Verifies many proofs against one `root`; element `i` of the result tells whether `proofs[i]`
    /// shows `leafHashes[i]`. The same verdicts as ``verify(leafHash:root:)`` one by one, computed two
    /// proofs at a time (``verify(_:leafHash:_:leafHash:root:)``).
    public static func verify(_ proofs: [InclusionProof], leafHashes: [TreeHash], root: TreeHash) -> [Bool] {
        precondition(proofs.count == leafHashes.count, "one leaf hash per proof")
        var verdicts = [Bool](repeating: false, count: proofs.count)
        var index = 0
        while index + 1 < proofs.count {
            (verdicts[index], verdicts[index + 1]) = verify(
                proofs[index], leafHash: leafHashes[index], proofs[index + 1], leafHash: leafHashes[index + 1], root: root)
            index += 2
        }
        if index < proofs.count { verdicts[index] = proofs[index].verify(leafHash: leafHashes[index], root: root) }
        return verdicts
    }

    /// Verifies two proofs against one `root` side by side: their node hashes are computed in pairs,
    /// interleaved on the SHA extensions, so two proofs cost little more than one.
    public static func verify(_ a: InclusionProof, leafHash leafA: TreeHash, _ b: InclusionProof, leafHash leafB: TreeHash, root: TreeHash) -> (Bool, Bool) {
        guard var first = PathWalk(a, leafHash: leafA), var second = PathWalk(b, leafHash: leafB) else {
            return (a.verify(leafHash: leafA, root: root), b.verify(leafHash: leafB, root: root))
        }
        while true {
            let x = first.nextNode(a.hashes)
            let y = second.nextNode(b.hashes)
            if let (l0, r0) = x, let (l1, r1) = y {
                let (h0, h1) = SHA256Blocks.hashNode2(l0, r0, l1, r1)
                first.take(h0)
                second.take(h1)
            } else if let (l0, r0) = x {
                first.take(MerkleTree.nodeHash(l0, r0))
            } else if let (l1, r1) = y {
                second.take(MerkleTree.nodeHash(l1, r1))
            } else {
                break
            }
        }
        return (first.root == root, second.root == root)
    }

    /// The walk of section 2.1.3.2 up one audit path, one node at a time, so two walks can share the
    /// hashing: ``nextNode(_:)`` names the next node's children, ``take(_:)`` gives its hash.
    struct PathWalk {
        private var fn: UInt64
        private var sn: UInt64
        private var r: TreeHash
        private var step = 0
        private var failed = false
        private var climbs = false

        /// Starts at the leaf, or `nil` when the proof cannot fit its index and size.
        init?(_ proof: InclusionProof, leafHash: TreeHash) {
            guard proof.leafIndex < proof.treeSize, proof.hashes.count <= InclusionProof.maximumLength else { return nil }
            fn = proof.leafIndex
            sn = proof.treeSize - 1
            r = leafHash
        }

        /// The children of the next node to hash, or `nil` when the path is done (or failed).
        mutating func nextNode(_ hashes: [TreeHash]) -> (TreeHash, TreeHash)? {
            guard !failed, step < hashes.count else { return nil }
            if sn == 0 {
                failed = true
                return nil
            }
            let p = hashes[step]
            if fn & 1 == 1 || fn == sn {
                climbs = fn & 1 == 0
                return (p, r)
            }
            climbs = false
            return (r, p)
        }

        /// Takes the hash of the node ``nextNode(_:)`` named.
        mutating func take(_ hash: TreeHash) {
            r = hash
            if climbs {
                // A right edge: climb until this node is a right child again (or the root).
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            }
            fn >>= 1
            sn >>= 1
            step += 1
        }

        /// The root reached, or `nil` when the path was too long or too short for the index and size.
        var root: TreeHash? { !failed && sn == 0 ? r : nil }
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
