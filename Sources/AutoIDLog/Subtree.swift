/// A subtree of a log's tree: the leaves `start..<end`, where `start` is a multiple of the smallest power
/// of two at least `end - start` (the Merkle tree certificates draft, "Subtrees"). Such a range is a node,
/// or the left part of a node, in every tree of `end` leaves or more, so its hash can be proven like a root:
/// by a subtree inclusion proof (a leaf is in it) and a subtree consistency proof (it is in a larger tree).
///
/// Equivalently: the width `end - start` is at most the largest power of two dividing `start` (any width
/// when `start` is 0). So `4..<8` and `4..<7` are subtrees, `2..<5` and `1..<3` are not.
public struct Subtree: Sendable, Hashable, CustomStringConvertible {
    /// The first leaf.
    public let start: UInt64
    /// One past the last leaf.
    public let end: UInt64

    /// The subtree `start..<end`; `nil` unless `start < end` and `start` is aligned as above.
    public init?(start: UInt64, end: UInt64) {
        guard Self.problem(start: start, end: end) == nil else { return nil }
        self.start = start
        self.end = end
    }

    /// The subtree `start..<end`, or an error that says why the range is not one; `input` names the
    /// range's source in the error.
    public static func checked(start: UInt64, end: UInt64, input: String) throws -> Subtree {
        if let problem = problem(start: start, end: end) {
            throw LogError(.malformedInput, input: input, detail: problem.detail, hint: problem.hint)
        }
        return Subtree(uncheckedStart: start, end: end)
    }

    private init(uncheckedStart start: UInt64, end: UInt64) {
        self.start = start
        self.end = end
    }

    /// The number of leaves.
    public var width: UInt64 { end - start }

    public var description: String { "\(start)..<\(end)" }

    /// What is wrong with `start..<end` as a subtree, or `nil` when it is one.
    static func problem(start: UInt64, end: UInt64) -> (detail: String, hint: String)? {
        if start > end {
            return ("subtree \(start)..<\(end) starts after it ends", "give start before end (a subtree is start..<end)")
        }
        if start == end {
            return ("subtree \(start)..<\(end) holds no leaves", "give a range of at least one leaf")
        }
        if start == 0 { return nil }
        guard let alignment = alignment(width: end - start) else {
            // Wider than 2^63: no power of two that fits in 64 bits covers it, so only the tree's left edge does.
            return ("subtree \(start)..<\(end) is wider than 2^63 leaves and does not start at 0", "such a subtree must start at leaf 0")
        }
        guard start % alignment == 0 else {
            return (
                "subtree \(start)..<\(end) is not a node of the tree: its start is not a multiple of \(alignment), the smallest power of two at least its \(end - start) leaves",
                "start it at a multiple of \(alignment), or split it into smaller subtrees"
            )
        }
        return nil
    }

    /// The smallest power of two at least `width` (>= 1), or `nil` above 2^63.
    static func alignment(width: UInt64) -> UInt64? {
        let exponent = 64 - (width - 1).leadingZeroBitCount
        return exponent < 64 ? UInt64(1) << exponent : nil
    }

    /// Tells whether `leafIndex` (absolute, in the log) is one of this subtree's leaves.
    public func contains(_ leafIndex: UInt64) -> Bool { leafIndex >= start && leafIndex < end }

    /// Verifies an inclusion proof of the leaf at absolute index `leafIndex` in this subtree, whose hash is
    /// `root`: within the subtree the leaf is at `leafIndex - start` of a tree of `end - start` leaves
    /// (the draft's "Subtree Inclusion Proofs"). Any value of the wrong length, or a proof longer than
    /// ``InclusionProof/maximumLength``, fails.
    public func verifyInclusion(leafIndex: UInt64, leafHash: [UInt8], root: [UInt8], proof: [[UInt8]]) -> Bool {
        guard contains(leafIndex) else { return false }
        return InclusionProof.verify(leafIndex: leafIndex - start, treeSize: width, leafHash: leafHash, root: root, proof: proof)
    }

    /// Generates the inclusion proof of the leaf at absolute index `leafIndex` in this subtree, from the
    /// log's leaf hashes (`leaves[0]` is leaf 0; at least ``end`` of them); `nil` when the leaf is outside
    /// the subtree or the log is shorter than the subtree.
    public func inclusionProof(leafIndex: UInt64, leaves: [TreeHash]) -> InclusionProof? {
        guard contains(leafIndex), end <= UInt64(leaves.count) else { return nil }
        let own = Array(leaves[Int(start)..<Int(end)])
        return InclusionProof.generate(leafIndex: leafIndex - start, leaves: own)
    }

    /// The subtree's hash: MTH over its leaves; `nil` when the log is shorter than the subtree.
    public func hash(leaves: [TreeHash]) -> TreeHash? {
        guard end <= UInt64(leaves.count) else { return nil }
        return MerkleTree.subtreeRoot(leaves[Int(start)..<Int(end)])
    }
}
