import AutoIDJSON
public import AutoIDReports

/// `state-audit log inclusion`: are entries in the tree of a verified checkpoint?
///
/// Made in two steps, in the order a run needs its inputs: ``init(_:name:proofs:proofSource:entryCount:)``
/// checks that the proofs fit the checkpoint and the number of entries (before any entry is read);
/// ``run(_:)`` then checks each entry's leaf hash against its proof and the checkpoint's root.
public struct LogInclusionAudit: Sendable {
    /// One entry to look for, and the name the report gives it.
    public struct Entry: Sendable, Equatable {
        /// How the report names the entry: its file's path, or the leaf hash as given.
        public var name: String
        /// The entry's leaf hash, `SHA-256(0x00 || contents)`.
        public var leafHash: TreeHash

        /// The entry named `name`, whose leaf hash is `leafHash`.
        public init(name: String, leafHash: TreeHash) {
            self.name = name
            self.leafHash = leafHash
        }
    }

    /// The checkpoint, its signatures verified.
    public let verified: CheckpointVerifier.Result
    /// How the report names the checkpoint (its path, as given).
    public let name: String
    /// One inclusion proof per entry, in the entries' order.
    public let proofs: [InclusionProof]

    /// An audit of `entryCount` entries against the checkpoint in `verified` with `proofs`.
    ///
    /// - Throws: ``LogError`` (malformed input, naming `proofSource`) when there is not one proof per entry,
    ///   or the proofs are for another tree size than the checkpoint's.
    public init(_ verified: CheckpointVerifier.Result, name: String, proofs: [InclusionProof], proofSource: String, entryCount: Int) throws {
        guard proofs.count == entryCount else {
            throw LogError(
                .malformedInput, input: proofSource, detail: "\(proofs.count) proof(s) for \(entryCount) entr\(entryCount == 1 ? "y" : "ies")",
                hint: "give one proof per entry, in the same order")
        }
        let tree = verified.checkpoint
        if let first = proofs.first, first.treeSize != tree.size {
            throw LogError(
                .malformedInput, input: proofSource, detail: "the proofs are for tree size \(first.treeSize), the checkpoint has \(tree.size)",
                hint: "fetch proofs for the checkpoint's tree size")
        }
        self.verified = verified
        self.name = name
        self.proofs = proofs
    }

    /// The report: the checkpoint, and one check per entry (`NAME at index N`) that passes when the entry's
    /// proof leads from its leaf hash to the checkpoint's root.
    ///
    /// - Precondition: one entry per proof (the count given to the initialiser), in the proofs' order.
    public func run(_ entries: [Entry]) -> AuditReport {
        precondition(entries.count == proofs.count, "one entry per inclusion proof")
        let tree = verified.checkpoint
        var checks: [AuditCheck] = []
        var results: [JSONValue] = []
        let verdicts = InclusionProof.verify(proofs, leafHashes: entries.map(\.leafHash), root: tree.root)
        for ((entry, inclusion), ok) in zip(zip(entries, proofs), verdicts) {
            checks.append(
                AuditCheck(
                    name: "\(entry.name) at index \(inclusion.leafIndex)",
                    failure: ok ? nil : "the inclusion proof does not lead to the checkpoint's root"))
            results.append(
                .object([
                    "entry": .string(entry.name), "leafHash": .string(entry.leafHash.base64), "leafIndex": .integer(inclusion.leafIndex), "ok": .bool(ok),
                ]))
        }
        return AuditReport(
            fields: [
                "checkpoint": .string(name), "origin": .string(tree.origin), "size": .integer(tree.size),
                "root": .string(tree.root.base64), "entries": .array(results),
            ],
            lines: ["checkpoint: \(tree.origin) size \(tree.size) root \(tree.root.base64)"],
            checks: checks)
    }
}
