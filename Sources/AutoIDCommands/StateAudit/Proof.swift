import ArgumentParser
import AutoIDState
import AutoIDVerdict

extension StateAudit {
    /// `state-audit proof`: verify a `state_getReadProof` result against a state root.
    struct Proof: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proof",
            abstract: "Verify a read proof for storage keys against a state root or header.",
            discussion: """
                PROOF is what state_getReadProof returns: {"at": "0x..", "proof": ["0xnode", ...]} (bare or \
                in a JSON-RPC response). Each --key is hex; Pallet.Item for a plain storage value \
                (twox128(Pallet) ++ twox128(Item)); or Pallet.Item:HASHER:0xKEY for a map entry, the \
                SCALE-encoded key hashed with blake2_128Concat, twox64Concat, identity or another FRAME \
                hasher (for example System.Account:blake2_128Concat:0x<account id>). For every key the proven value, or its proven absence, \
                is printed. A proof missing a node the keys need, or with a malformed node, fails (exit \
                status 1). Nodes the keys did not need are reported: a warning by default, a failure with \
                --strict. The default layout, 1, also accepts LayoutV0 nodes, since a trie in migration \
                mixes both.
                """)

        @Argument(help: ArgumentHelp("The read proof (JSON).", valueName: "proof"))
        var proof: String

        @Option(name: .customLong("key"), help: ArgumentHelp("A storage key: hex, or Pallet.Item. Repeat for several.", valueName: "key"))
        var keys: [String]

        @Option(help: ArgumentHelp("The state root to verify against.", valueName: "hash"))
        var root: String?

        @Option(help: ArgumentHelp("A block header (chain_getHeader JSON or SCALE hex) whose stateRoot to use.", valueName: "file"))
        var header: String?

        @Option(help: ArgumentHelp("Trie layout: 0 or 1.", valueName: "version"))
        var stateVersion: StateVersionArgument = .v1

        @Flag(help: "Fail when the proof carries nodes the keys did not need.")
        var strict = false

        @OptionGroup var report: ReportOptions

        func validate() throws {
            for key in keys {
                // Parsed again in run(); here a bad key is a usage error shown with the usage text.
                do { _ = try StorageKeySpec(key) } catch { throw ValidationError("\(error)") }
            }
            guard (root == nil) != (header == nil) else { throw ValidationError("Give exactly one of --root and --header.") }
            guard !keys.isEmpty else { throw ValidationError("Name at least one --key.") }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "state-audit", verbose: report.verbose) {
                let stateRoot: H256
                if let root {
                    guard let value = H256(hex: root) else { throw ValidationError("--root \(root) is not a 32-byte hex hash.") }
                    stateRoot = value
                } else {
                    stateRoot = try InputFiles.header(header!).stateRoot
                }
                let audit = ProofAudit(
                    root: stateRoot, keys: try keys.map(StorageKeySpec.init), stateVersion: stateVersion.stateVersion, strict: strict)
                status = try audit.run(InputFiles.document(proof), name: proof).emit(
                    report, suite: "state-audit proof", inputs: [proof] + (header.map { [$0] } ?? []))
            }
            if status != .ok { throw status.exitCode }
        }
    }
}
