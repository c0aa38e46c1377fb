import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDIdentity
import AutoIDManifest
import AutoIDSigning
import FoundationEssentials

extension AutoIDSign {
    /// `autoid-sign ballot`: cast (or co-sign) a DAO ballot.
    struct SignBallot: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ballot",
            abstract: "Cast a DAO ballot as a member, or as a member's AI assistant; or co-sign one (for state-audit votes).",
            discussion: """
                With PROPOSAL (the proposal's JSON file) and --choice, makes a ballot for --voter (the member's \
                Auto ID with its chain) and signs it with --key, the voter's key or, with --assistant (the AI \
                assistant's Auto ID with its chain), the assistant's key. A ballot an assistant casts counts \
                only once the human co-signs it: 'autoid-sign ballot --cosign BALLOT -k HUMAN.key -o BALLOT'. \
                --cosign adds the signature of --key, which must be the voter's or the assistant's, and leaves \
                the payload untouched. PROPOSAL may be signed (autoid-sign proposal); when it gives weights, the \
                ballot carries the voter's. See autoid-dao(5).
                """)

        @Argument(help: ArgumentHelp("The proposal (JSON) to vote on.", valueName: "proposal"))
        var proposal: String?

        @Option(help: ArgumentHelp("Co-sign this ballot instead of casting one.", valueName: "ballot"))
        var cosign: String?

        @Option(help: ArgumentHelp("The choice, one of the proposal's.", valueName: "choice"))
        var choice: String?

        @Option(help: ArgumentHelp("The voter's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var voter: String?

        @Option(help: ArgumentHelp("The AI assistant casting it for the voter: its Auto ID and chain (PEM).", valueName: "cert"))
        var assistant: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("The signer's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the ballot (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode); co-signing in place needs no --force.")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            if cosign != nil {
                guard proposal == nil, choice == nil, voter == nil, assistant == nil else {
                    throw ValidationError("--cosign takes only --key and --output: the ballot already names its proposal, choice and parties")
                }
            } else {
                guard proposal != nil, choice != nil, voter != nil else { throw ValidationError("give PROPOSAL, --choice and --voter (or --cosign BALLOT)") }
            }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inPlace = cosign.map { AtomicOutput.isSameFile(output, $0) } ?? false
                let existing: AtomicFile.ExistingFile = force || inPlace ? .replace : .refuse
                let inputs = [key, proposal, voter, assistant].compactMap { $0 }
                try AtomicOutput.check(path: output, existing: existing, inputs: inputs)
                let signingKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let envelope: Envelope
                if let cosign {
                    envelope = try MemberSigning.cosign(cosign, key: signingKey, keyPath: key, roles: "the voter's nor the assistant's") {
                        let ballot = try DAOBallot(envelope: $0, source: cosign)
                        return [ballot.voterCertificates.first, ballot.assistantCertificates?.first]
                    }
                } else {
                    let parsed = try DAOProposal(fileBytes: try SmallFile.read(path: proposal!, limit: DAOProposal.sizeLimit), source: proposal!)
                    guard parsed.choices.contains(choice!) else {
                        throw ValidationError("'\(choice!)' is not one of the proposal's choices: \(parsed.choices.joined(separator: ", "))")
                    }
                    let voterChain = AutoIDChainVerifier.resolveIdentifiers(try AutoIDFile.load(path: voter!))
                    // A weighted proposal: the ballot carries the voter's weight, as the proposal gives it.
                    guard let weight = parsed.weight(for: voterChain[0].identifier?.hexDigits) else {
                        throw ValidationError(
                            "the proposal gives weights, none to '\(voterChain[0].shownName)'; give --voter with its chain so its identifier resolves")
                    }
                    let assistantChain = try assistant.map { try AutoIDFile.load(path: $0) }
                    try MemberSigning.checkSigner(signingKey, member: voterChain[0], assistant: assistantChain?.first, memberOption: "--voter")
                    envelope = DAOBallot.make(
                        proposal: parsed, choice: choice!, weight: weight, cast: Date(), voter: voterChain, voterKey: assistantChain == nil ? signingKey : nil,
                        assistant: assistantChain.map { ($0, signingKey) })
                }
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: existing, inputs: inputs)
            }
        }
    }
}
