import ArgumentParser
import AutoIDFiles
import AutoIDJSON
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

        @Option(name: .customLong("leaf-hash"), help: ArgumentHelp("A leaf hash (base64 or hex) instead of an entry file. Repeat for several.", valueName: "hash"))
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
                let tree = try trust.verifier().verify(note, source: checkpoint).checkpoint
                guard case .inclusion(let proofs) = try LogProofFile(bytes: SmallFile.read(path: proof, limit: LogProofFile.maximumSize), source: proof) else {
                    throw LogError(.malformedInput, input: proof, detail: "this is a consistency proof", hint: "give an inclusion proof to --proof")
                }
                let names = entries.isEmpty ? leafHashes : entries
                guard proofs.count == names.count else {
                    throw LogError(.malformedInput, input: proof, detail: "\(proofs.count) proof(s) for \(names.count) entr\(names.count == 1 ? "y" : "ies")",
                        hint: "give one proof per entry, in the same order")
                }
                if let first = proofs.first, first.treeSize != tree.size {
                    throw LogError(.malformedInput, input: proof, detail: "the proofs are for tree size \(first.treeSize), the checkpoint has \(tree.size)",
                        hint: "fetch proofs for the checkpoint's tree size")
                }
                var checks: [AuditCheck] = []
                var results: [JSONValue] = []
                for (name, inclusion) in zip(names, proofs) {
                    let leaf = entries.isEmpty ? (TreeHash(base64: name) ?? TreeHash(hex: name))! : try LogLeafInput.leafHash(ofFile: name)
                    let ok = inclusion.verify(leafHash: leaf, root: tree.root)
                    checks.append(AuditCheck(
                        name: "\(name) at index \(inclusion.leafIndex)",
                        failure: ok ? nil : "the inclusion proof does not lead to the checkpoint's root"))
                    results.append(.object(["entry": .string(name), "leafHash": .string(leaf.base64), "leafIndex": .integer(inclusion.leafIndex), "ok": .bool(ok)]))
                }
                let fields: [String: JSONValue] = [
                    "checkpoint": .string(checkpoint), "origin": .string(tree.origin), "size": .integer(tree.size),
                    "root": .string(tree.root.base64), "entries": .array(results),
                ]
                let lines = ["checkpoint: \(tree.origin) size \(tree.size) root \(tree.root.base64)"]
                status = try AuditOutcome(fields: fields, lines: lines, checks: checks).emit(report, suite: "state-audit log inclusion")
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
