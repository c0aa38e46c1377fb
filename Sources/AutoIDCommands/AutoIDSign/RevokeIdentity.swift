import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDSigning
import FoundationEssentials

extension AutoIDSign {
    /// `autoid-sign revoke`: publish (or extend) an issuer's revocation list.
    struct RevokeIdentity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke Auto IDs: write the issuer's signed revocation list (an X.509 CRL).",
            discussion: """
                Revokes every --cert (an Auto ID the issuer issued) and every --serial (hex), adding them to \
                the entries of --update (the issuer's current list, if any). The new list is signed with the \
                issuer's --key, numbered one above the list it updates, valid for --days, and written \
                atomically to --output. Verifiers pass it to 'autoid-verify identity --crl'; it is a \
                standard CRL, so 'openssl verify -crl_check -CRLfile' honours it too.
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("The issuer's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(help: ArgumentHelp("The issuer's Auto ID certificate.", valueName: "cert"))
        var issuer: String

        @Option(name: .customLong("cert"), help: ArgumentHelp("An Auto ID to revoke; repeat for several.", valueName: "cert"))
        var certificates: [String] = []

        @Option(name: .customLong("serial"), help: ArgumentHelp("A serial number (hex, colons allowed) to revoke; repeat for several.", valueName: "hex"))
        var serials: [String] = []

        @Option(help: ArgumentHelp("The issuer's current revocation list, whose entries are kept.", valueName: "crl"))
        var update: String?

        @Option(help: ArgumentHelp("Days until verifiers should expect a newer list.", valueName: "days"))
        var days = 30

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the new list (PEM).; - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        func validate() throws {
            guard !certificates.isEmpty || !serials.isEmpty || update != nil else {
                throw ValidationError("Name what to revoke with --cert or --serial (or --update to re-sign a list).")
            }
            guard (1...3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650.") }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let outputInputs = [key, issuer] + certificates + (update.map { [$0] } ?? [])
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                let issuerKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let issuerID = try AutoIDFile.load(path: issuer)[0]
                let now = Date()
                var entries: [RevocationList.Entry] = []
                var number: UInt64 = 1
                if let update {
                    let current = try RevocationList.load(path: update)
                    try current.verify(issuedBy: issuerID, at: current.thisUpdate, source: update)
                    entries = current.entries
                    number = (current.numberValue ?? 0) + 1
                }
                var added: [[UInt8]] = []
                for path in certificates {
                    let revoked = try AutoIDFile.load(path: path)[0]
                    try AutoIDChainVerifier.verifySignature(of: revoked, issuedBy: issuerID)
                    added.append(Array(revoked.certificate.serialNumber.bytes))
                }
                for text in serials {
                    guard let bytes = Hex.decode(text.replacing(":", with: "")), !bytes.isEmpty else {
                        throw ValidationError("--serial '\(text)' is not hex.")
                    }
                    added.append(Array(bytes.drop { $0 == 0 }.isEmpty ? [0] : bytes.drop { $0 == 0 }))
                }
                for serial in added where !entries.contains(where: { $0.serial == serial }) {
                    entries.append(RevocationList.Entry(serial: serial, revocationDate: now))
                }
                let list = try RevocationList.issue(
                    issuer: issuerID, issuerKey: issuerKey, entries: entries, number: number,
                    thisUpdate: now, nextUpdate: now.addingTimeInterval(TimeInterval(days) * 86_400))
                try AtomicFile.write(Array(list.pemString.utf8), to: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                try talk.say(
                    "revocation list #\(number) of '\(issuerID.shownName)': \(entries.count) revoked, next update by \(RFC3339.format(list.nextUpdate!))")
            }
        }
    }
}
