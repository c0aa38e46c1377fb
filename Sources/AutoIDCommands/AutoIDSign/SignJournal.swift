import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign journal`: sign a token issuer's mint/burn journal with its Auto ID.
    struct SignJournal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "journal",
            abstract: "Sign a mint/burn journal as a token's issuer (for state-audit ledger --journal).",
            discussion: """
                JOURNAL is the unsigned journal (JSON): previousIssuance and issuance (TotalIssuance before and \
                after, decimal strings in the smallest unit) and entries (mint, burn and transfer objects with \
                AccountId32 accounts as 0x and 64 hex digits). The issuer (--id, its Auto ID with its chain; \
                --key, its private key) signs it into a DSSE envelope that carries its certificates, written \
                to --output. See autoid-ledger-journal(5).
                """)

        @Argument(help: ArgumentHelp("The unsigned journal (JSON; - for standard input).", valueName: "journal"))
        var journal: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The issuer's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(help: ArgumentHelp("The issuer's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var id: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the signed journal (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        /// Unsigned journals up to 256 MiB (a million entries of ~200 bytes).
        static let journalLimit = 256 << 20

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inputs = [key, id, journal]
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: inputs)
                let draft = try LedgerJournal.draft(
                    json: try JSONParser.parse(try SmallFile.read(path: journal, limit: Self.journalLimit)), source: journal)
                let issuerKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let envelope = try LedgerJournal.make(
                    previousIssuance: draft.previousIssuance, issuance: draft.issuance, entries: draft.entries,
                    issuer: AutoIDChainVerifier.resolveIdentifiers(try AutoIDFile.load(path: id)), key: issuerKey)
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: inputs)
            }
        }
    }
}
