import ArgumentParser
import AutoIDFiles
import AutoIDJSON
import AutoIDLog
import AutoIDVerdict

extension StateAudit.Log {
    /// `state-audit log audit`: accept a new checkpoint only if it extends the last one accepted.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Check that a new checkpoint extends the last audited one, then remember it.",
            discussion: """
                Verifies CHECKPOINT's signatures (a --key of the log, and --witness-threshold of the \
                --witness keys), then its relation to the checkpoint kept in --state: the same tree, or a \
                larger tree that the --proof consistency proof shows extends it. Then the state file is \
                replaced atomically. With no state file yet the checkpoint is trusted on first use (the \
                report says so). A fork (same size with another root, or a proof that fails) or an older \
                checkpoint fails with exit status 1, the report holds both checkpoints, and the state file \
                is left as it was. Formats: autoid-checkpoint(5).
                """)

        @Argument(help: ArgumentHelp("The new signed checkpoint.", valueName: "checkpoint"))
        var checkpoint: String

        @Option(help: ArgumentHelp("The state file: the last accepted checkpoint (created on first use).", valueName: "file"))
        var state: String

        @Option(help: ArgumentHelp("A consistency proof file from the stored tree size to the new one.", valueName: "file"))
        var proof: String?

        @OptionGroup var trust: LogTrustOptions

        @OptionGroup var report: ReportOptions

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let note = try SignedNote(bytes: SmallFile.read(path: checkpoint, limit: SignedNote.maximumSize), source: checkpoint)
                let verified = try trust.verifier().verify(note, source: checkpoint)
                let stored = try LogState.read(path: state)
                var consistency: ConsistencyProof?
                if let proof {
                    switch try LogProofFile(bytes: SmallFile.read(path: proof, limit: LogProofFile.maximumSize), source: proof) {
                    case .consistency(let value): consistency = value
                    case .inclusion:
                        throw LogError(.malformedInput, input: proof, detail: "this is an inclusion proof", hint: "give a consistency proof to --proof")
                    }
                }
                let new = verified.checkpoint
                let verdict = try LogAudit.check(stored: stored?.checkpoint, new: new, proof: consistency, proofSource: proof ?? "--proof")

                var signers = "signed by \(verified.logSigners.joined(separator: ", "))"
                if !verified.witnesses.isEmpty { signers += "; witnesses: \(verified.witnesses.joined(separator: ", "))" }
                if verified.ignoredSignatures > 0 { signers += "; \(verified.ignoredSignatures) signature(s) from unknown keys ignored" }
                var lines = ["checkpoint: \(new.origin) size \(new.size) root \(new.root.base64)", signers]
                var checks = [AuditCheck(name: "checkpoint signatures")]
                var fields: [String: JSONValue] = [
                    "checkpoint": .string(checkpoint), "state": .string(state), "origin": .string(new.origin),
                    "size": .integer(new.size), "root": .string(new.root.base64),
                    "logSigners": .array(verified.logSigners.map(JSONValue.string)),
                    "witnesses": .array(verified.witnesses.map(JSONValue.string)),
                    "ignoredSignatures": .integer(verified.ignoredSignatures),
                ]
                let newText = String(decoding: note.bytes, as: UTF8.self)
                let storedText = stored.map { String(decoding: $0.note.bytes, as: UTF8.self) }
                if let stored { fields["storedSize"] = .integer(stored.checkpoint.size) }
                let accepted: Bool
                switch verdict {
                case .firstUse:
                    fields["verdict"] = .string("first-use")
                    lines.append("no state at \(state): trusting this checkpoint on first use")
                    checks.append(AuditCheck(name: "trusted on first use"))
                    accepted = true
                case .unchanged:
                    fields["verdict"] = .string("unchanged")
                    lines.append("same tree as the stored checkpoint")
                    checks.append(AuditCheck(name: "same tree as stored (size \(new.size))"))
                    accepted = true
                case .extended:
                    fields["verdict"] = .string("extended")
                    lines.append("extends the stored checkpoint of size \(stored!.checkpoint.size)")
                    checks.append(AuditCheck(name: "consistent with stored (size \(stored!.checkpoint.size) -> \(new.size))"))
                    accepted = true
                case .fork, .rollback:
                    accepted = false
                }
                if !accepted, let stored, let storedText {
                    let isFork: Bool
                    let reason: String
                    if case .fork(let why) = verdict {
                        isFork = true
                        reason = "FORK: \(why)"
                    } else {
                        isFork = false
                        reason = "the new checkpoint (size \(new.size)) is older than the stored one (size \(stored.checkpoint.size))"
                    }
                    fields["verdict"] = .string(isFork ? "fork" : "rollback")
                    fields["stored"] = .string(storedText)
                    fields["new"] = .string(newText)
                    lines.append("stored checkpoint (\(state)):")
                    lines += storedText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }
                    lines.append("new checkpoint (\(checkpoint)):")
                    lines += newText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }
                    checks.append(AuditCheck(
                        name: isFork ? "no fork" : "not older than stored", failure: reason,
                        detail: "stored:\n\(storedText)\nnew:\n\(newText)\nthe state file \(state) was not changed"))
                }
                if accepted {
                    try LogState(note: note, source: checkpoint).write(to: state)
                    checks.append(AuditCheck(name: "state file updated"))
                }
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit log audit")
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
