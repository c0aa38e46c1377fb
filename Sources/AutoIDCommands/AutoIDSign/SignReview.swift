import ArgumentParser
import AutoIDFiles
import AutoIDGovernance
import AutoIDHashing
import AutoIDIdentity
import AutoIDSigning
import FoundationEssentials

extension AutoIDSign {
    /// `autoid-sign review`: approve (or reject) deployed contract code as a reviewer or security auditor.
    struct SignReview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Approve or reject contract code by its hash, as a reviewer or security auditor (for state-audit contracts).",
            discussion: """
                Signs an attestation about one EVM code hash (the Keccak-256 of the deployed code: --code-hash \
                0xHASH, or --code FILE to hash a file of the code's bytes) with --key, the key of --id (the \
                attester's Auto ID with its chain). --kind review is a community reviewer's approval, --kind \
                security-audit an auditor's; --reject records a rejection, which never counts as approval. \
                See autoid-contract-review(5).
                """)

        @Option(help: ArgumentHelp("The code hash: 0x and 64 hex digits.", valueName: "hash"))
        var codeHash: String?

        @Option(help: ArgumentHelp("A file holding the deployed code's bytes, hashed with Keccak-256.", valueName: "file"))
        var code: String?

        @Option(help: ArgumentHelp("review or security-audit.", valueName: "kind"))
        var kind: String = "review"

        @Flag(help: "Reject the code instead of approving it.")
        var reject = false

        @Option(name: .shortAndLong, help: ArgumentHelp("The attester's private key.", valueName: "key"))
        var key: String

        @OptionGroup var passphraseOptions: PassphraseOptions

        @Option(help: ArgumentHelp("The attester's Auto ID, followed by its chain (PEM).", valueName: "cert"))
        var id: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the attestation (JSON); - is standard output.", valueName: "file"))
        var output: String

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @OptionGroup var verbosity: VerbosityOptions

        func validate() throws {
            guard (codeHash == nil) != (code == nil) else { throw ValidationError("give --code-hash or --code (one of them)") }
            if let codeHash, !(codeHash.hasPrefix("0x") && codeHash.count == 66 && Hex.decode(codeHash) != nil) {
                throw ValidationError("--code-hash takes 0x and the 64 hex digits of a Keccak-256")
            }
            guard ContractReview.Kind(rawValue: kind) != nil else { throw ValidationError("--kind takes review or security-audit") }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let inputs = [key, id] + [code].compactMap { $0 }
                try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: inputs)
                let hash = try codeHash.map { Hex.decode($0)! } ?? Keccak256.hash(try SmallFile.read(path: code!, limit: 64 << 20))
                let signingKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let chain = try AutoIDFile.load(path: id)
                guard chain[0].subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: signingKey.publicKey) else {
                    throw ValidationError("--key is not the key of the --id certificate")
                }
                let envelope = ContractReview.make(
                    codeHash: hash, kind: ContractReview.Kind(rawValue: kind)!, approved: !reject, issued: Date(), attester: chain, key: signingKey)
                try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: inputs)
            }
        }
    }
}
