import AutoIDJSON
public import AutoIDReports

/// `state-audit log subtree`: is a subtree, whose hash the caller trusts from elsewhere (a signed
/// landmark, a certificate), part of the tree of a verified checkpoint?
public enum LogSubtreeAudit {
    /// The report: the checkpoint, and one check (`subtree START..<END`) that passes when `proof` leads
    /// from `subtreeHash` to the checkpoint's root.
    ///
    /// - Throws: ``LogError`` (malformed input, naming `proofSource`) when the proof is for another tree
    ///   size than the checkpoint's.
    public static func run(
        _ verified: CheckpointVerifier.Result, name: String, subtreeHash: TreeHash, proof: SubtreeConsistencyProof, proofSource: String
    ) throws -> AuditReport {
        let tree = verified.checkpoint
        guard proof.treeSize == tree.size else {
            throw LogError(
                .malformedInput, input: proofSource, detail: "the proof is for tree size \(proof.treeSize), the checkpoint has \(tree.size)",
                hint: "fetch a proof for the checkpoint's tree size")
        }
        var failure: String?
        do {
            try SubtreeConsistencyProof.check(
                start: proof.subtree.start, end: proof.subtree.end, treeSize: proof.treeSize, subtreeHash: subtreeHash.bytes,
                root: tree.root.bytes, proof: proof.hashes.map(\.bytes), input: proofSource)
        } catch let error as LogError where error.code == .verificationFailed {
            failure = error.detail
        }
        return AuditReport(
            fields: [
                "checkpoint": .string(name), "origin": .string(tree.origin), "size": .integer(tree.size), "root": .string(tree.root.base64),
                "start": .integer(proof.subtree.start), "end": .integer(proof.subtree.end), "subtreeHash": .string(subtreeHash.base64),
                "ok": .bool(failure == nil),
            ],
            lines: ["checkpoint: \(tree.origin) size \(tree.size) root \(tree.root.base64)"],
            checks: [AuditCheck(name: "subtree \(proof.subtree) hash \(subtreeHash.base64)", failure: failure)])
    }
}
