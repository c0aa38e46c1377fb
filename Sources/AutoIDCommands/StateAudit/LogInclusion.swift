import ArgumentParser
import AutoIDFiles
import AutoIDLog
import AutoIDVerdict

extension StateAudit.Log {
    /// `state-audit log inclusion`: prove that entries are in a checkpointed tree.
    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inclusion",
            abstract: "Verify that entries (files or leaf hashes) are in the tree of a signed checkpoint.",
            discussion: """
                Verifies CHECKPOINT's signatures like 'log audit', then each inclusion proof in --proof \
                (autoid-checkpoint(5)) against its root: the n-th proof is for the n-th entry file, or the \
                n-th --leaf-hash. Each entry's leaf hash is SHA-256(0x00 || contents).
                """)

        @Argument(help: ArgumentHelp("The signed checkpoint.", valueName: "checkpoint"))
        var checkpoint: String

        @Argument(help: ArgumentHelp("Entry files, in the order of the proofs.", valueName: "entry"))
        var entries: [String] = []

        @Option(
            name: .customLong("leaf-hash"), help: ArgumentHelp("A leaf hash (base64 or hex) instead of an entry file. Repeat for several.", valueName: "hash"))
        var leafHashes: [String] = []

        @Option(help: ArgumentHelp("The inclusion proof file.", valueName: "file"))
        var proof: String

        @OptionGroup var trust: LogTrustOptions

        @OptionGroup var report: ReportOptions

        func validate() throws {
            guard entries.isEmpty != leafHashes.isEmpty else { throw ValidationError("Give entry files or --leaf-hash values (one kind).") }
            for text in leafHashes where TreeHash(base64: text) == nil && TreeHash(hex: text) == nil {
                throw ValidationError("--leaf-hash \(text.prefix(70)) is not 32 bytes in base64 or hex.")
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let note = try SignedNote(bytes: SmallFile.read(path: checkpoint, limit: SignedNote.maximumSize), source: checkpoint)
                let verified = try trust.verifier().verify(note, source: checkpoint)
                guard case .inclusion(let proofs) = try LogProofFile(bytes: SmallFile.read(path: proof, limit: LogProofFile.maximumSize), source: proof) else {
                    throw LogError(.malformedInput, input: proof, detail: "this is a consistency proof", hint: "give an inclusion proof to --proof")
                }
                let names = entries.isEmpty ? leafHashes : entries
                let audit = try LogInclusionAudit(verified, name: checkpoint, proofs: proofs, proofSource: proof, entryCount: names.count)
                // validate() has checked that each --leaf-hash parses; entry files are hashed in order, streamed.
                let leaves =
                    try entries.isEmpty
                    ? leafHashes.map { (TreeHash(base64: $0) ?? TreeHash(hex: $0))! }
                    : entries.map(LogLeafInput.leafHash(ofFile:))
                let result = audit.run(zip(names, leaves).map { LogInclusionAudit.Entry(name: $0, leafHash: $1) })
                status = try result.emit(report, suite: "state-audit log inclusion")
            }
            if status != .ok { throw status.exitCode }
        }
    }
}

extension StateAudit.Log.Inclusion: OperandListCommand {
    var operands: [String] {
        get { entries }
        set { entries = newValue }
    }
}
