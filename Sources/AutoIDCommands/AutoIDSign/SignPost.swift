import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDIdentity
import AutoIDManifest
import AutoIDSigning
import Foundation

extension AutoIDSign {
    /// `autoid-sign post`: sign a forum post on a DAO proposal.
    struct SignPost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post",
            abstract: "Sign a forum post on a DAO proposal as its author (for state-audit votes --post).",
            discussion: """
                Makes a post linked to PROPOSAL (the proposal's file, signed or not, named by its digest) with the text of \
                --text-file (UTF-8, at most 64 KiB; - for standard input), by --author (the author's Auto ID \
                with its chain), signed with --key, the author's key. See autoid-dao(5).
                """)

        @Argument(help: ArgumentHelp("The proposal (JSON) the post discusses.", valueName: "proposal"))
        var proposal: String

        @Option(help: ArgumentHelp("The post's text (UTF-8; - for standard input).", valueName: "file"))
        var textFile: String

        @Option(help: ArgumentHelp("The author's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var author: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The author's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the post (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inputs = [key, proposal, author, textFile]
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: inputs)
                let parsed = try DAOProposal(fileBytes: try SmallFile.read(path: proposal, limit: DAOProposal.sizeLimit), source: proposal)
                let bytes = try SmallFile.read(path: textFile, limit: DAOPost.maxTextBytes)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw ManifestError(source: textFile, detail: "the post's text is not UTF-8; save it as UTF-8 text")
                }
                let signingKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let envelope = try DAOPost.make(proposal: parsed, text: text, posted: Date(), author: try AutoIDFile.load(path: author), key: signingKey)
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: inputs)
            }
        }
    }
}
