import ArgumentParser
import AutoIDFiles
import AutoIDLog
import AutoIDSigning

extension StateAudit.Log {
    /// `state-audit log vkey`: prints the verifier key line for one of our keys.
    struct VKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vkey",
            abstract: "Print the verifier key (NAME+HINT+BASE64) of an Ed25519 public key.",
            discussion: """
                The line to publish so that auditors can pass it to --key (a log's key) or --witness (a \
                witness's key, with --cosign for cosignature/v1 keys). The hint is the first four bytes of \
                SHA-256(name || 0x0A || type || public key).
                """)

        @Option(help: ArgumentHelp("The public key (PEM or DER).", valueName: "file"))
        var publicKey: String

        @Option(help: ArgumentHelp("The key name: the log's origin, or the witness's name.", valueName: "name"))
        var name: String

        @Flag(help: "The key makes cosignature/v1 signatures (type 4), as 'log sign --cosign' does.")
        var cosign = false

        @OptionGroup var verbosity: VerbosityOptions

        func run() throws {
            try reportingErrors(tool: "state-audit", verbose: verbosity.verbose) {
                let key = try KeyFile.loadPublicKey(path: publicKey)
                let vkey = try NoteVerifierKey(name: name, type: cosign ? .cosignatureV1 : .ed25519, publicKey: key, source: "--name")
                try Console.printOut(vkey.description)
            }
        }
    }
}
