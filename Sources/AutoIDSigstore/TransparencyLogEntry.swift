import AutoIDLog

/// One Rekor entry of a bundle (`verificationMaterial.tlogEntries[]`): where the log put the signature,
/// the log's proof that it did, and the entry's canonical body.
///
/// Nothing here is trusted as read: ``SigstoreVerification`` checks the proof against a checkpoint
/// signed by a log key the user trusts, and that the body binds this bundle's signature.
public struct TransparencyLogEntry: Sendable, Equatable {
    /// The RFC 9162 inclusion proof and the signed checkpoint it leads to.
    public struct InclusionProof: Sendable, Equatable {
        /// The leaf's 0-based index in the tree of ``treeSize`` leaves.
        public var logIndex: UInt64
        /// The tree's root hash the proof leads to (32 bytes).
        public var rootHash: [UInt8]
        /// The tree's size.
        public var treeSize: UInt64
        /// The audit path (32 bytes each), from the leaf's sibling up.
        public var hashes: [[UInt8]]
        /// The checkpoint as a C2SP signed note (`origin`, size, root, blank line, signature lines).
        public var checkpoint: String
    }

    /// The entry's index in the log (for Rekor v1, across shards; the proof's own index is per tree).
    public var logIndex: UInt64
    /// The log's ID: Rekor v1, SHA-256 of its key's DER; Rekor v2, the full SHA-256 whose first 4 bytes are
    /// the checkpoint's key hint.
    public var logID: [UInt8]
    /// The entry kind (`hashedrekord`, `dsse`...) and its schema version (`0.0.1`, `0.0.2`).
    public var kind: String
    /// The schema version of ``kind``.
    public var version: String
    /// Seconds since the epoch when a Rekor v1 log integrated the entry; `nil` when absent or 0 (Rekor v2).
    public var integratedTime: UInt64?
    /// Whether the entry carries a signed entry timestamp (Rekor v1's inclusion promise).
    public var hasInclusionPromise: Bool
    /// The inclusion proof; `nil` for a v0.1 bundle entry that has only a promise.
    public var inclusionProof: InclusionProof?
    /// The entry body exactly as the log hashed it into its leaf.
    public var canonicalizedBody: [UInt8]
}

extension TransparencyLogEntry {
    /// The most bytes of a canonicalized body: a hashedrekord or dsse body holds a certificate or two.
    static let maximumBodySize = 1 << 20

    init(_ entry: JSONReader) throws {
        logIndex = try entry.unsigned("logIndex")
        logID = try entry.object("logId").bytes("keyId", limit: 64)
        let kindVersion = try entry.object("kindVersion")
        kind = try kindVersion.string("kind", limit: 64)
        version = try kindVersion.string("version", limit: 64)
        let time = try entry.optionalUnsigned("integratedTime")
        integratedTime = time == 0 ? nil : time
        hasInclusionPromise = entry.has("inclusionPromise")
        canonicalizedBody = try entry.bytes("canonicalizedBody", limit: Self.maximumBodySize)
        if let proof = try entry.optionalObject("inclusionProof") {
            let hashes = try proof.hashes("hashes", limit: AutoIDLog.InclusionProof.maximumLength)
            let rootHash = try proof.bytes("rootHash", limit: 64)
            guard rootHash.count == 32 else { throw proof.error("rootHash", "is not a 32-byte hash") }
            inclusionProof = InclusionProof(
                logIndex: try proof.unsigned("logIndex"),
                rootHash: rootHash,
                treeSize: try proof.unsigned("treeSize"),
                hashes: hashes,
                checkpoint: try proof.object("checkpoint").string("envelope", limit: 64 * 1024))
        } else {
            inclusionProof = nil
        }
    }
}
