import AutoIDJSON
public import AutoIDReports

extension LogAudit {
    /// One whole step of `state-audit log audit`: decides how a verified checkpoint relates to the stored
    /// one (``check(stored:new:proof:proofSource:)``), builds the report, and replaces the state file with
    /// the new checkpoint when it is accepted.
    ///
    /// The state file is written only when the new checkpoint is trusted on first use, the same tree or a
    /// proven extension. On a fork or a rollback it is not touched, and the report fails with both
    /// checkpoints in full.
    ///
    /// - Parameters:
    ///   - verified: the new checkpoint, its signatures verified by a ``CheckpointVerifier``.
    ///   - name: how the report names the new checkpoint (its path, as given).
    ///   - stored: the state read from `statePath`; `nil` when there was none (the first audit).
    ///   - statePath: the state file, named in the report; replaced atomically when the checkpoint is accepted.
    ///   - proof: the consistency proof from the stored tree size to the new one, when one was given.
    ///   - proofSource: how errors name the proof (its path, or the option that takes it).
    /// - Returns: the report: facts, then the checks `checkpoint signatures`, the verdict, and
    ///   `state file updated` when the state was replaced.
    /// - Throws: ``LogError`` when the inputs do not fit together (see ``check(stored:new:proof:proofSource:)``);
    ///   a file error when the state file cannot be written.
    public static func run(
        _ verified: CheckpointVerifier.Result, name: String, stored: LogState?, statePath: String,
        proof: ConsistencyProof?, proofSource: String
    ) throws -> AuditReport {
        let new = verified.checkpoint
        let verdict = try check(stored: stored?.checkpoint, new: new, proof: proof, proofSource: proofSource)

        var signers = "signed by \(verified.logSigners.joined(separator: ", "))"
        if !verified.witnesses.isEmpty { signers += "; witnesses: \(verified.witnesses.joined(separator: ", "))" }
        if verified.ignoredSignatures > 0 { signers += "; \(verified.ignoredSignatures) signature(s) from unknown keys ignored" }
        var report = AuditReport(
            fields: [
                "checkpoint": .string(name), "state": .string(statePath), "origin": .string(new.origin),
                "size": .integer(new.size), "root": .string(new.root.base64),
                "logSigners": .array(verified.logSigners.map(JSONValue.string)),
                "witnesses": .array(verified.witnesses.map(JSONValue.string)),
                "ignoredSignatures": .integer(verified.ignoredSignatures),
            ],
            lines: ["checkpoint: \(new.origin) size \(new.size) root \(new.root.base64)", signers],
            checks: [AuditCheck(name: "checkpoint signatures")])
        if let stored { report.fields["storedSize"] = .integer(stored.checkpoint.size) }

        switch verdict {
        case .firstUse:
            report.fields["verdict"] = .string("first-use")
            report.lines.append("no state at \(statePath): trusting this checkpoint on first use")
            report.checks.append(AuditCheck(name: "trusted on first use"))
        case .unchanged:
            report.fields["verdict"] = .string("unchanged")
            report.lines.append("same tree as the stored checkpoint")
            report.checks.append(AuditCheck(name: "same tree as stored (size \(new.size))"))
        case .extended:
            // `check` says `.extended` only when there is a stored checkpoint.
            let oldSize = stored?.checkpoint.size ?? 0
            report.fields["verdict"] = .string("extended")
            report.lines.append("extends the stored checkpoint of size \(oldSize)")
            report.checks.append(AuditCheck(name: "consistent with stored (size \(oldSize) -> \(new.size))"))
        case .fork(let why):
            refuse(&report, fork: true, reason: "FORK: \(why)", stored: stored, new: verified.note, name: name, statePath: statePath)
            return report  // the state file is left as it was
        case .rollback:
            let reason = "the new checkpoint (size \(new.size)) is older than the stored one (size \(stored?.checkpoint.size ?? 0))"
            refuse(&report, fork: false, reason: reason, stored: stored, new: verified.note, name: name, statePath: statePath)
            return report  // the state file is left as it was
        }

        // Accepted: only now is the state file replaced.
        try LogState(note: verified.note, source: name).write(to: statePath)
        report.checks.append(AuditCheck(name: "state file updated"))
        return report
    }

    /// Adds a refused checkpoint to `report`: the verdict, both notes in full (JSON members, indented text
    /// lines) and the failed check that says the state file was not changed.
    private static func refuse(
        _ report: inout AuditReport, fork: Bool, reason: String, stored: LogState?, new: SignedNote, name: String, statePath: String
    ) {
        guard let stored else { preconditionFailure("LogAudit.check refuses a checkpoint only when there is a stored one") }
        let storedText = String(decoding: stored.note.bytes, as: UTF8.self)
        let newText = String(decoding: new.bytes, as: UTF8.self)
        report.fields["verdict"] = .string(fork ? "fork" : "rollback")
        report.fields["stored"] = .string(storedText)
        report.fields["new"] = .string(newText)
        report.lines.append("stored checkpoint (\(statePath)):")
        report.lines += storedText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }
        report.lines.append("new checkpoint (\(name)):")
        report.lines += newText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }
        report.checks.append(
            AuditCheck(
                name: fork ? "no fork" : "not older than stored", failure: reason,
                detail: "stored:\n\(storedText)\nnew:\n\(newText)\nthe state file \(statePath) was not changed"))
    }
}
