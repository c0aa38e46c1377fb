import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDProvenance
import AutoIDSigning
import FoundationEssentials

extension AutoIDSign {
    /// `autoid-sign attest`: vouch for a personhood factor of another Auto ID.
    struct AttestIdentity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attest",
            abstract: "Attest a personhood factor of another Auto ID (as an e-mail verifier, a peer...).",
            discussion: """
                The attester (--attester, its Auto ID with its chain; --key, its private key) states that the \
                subject of --subject controls a linked identity (--factor email:ADDRESS or uri:URI, which \
                the subject's certificate must claim) or passed another check (--factor in-person:NOTE, \
                peer:NOTE). The attestation is a signed DSSE envelope carrying the attester's \
                certificates, written to --output; verifiers count factors with 'autoid-verify identity \
                --attestation FILE --require-factors N'. See autoid-identity(5).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("The attester's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(help: ArgumentHelp("The attester's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var attester: String

        @Option(help: ArgumentHelp("The subject's Auto ID, followed by its chain up to its root (PEM).", valueName: "cert"))
        var subject: String

        @Option(help: ArgumentHelp("TYPE:VALUE, e.g. email:alice@example.org.", valueName: "factor"))
        var factor: String

        @Option(help: ArgumentHelp("Days the attestation stays valid.", valueName: "days"))
        var days = 365

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the attestation (JSON).; - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            guard PersonhoodAttestation.Factor(argument: factor) != nil else {
                throw ValidationError("--factor must be TYPE:VALUE, such as email:alice@example.org or uri:https://example.org/alice.")
            }
            guard (1...3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650.") }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let outputInputs = [key, attester, subject]
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                let attesterKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let attesterChain = try AutoIDFile.load(path: attester)
                let subjectChain = AutoIDChainVerifier.resolveIdentifiers(try AutoIDFile.load(path: subject))
                let now = Date()
                let envelope = try PersonhoodAttestation.make(
                    subject: subjectChain[0], factor: PersonhoodAttestation.Factor(argument: factor)!,
                    attester: attesterChain, attesterKey: attesterKey, issued: now,
                    expires: now.addingTimeInterval(TimeInterval(days) * 86_400))
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: outputInputs)
            }
        }
    }
}
