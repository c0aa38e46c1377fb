/// A subtree of a log's tree: the leaves `start..<end`, where `start` is a multiple of the smallest power
/// of two at least `end - start` (the Merkle tree certificates draft, "Subtrees"). Such a range is a node,
/// or the left part of a node, in every tree of `end` leaves or more, so its hash can be proven like a root.
public struct Subtree: Sendable, Hashable {
    /// The first leaf.
    public let start: UInt64
    /// One past the last leaf.
    public let end: UInt64

    /// The subtree `start..<end`; `nil` unless `start < end` and `start` is aligned as above.
    public init?(start: UInt64, end: UInt64) {
        guard start < end else { return nil }
        let width = end - start
        // The smallest power of two >= width; widths above 2^63 have none that fits, and only start 0 aligns.
        let exponent = 64 - (width - 1).leadingZeroBitCount
        if exponent < 64 {
            guard start & ((UInt64(1) << exponent) - 1) == 0 else { return nil }
        } else {
            guard start == 0 else { return nil }
        }
        self.start = start
        self.end = end
    }

    /// Verifies an inclusion proof of the leaf at absolute index `leafIndex` in this subtree, whose hash is
    /// `root`: within the subtree the leaf is at `leafIndex - start` of a tree of `end - start` leaves.
    public func verifyInclusion(leafIndex: UInt64, leafHash: [UInt8], root: [UInt8], proof: [[UInt8]]) -> Bool {
        guard leafIndex >= start, leafIndex < end else { return false }
        return InclusionProof.verify(leafIndex: leafIndex - start, treeSize: end - start, leafHash: leafHash, root: root, proof: proof)
    }
}
