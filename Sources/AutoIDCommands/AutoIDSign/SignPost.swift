import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDIdentity
import AutoIDManifest
import AutoIDSigning
import FoundationEssentials

extension AutoIDSign {
    /// `autoid-sign post`: sign a forum post on a DAO proposal, or co-sign one an AI assistant drafted.
    struct SignPost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post",
            abstract: "Sign a forum post on a DAO proposal as its author or the author's AI assistant; or co-sign one (for state-audit votes --post).",
            discussion: """
                With PROPOSAL (the proposal's file, signed or not, named by its digest) and --text-file (UTF-8, \
                at most 64 KiB; - for standard input), makes a post by --author (the author's Auto ID with its \
                chain) and signs it with --key: the author's key or, with --assistant (an AI assistant's Auto \
                ID with its chain), the assistant's. A post an assistant drafts is the member's only once the \
                human co-signs it: 'autoid-sign post --cosign POST -k HUMAN.key -o POST'. --cosign adds the \
                signature of --key, which must be the author's or the assistant's, and leaves the payload \
                untouched. See autoid-dao(5).
                """)

        @Argument(help: ArgumentHelp("The proposal (JSON, or a signed proposal's envelope) the post discusses.", valueName: "proposal"))
        var proposal: String?

        @Option(help: ArgumentHelp("Co-sign this post instead of making one.", valueName: "post"))
        var cosign: String?

        @Option(help: ArgumentHelp("The post's text (UTF-8; - for standard input).", valueName: "file"))
        var textFile: String?

        @Option(help: ArgumentHelp("The author's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var author: String?

        @Option(help: ArgumentHelp("The AI assistant drafting it for the author: its Auto ID and chain (PEM).", valueName: "cert"))
        var assistant: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("The signer's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the post (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode); co-signing in place needs no --force.")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            if cosign != nil {
                guard proposal == nil, textFile == nil, author == nil, assistant == nil else {
                    throw ValidationError("--cosign takes only --key and --output: the post already names its proposal, text and parties")
                }
            } else {
                guard proposal != nil, textFile != nil, author != nil else {
                    throw ValidationError("give PROPOSAL, --text-file and --author (or --cosign POST)")
                }
            }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inPlace = cosign.map { AtomicOutput.isSameFile(output, $0) } ?? false
                let existing: AtomicFile.ExistingFile = force || inPlace ? .replace : .refuse
                let inputs = [key, proposal, author, assistant, textFile].compactMap { $0 }
                try AtomicOutput.check(path: output, existing: existing, inputs: inputs)
                let signingKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let envelope: Envelope
                if let cosign {
                    envelope = try MemberSigning.cosign(cosign, key: signingKey, keyPath: key, roles: "the author's nor the assistant's") {
                        let post = try DAOPost(envelope: $0, source: cosign)
                        return [post.authorCertificates.first, post.assistantCertificates?.first]
                    }
                } else {
                    let parsed = try DAOProposal(fileBytes: try SmallFile.read(path: proposal!, limit: DAOProposal.sizeLimit), source: proposal!)
                    let bytes = try SmallFile.read(path: textFile!, limit: DAOPost.maxTextBytes)
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        throw ManifestError(source: textFile!, detail: "the post's text is not UTF-8; save it as UTF-8 text")
                    }
                    let authorChain = try AutoIDFile.load(path: author!)
                    let assistantChain = try assistant.map { try AutoIDFile.load(path: $0) }
                    try MemberSigning.checkSigner(signingKey, member: authorChain[0], assistant: assistantChain?.first, memberOption: "--author")
                    envelope = try DAOPost.make(
                        proposal: parsed, text: text, posted: Date(), author: authorChain, assistant: assistantChain, key: signingKey)
                }
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: existing, inputs: inputs)
            }
        }
    }
}
