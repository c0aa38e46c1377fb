/// A subtree consistency proof (the Merkle tree certificates draft, "Subtree Consistency Proofs"):
/// evidence that the subtree `start..<end`, whose hash a verifier holds, is part of the tree of
/// `treeSize` leaves with a given root.
///
/// It generalises the RFC 9162 consistency proof (section 2.1.4), which is the case `start == 0`: the
/// proof walks down from the root towards the subtree, and holds, from the bottom up, the hash of the
/// subtree's rightmost part when the subtree is not itself a node of the larger tree, then one sibling
/// hash per level.
///
/// Rules beyond the draft's algorithm, as in the transparency-dev test vectors: when the subtree is the
/// whole tree (`0..<treeSize`) the proof is empty and the two hashes are compared as given; an empty range
/// `start..<start` (within the tree) is consistent with any tree when its hash is that of the empty tree
/// and the proof is empty.
public struct SubtreeConsistencyProof: Sendable, Equatable {
    /// The longest proof accepted: a tree of `UInt64` leaves is at most 64 levels deep, and the proof holds
    /// one hash per level plus one; longer proofs are refused before any hashing.
    public static let maximumLength = 65

    /// The subtree whose hash the proof starts from.
    public var subtree: Subtree
    /// The size of the tree the proof leads into.
    public var treeSize: UInt64
    /// The proof's hashes, bottom up.
    public var hashes: [TreeHash]

