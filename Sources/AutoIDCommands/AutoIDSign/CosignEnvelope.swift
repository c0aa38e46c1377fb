import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign cosign`: add a named party's signature to a provenance envelope.
    struct CosignEnvelope: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "Add your signature to a provenance envelope that names you as a party.",
            discussion: """
                The payload is not touched: the signature of the key given is appended (DSSE co-signing), \
                so every earlier signature stays valid. The key must belong to a party the statement \
                names (autoid-provenance(5)); --id, when given, must be that party's certificate. A key \
                that is not a named party, or one that has signed already, is refused (64). The envelope \
                goes to standard output, or atomically to --output (which may be ENVELOPE itself).
                """)

        @Argument(help: ArgumentHelp("The provenance envelope to co-sign (- for standard input).", valueName: "envelope"))
        var envelope: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Private key file (PKCS#8 PEM, Ed25519).", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("Your Auto ID certificate, checked against the party the key belongs to.", valueName: "cert"))
        var id: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the envelope here (atomically) instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing --output file other than ENVELOPE (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup(title: "Passphrase (for an encrypted key)")
        var passphraseOptions: PassphraseOptions

        func validate() throws {
            if envelope == "-" && passphraseOptions.passphraseFd == 0 {
                throw ValidationError("Standard input carries the envelope (-), so it cannot carry the passphrase too (--passphrase-fd 0).")
            }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let privateKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let parsed = try Envelope(jsonBytes: try SmallFile.read(path: envelope, limit: Envelope.sizeLimit), source: envelope)
                let signed = try ProvenanceSigner.cosign(
                    parsed, source: envelope, key: privateKey, certificate: try id.map { try AutoIDFile.load(path: $0)[0] })
                if let output {
                    // Co-signing in place (--output ENVELOPE) replaces the envelope atomically; any other
                    // existing file needs --force, and the key is never an output.
                    let inPlace = envelope != "-" && AtomicOutput.isSameFile(output, envelope)
                    try AtomicFile.write(
                        signed.jsonBytes(), to: output, existing: inPlace || force ? .replace : .refuse,
                        inputs: inPlace ? [key] : [key, envelope])
                } else {
                    try Console.writeOut(signed.jsonBytes())
                }
            }
        }
    }
}
