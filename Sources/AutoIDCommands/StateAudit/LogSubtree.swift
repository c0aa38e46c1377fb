import ArgumentParser
import AutoIDFiles
import AutoIDLog
import AutoIDVerdict

extension StateAudit.Log {
    /// `state-audit log subtree`: prove that a subtree, whose hash is trusted from elsewhere, is in a
    /// checkpointed tree (Merkle tree certificates' subtree consistency proofs).
    struct SubtreeCheck: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subtree",
            abstract: "Verify that a subtree with a known hash is in the tree of a signed checkpoint.",
            discussion: """
                Verifies CHECKPOINT's signatures like 'log audit', then the subtree consistency proof in \
                --proof (autoid-checkpoint(5); 'log prove --subtree' writes them): that the subtree it \
                names, whose hash is --subtree-hash, is part of the checkpoint's tree. The subtree hash \
                must come from a source you trust (a signed landmark, a certificate): the proof does not \
                carry it.
                """)

        @Argument(help: ArgumentHelp("The signed checkpoint.", valueName: "checkpoint"))
        var checkpoint: String

        @Option(name: .customLong("subtree-hash"), help: ArgumentHelp("The subtree's hash (base64 or hex).", valueName: "hash"))
        var subtreeHash: String

        @Option(help: ArgumentHelp("The subtree consistency proof file.", valueName: "file"))
        var proof: String

        @OptionGroup var trust: LogTrustOptions

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard TreeHash(base64: subtreeHash) != nil || TreeHash(hex: subtreeHash) != nil else {
                throw ValidationError("--subtree-hash \(subtreeHash.prefix(70)) is not 32 bytes in base64 or hex.")
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let note = try SignedNote(bytes: SmallFile.read(path: checkpoint, limit: SignedNote.maximumSize), source: checkpoint)
                let verified = try trust.verifier().verify(note, source: checkpoint)
                guard case .subtreeConsistency(let value) = try LogProofFile(bytes: SmallFile.read(path: proof, limit: LogProofFile.maximumSize), source: proof)
                else {
                    throw LogError(
                        .malformedInput, input: proof, detail: "this is not a subtree consistency proof",
                        hint: "write one with 'state-audit log prove --subtree'")
                }
                // validate() has checked that the hash parses.
                let hash = (TreeHash(base64: subtreeHash) ?? TreeHash(hex: subtreeHash))!
                let result = try LogSubtreeAudit.run(verified, name: checkpoint, subtreeHash: hash, proof: value, proofSource: proof)
                status = try result.emit(report, suite: "state-audit log subtree")
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