    /// A proof from its parts.
    public init(subtree: Subtree, treeSize: UInt64, hashes: [TreeHash]) {
        self.subtree = subtree
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// One level of the walk from the root of the tree down to the subtree.
    enum Step {
        /// The subtree lies in the left child: the proof gives the right sibling.
        case right
        /// The subtree lies in the right child: the proof gives the left sibling.
        case left
        /// The subtree begins at the left child and reaches into the right one (only when it starts at
        /// this node's first leaf): the proof gives the left child, which the subtree holds too.
        case straddle
    }

    /// The walk for subtree `start..<end` of a tree of `treeSize` leaves (both already checked: a
    /// subtree, and `end <= treeSize`), with the leaves each sibling covers, bottom-up order reversed.
    ///
    /// `base` is the range of the node where the walk stops; `complete` tells whether that node is the
    /// subtree itself (so its hash is the verifier's own) rather than the subtree's rightmost part (whose
    /// hash is the proof's first).
    struct Walk {
        var steps: [(step: Step, sibling: Range<UInt64>)] = []
        var base: Range<UInt64> = 0..<0
        var complete = true

        /// The number of hashes a proof for this walk holds.
        var proofLength: Int { steps.count + (complete ? 0 : 1) }

        init(start: UInt64, end: UInt64, treeSize: UInt64) {
            // Positions relative to the current node, which begins at leaf `offset` and has `n` leaves.
            var offset: UInt64 = 0
            var start = start
            var end = end
            var n = treeSize
            steps.reserveCapacity(64)
            while !(start == 0 && end == n) {
                // MTH splits n leaves at k, the largest power of two below n (n >= 2 here: a subtree of a
                // one-leaf node is the node).
                let k = MerkleTree.split(n)
                if end <= k {
                    steps.append((.right, offset + k..<offset + n))
                    n = k
                } else if start >= k {
                    steps.append((.left, offset..<offset + k))
                    offset += k
                    start -= k
                    end -= k
                    n -= k
                } else {
                    // start < k < end: an aligned subtree crosses k only from the node's first leaf.
                    precondition(start == 0, "a subtree crosses a split only from its node's first leaf")
                    steps.append((.straddle, offset..<offset + k))
                    offset += k
                    end -= k
                    n -= k
                    complete = false
                }
            }
            base = offset..<offset + n
        }
    }

    /// Generates the proof for `subtree` in the tree over `leaves` (SUBTREE_PROOF of the draft); `nil`
    /// unless the subtree ends within the leaves.
    ///
    /// Takes O(n) hashing; for a log's own prover, not for hot paths.
    public static func generate(subtree: Subtree, leaves: [TreeHash]) -> SubtreeConsistencyProof? {
        let treeSize = UInt64(leaves.count)
        guard subtree.end <= treeSize else { return nil }
        let walk = Walk(start: subtree.start, end: subtree.end, treeSize: treeSize)
        func hash(_ range: Range<UInt64>) -> TreeHash { MerkleTree.subtreeRoot(leaves[Int(range.lowerBound)..<Int(range.upperBound)]) }
        var hashes: [TreeHash] = []
        hashes.reserveCapacity(walk.proofLength)
        if !walk.complete { hashes.append(hash(walk.base)) }
        for (_, sibling) in walk.steps.reversed() { hashes.append(hash(sibling)) }
        return SubtreeConsistencyProof(subtree: subtree, treeSize: treeSize, hashes: hashes)
    }

    /// Tells whether the proof shows the subtree with hash `subtreeHash` is in the tree with `root`.
    public func verify(subtreeHash: TreeHash, root: TreeHash) -> Bool {
        (try? Self.check(
            start: subtree.start, end: subtree.end, treeSize: treeSize, subtreeHash: subtreeHash.bytes, root: root.bytes,
            proof: hashes.map(\.bytes), input: "subtree consistency proof")) != nil
    }

    /// Verifies with every value as raw bytes, as test vectors and wire formats give them.
    public static func verify(start: UInt64, end: UInt64, treeSize: UInt64, subtreeHash: [UInt8], root: [UInt8], proof: [[UInt8]]) -> Bool {
        (try? check(start: start, end: end, treeSize: treeSize, subtreeHash: subtreeHash, root: root, proof: proof, input: "subtree consistency proof")) != nil
    }

    /// Verifies with every value as raw bytes, throwing an error that says what failed: a range that is
    /// not a subtree or ends past the tree, a hash of the wrong length (malformed input, exit 3), a proof
    /// of the wrong length or one that leads elsewhere (verification failed, exit 1). `input` names the
    /// proof in errors.
    public static func check(
        start: UInt64, end: UInt64, treeSize: UInt64, subtreeHash: [UInt8], root: [UInt8], proof: [[UInt8]], input: String
    ) throws {
        func failed(_ detail: String) -> LogError { LogError(.verificationFailed, input: input, detail: detail) }
        guard proof.count <= maximumLength else {
            throw LogError(.tooLarge, input: input, detail: "the proof has \(proof.count) hashes, more than any tree's \(maximumLength)")
        }
        guard start != end else {
            // The empty range: its hash is the empty tree's, and nothing needs proving.
            guard end <= treeSize else {
                throw LogError(.malformedInput, input: input, detail: "the empty subtree at \(start) lies past the tree's \(treeSize) leaves")
            }
            guard proof.isEmpty else { throw failed("the subtree \(start)..<\(end) is empty, but the proof is not") }
            guard subtreeHash == MerkleTree.emptyRoot.bytes else {
                throw failed("the subtree \(start)..<\(end) is empty, but its hash is not the empty tree's")
            }
            return
        }
        let subtree = try Subtree.checked(start: start, end: end, input: input)
        guard end <= treeSize else {
            throw LogError(
                .malformedInput, input: input, detail: "the subtree \(subtree) ends past the tree's \(treeSize) leaves",
                hint: "a subtree is proven into a tree at least as large")
        }
        if start == 0 && end == treeSize {
            guard proof.isEmpty else { throw failed("the subtree \(subtree) is the whole tree, but the proof is not empty") }
            guard subtreeHash == root else { throw failed("the subtree \(subtree) is the whole tree, but its hash is not the root") }
            return
        }
        let walk = Walk(start: start, end: end, treeSize: treeSize)
        guard proof.count == walk.proofLength else {
            throw failed("a proof for the subtree \(subtree) in a tree of \(treeSize) leaves has \(walk.proofLength) hashes, this one has \(proof.count)")
        }
        guard let expectedSubtree = TreeHash(bytes: subtreeHash) else {
            throw LogError(.malformedInput, input: input, detail: "the subtree hash has \(subtreeHash.count) bytes, not \(TreeHash.byteCount)")
        }
        guard let expectedRoot = TreeHash(bytes: root) else {
            throw LogError(.malformedInput, input: input, detail: "the root has \(root.count) bytes, not \(TreeHash.byteCount)")
        }
        var hashes: [TreeHash] = []
        hashes.reserveCapacity(proof.count)
        for (index, bytes) in proof.enumerated() {
            guard let hash = TreeHash(bytes: bytes) else {
                throw LogError(.malformedInput, input: input, detail: "proof hash \(index) has \(bytes.count) bytes, not \(TreeHash.byteCount)")
            }
            hashes.append(hash)
        }
        // Climb from the bottom: `old` rebuilds the subtree's hash, `new` the root of the larger tree.
        var next = hashes.makeIterator()
        var old = expectedSubtree
        if !walk.complete { old = next.next()! }
        var new = old
        for (step, _) in walk.steps.reversed() {
            let sibling = next.next()!
            switch step {
            case .right: new = MerkleTree.nodeHash(new, sibling)
            case .left: new = MerkleTree.nodeHash(sibling, new)
            case .straddle:
                old = MerkleTree.nodeHash(sibling, old)
                new = MerkleTree.nodeHash(sibling, new)
            }
        }
        guard old == expectedSubtree else { throw failed("the proof does not lead to the subtree \(subtree)'s hash") }
        guard new == expectedRoot else { throw failed("the proof does not lead to the root of the tree of \(treeSize) leaves") }
    }
}
