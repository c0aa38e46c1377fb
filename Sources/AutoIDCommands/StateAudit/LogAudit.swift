import ArgumentParser
import AutoIDFiles
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
                    case .inclusion, .subtreeConsistency:
                        throw LogError(.malformedInput, input: proof, detail: "this is not a consistency proof", hint: "give a consistency proof to --proof")
                    }
                }
                let result = try LogAudit.run(
                    verified, name: checkpoint, stored: stored, statePath: state, proof: consistency, proofSource: proof ?? "--proof")
                status = try result.emit(report, suite: "state-audit log audit")
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
