import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign proposal`: sign a DAO proposal as the DAO's issuer.
    struct SignProposal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proposal",
            abstract: "Sign a DAO proposal as the DAO's issuer (for state-audit votes --signed-proposal).",
            discussion: """
                PROPOSAL is the unsigned proposal (JSON, autoid-dao(5), without issuer). The DAO's issuer \
                (--id, its Auto ID with its chain: a CA whose common name is the proposal's dao; --key, its \
                private key) signs it into a DSSE envelope whose payload is the proposal with the issuer's \
                certificates added, written to --output. Ballots and posts name the signed proposal by the \
                SHA-256 of that payload: cast them on the envelope.
                """)

        @Argument(help: ArgumentHelp("The unsigned proposal (JSON; - for standard input).", valueName: "proposal"))
        var proposal: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The issuer's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(help: ArgumentHelp("The DAO issuer's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var id: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the signed proposal (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inputs = [key, id, proposal]
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: inputs)
                let bytes = try SmallFile.read(path: proposal, limit: DAOProposal.sizeLimit)
                let draft = try DAOProposal(bytes: bytes, source: proposal)
                guard draft.issuerCertificates == nil else {
                    throw ValidationError("\(proposal) already names an issuer; give the unsigned proposal")
                }
                let issuer = try AutoIDFile.load(path: id)
                guard issuer[0].isCertificateAuthority, issuer[0].commonName == draft.dao else {
                    throw ValidationError(
                        "--id must be the DAO's issuer: a CA Auto ID named '\(draft.dao.prefix(80))' (the proposal's dao), not '\(issuer[0].shownName)'")
                }
                let signingKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let envelope = try DAOProposal.sign(bytes, source: proposal, issuer: issuer, key: signingKey)
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: inputs)
            }
        }
    }
}
