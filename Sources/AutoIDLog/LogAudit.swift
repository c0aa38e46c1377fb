/// One step of a log audit: does a newly verified checkpoint extend the last one accepted?
///
/// The caller verifies the new checkpoint's signatures first (``CheckpointVerifier``);
/// ``check(stored:new:proof:proofSource:)`` decides its relation to the stored state with the consistency
/// proof and never writes anything; ``run(_:name:stored:statePath:proof:proofSource:)`` makes the whole step:
/// that decision, the report, and the state file replaced when (and only when) the checkpoint is accepted.
public enum LogAudit {
    /// The verdict of one step.
    public enum Verdict: Sendable, Equatable {
        /// No earlier state: the checkpoint is trusted on first use.
        case firstUse
        /// Same size and root as the stored checkpoint.
        case unchanged
        /// The new tree extends the stored one (the proof verified, or the stored tree was empty).
        case extended
        /// The two checkpoints cannot both be honest: same size with different roots, or a consistency
        /// proof that fails. `reason` says which.
        case fork(reason: String)
        /// The new checkpoint is smaller than the stored one: the log (or a mirror) served an old view.
        case rollback
    }

    /// Decides the relation of `new` to `stored`, with `proof` when the tree grew.
    ///
    /// Throws ``LogError`` when the inputs do not fit together (another origin; a proof for other sizes, or
    /// none when one is needed): those are mistakes in what was given, not evidence about the log.
    public static func check(stored: Checkpoint?, new: Checkpoint, proof: ConsistencyProof?, proofSource: String) throws -> Verdict {
        guard let stored else { return .firstUse }
        guard stored.origin.hasSameBytes(as: new.origin) else {
            throw LogError(
                .untrusted, input: "checkpoint", detail: "the new checkpoint is for '\(new.origin)', the state for '\(stored.origin)'",
                hint: "keep one state file per log")
        }
        if new.size < stored.size { return .rollback }
        if new.size == stored.size {
            return new.root == stored.root ? .unchanged : .fork(reason: "two checkpoints of size \(new.size) with different roots")
        }
        if stored.size == 0 { return .extended }
        guard let proof else {
            throw LogError(
                .malformedInput, input: proofSource, detail: "no consistency proof given for \(stored.size) -> \(new.size)",
                hint: "give --proof with a consistency proof between the stored and the new checkpoint")
        }
        guard proof.oldSize == stored.size, proof.newSize == new.size else {
            throw LogError(
                .malformedInput, input: proofSource,
                detail: "the proof is for sizes \(proof.oldSize) -> \(proof.newSize), the checkpoints are \(stored.size) -> \(new.size)",
                hint: "fetch the consistency proof between the stored and the new tree size")
        }
        guard proof.verify(oldRoot: stored.root, newRoot: new.root) else {
            return .fork(reason: "the consistency proof \(stored.size) -> \(new.size) does not verify: the new tree does not extend the stored one")
        }
        return .extended
    }
}
