import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign account-list`: sign a list mapping accounts to the Auto IDs that control them.
    struct SignAccountList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "account-list",
            abstract: "Sign a list of accounts and the Auto IDs that control them (for state-audit ledger --account-list).",
            discussion: """
                LIST is the unsigned list (JSON): entries, each an object with account (an AccountId32 as 0x \
                and 64 hex digits, or an SS58 address of any network) and autoId (the identifier of an Auto \
                ID that controls the account, 64 hex digits, as 'autoid-verify identity' prints it). An \
                account controlled by several Auto IDs (a human and an AI agent) has one entry for each. The \
                issuer (--id, its Auto ID with its chain; --key, its private key) signs it into a DSSE \
                envelope that carries its certificates, written to --output; accounts are written in hex. \
                See autoid-account-list(5).
                """)

        @Argument(help: ArgumentHelp("The unsigned list (JSON; - for standard input).", valueName: "list"))
        var list: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The issuer's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(help: ArgumentHelp("The issuer's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var id: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the signed list (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        /// Unsigned lists up to 24 MiB: the signed envelope (base64 of the payload, certificates added) must
        /// stay under the 64 MiB envelope limit.
        static let listLimit = 24 << 20

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inputs = [key, id, list]
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: inputs)
                let entries = try AccountList.draft(json: try JSONParser.parse(try SmallFile.read(path: list, limit: Self.listLimit)), source: list)
                let issuerKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let envelope = try AccountList.make(
                    entries: entries, issuer: AutoIDChainVerifier.resolveIdentifiers(try AutoIDFile.load(path: id)), key: issuerKey)
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: inputs)
            }
        }
    }
}
