/// An RFC 9162 consistency proof (section 2.1.4): evidence that the tree of `oldSize` leaves is a prefix
/// of the tree of `newSize` leaves.
///
/// Rules beyond the section's algorithm, as in the transparency-dev test vectors: equal sizes need an
/// empty proof and equal roots; a proof from the empty tree (old size 0) is refused, because it proves
/// nothing (an auditor starting from nothing trusts on first use instead).
public struct ConsistencyProof: Sendable, Equatable {
    /// The longest proof any `UInt64`-sized pair of trees has; longer proofs are refused before hashing.
    public static let maximumLength = 128

    /// The size of the earlier tree.
    public var oldSize: UInt64
    /// The size of the later tree.
    public var newSize: UInt64
    /// The proof's hashes, in the order of section 2.1.4.1.
    public var hashes: [TreeHash]

    /// A proof from its parts.
    public init(oldSize: UInt64, newSize: UInt64, hashes: [TreeHash]) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.hashes = hashes
    }

    /// Generates the proof between the first `oldSize` leaves and all of `leaves` (PROOF and SUBPROOF of
    /// section 2.1.4.1); `nil` unless `0 < oldSize <= leaves.count`.
    public static func generate(oldSize: UInt64, leaves: [TreeHash]) -> ConsistencyProof? {
        guard oldSize > 0, oldSize <= UInt64(leaves.count) else { return nil }
        var proof: [TreeHash] = []
        if oldSize < UInt64(leaves.count) {
            subproof(Int(oldSize), leaves[...], complete: true, into: &proof)
        }
        return ConsistencyProof(oldSize: oldSize, newSize: UInt64(leaves.count), hashes: proof)
    }

    /// SUBPROOF(m, D[n], b).
    private static func subproof(_ m: Int, _ leaves: ArraySlice<TreeHash>, complete: Bool, into proof: inout [TreeHash]) {
        let n = leaves.count
        let start = leaves.startIndex
        if m == n {
            if !complete { proof.append(MerkleTree.subtreeRoot(leaves)) }
            return
        }
        let k = Int(MerkleTree.split(UInt64(n)))
        if m <= k {
            subproof(m, leaves[start..<start + k], complete: complete, into: &proof)
            proof.append(MerkleTree.subtreeRoot(leaves[(start + k)...]))
        } else {
            subproof(m - k, leaves[(start + k)...], complete: false, into: &proof)
            proof.append(MerkleTree.subtreeRoot(leaves[start..<start + k]))
        }
    }

    /// Tells whether the proof shows the tree with `oldRoot` is a prefix of the tree with `newRoot`.
    public func verify(oldRoot: TreeHash, newRoot: TreeHash) -> Bool {
        Self.verify(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot.bytes, newRoot: newRoot.bytes, proof: hashes.map(\.bytes))
    }

    /// Verifies with every value as raw bytes (section 2.1.4.2), as test vectors give them.
    ///
    /// With equal sizes the roots are compared as given (any length); otherwise both must be 32 bytes.
    public static func verify(oldSize: UInt64, newSize: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]) -> Bool {
        if oldSize > newSize || oldSize == 0 || proof.count > maximumLength { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty, let first = TreeHash(bytes: oldRoot), let second = TreeHash(bytes: newRoot) else { return false }
        var path: [TreeHash] = []
        path.reserveCapacity(proof.count + 1)
        // Step 2: a complete old tree is its own first node on the path.
        if oldSize & (oldSize - 1) == 0 { path.append(first) }
        for bytes in proof {
            guard let hash = TreeHash(bytes: bytes) else { return false }
            path.append(hash)
        }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleTree.nodeHash(c, fr)
                sr = MerkleTree.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == first && sr == second && sn == 0
    }
}
