import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDSigning
import FoundationEssentials

extension AutoIDSign {
    /// `autoid-sign issue`: make an Auto ID certificate.
    struct IssueIdentity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Issue an Auto ID: a self-issued root, or a leaf signed by an issuer's Auto ID.",
            discussion: """
                Without --issuer, makes a self-issued root Auto ID (a certificate authority) for --key. \
                With --issuer, the issuer's --key signs a leaf for the public key in --subject-key. The \
                certificate records the subject kind, for AI subjects the provider and model, and linked \
                identities (URIs and e-mail addresses); see autoid-identity(5). The Auto ID identifier is \
                derived as the registry derives it (root: BLAKE2b-256 of the CN; leaf: of the issuer's \
                identifier and the CN) and printed on standard output when --output is given. An \
                encrypted --key is opened as by the sign subcommand (--passphrase-file, --passphrase-fd, \
                --passphrase-env, or the terminal).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("The signing key: the root's own key, or the issuer's key.", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("The issuer's Auto ID certificate (PEM); omit for a root.", valueName: "cert"))
        var issuer: String?

        @Option(help: ArgumentHelp("The subject's public key (with --issuer).", valueName: "pub"))
        var subjectKey: String?

        @Option(
            help: ArgumentHelp(
                "The subject's name (common name). Names that could print as another are refused: control and direction characters, words mixing look-alike scripts (a Cyrillic 'а' among Latin letters).",
                valueName: "name"))
        var cn: String

        @Option(help: ArgumentHelp("human, ai-model, ai-agent or organisation.", valueName: "kind"))
        var kind: String

        @Option(help: ArgumentHelp("For AI subjects: who provides the model.", valueName: "name"))
        var provider: String?

        @Option(help: ArgumentHelp("For AI subjects: the model's name.", valueName: "name"))
        var model: String?

        @Option(help: ArgumentHelp("For AI subjects: the model's version.", valueName: "version"))
        var modelVersion: String?

        @Option(name: .customLong("link"), help: ArgumentHelp("A linked online identity (URI); repeat for several.", valueName: "uri"))
        var links: [String] = []

        @Option(name: .customLong("email"), help: ArgumentHelp("A linked e-mail address; repeat for several.", valueName: "address"))
        var emails: [String] = []

        @Option(help: ArgumentHelp("Days of validity from now.", valueName: "days"))
        var days = 365

        @Flag(help: "Let the subject issue Auto IDs itself (a leaf that is also a certificate authority).")
        var ca = false

        @Option(help: ArgumentHelp("Limit how many certificate authorities may follow below this one.", valueName: "n"))
        var pathLength: Int?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the certificate here instead of standard output; - is standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing output file.")
        var force = false

        @OptionGroup(title: "Passphrase (for an encrypted key)")
        var passphraseOptions: PassphraseOptions

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        func validate() throws {
            guard SubjectKind(name: kind) != nil else {
                throw ValidationError("--kind must be human, ai-model, ai-agent or organisation, not '\(kind)'.")
            }
            if issuer == nil && subjectKey != nil { throw ValidationError("--subject-key needs --issuer; a root certifies --key itself.") }
            if issuer != nil && subjectKey == nil { throw ValidationError("With --issuer, name the subject's public key with --subject-key.") }
            if (provider != nil || modelVersion != nil) && model == nil { throw ValidationError("--provider and --model-version go with --model.") }
            if model != nil && provider == nil { throw ValidationError("--model needs --provider.") }
            guard (1...36500).contains(days) else { throw ValidationError("--days must be between 1 and 36500.") }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let outputInputs = [key] + (issuer.map { [$0] } ?? []) + (subjectKey.map { [$0] } ?? [])
                if let output {
                    try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                }
                let signingKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let subjectKind = SubjectKind(name: kind)!
                let modelInfo = model.map { AIModelInfo(provider: provider!, modelName: $0, modelVersion: modelVersion) }
                let linked = links.map(LinkedIdentity.uri) + emails.map(LinkedIdentity.email)
                let now = Date()
                let start = now.addingTimeInterval(-60)  // tolerate small clock differences between machines
                let end = now.addingTimeInterval(TimeInterval(days) * 86_400)
                var issued: AutoID
                var issuerChain: [AutoID] = []
                if let issuer {
                    // The issuer file may carry the issuer's own chain after it, up to its root.
                    issuerChain = AutoIDChainVerifier.resolveIdentifiers(try AutoIDFile.load(path: issuer))
                    let subject = try KeyFile.loadPublicKey(path: subjectKey!)
                    issued = try AutoIDIssuer.issueLeaf(
                        issuer: issuerChain[0], issuerKey: signingKey, subjectPublicKey: subject, subjectCommonName: cn,
                        kind: subjectKind, model: modelInfo, linkedIdentities: linked, notValidBefore: start,
                        notValidAfter: end, isCA: ca, pathLength: pathLength)
                } else {
                    issued = try AutoIDIssuer.issueRoot(
                        subjectCommonName: cn, kind: subjectKind, key: signingKey, notValidBefore: start,
                        notValidAfter: end, pathLength: pathLength, model: modelInfo, linkedIdentities: linked)
                }
                if let parentIdentifier = issuerChain.first?.identifier {
                    issued = issued.resolvingIdentifier(issuerIdentifier: parentIdentifier)
                }
                if let output {
                    try AutoIDFile.save([issued], to: output, overwrite: force, inputs: outputInputs)
                    // Without the issuer's chain up to a root, a leaf's identifier cannot be derived.
                    try talk.say(issued.identifier?.hexDigits ?? "(identifier unknown: give the issuer's chain up to its root)")
                } else {
                    try Console.writeOut(Array(issued.pemString.utf8))
                }
            }
        }
    }
}
