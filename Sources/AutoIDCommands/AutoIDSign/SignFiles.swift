public import ArgumentParser
import AutoIDFiles
public import AutoIDHashing
import AutoIDManifest
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign sign`: the default subcommand.
    struct SignFiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign files or standard input into one DSSE envelope (the default subcommand).",
            discussion: """
                Each FILE is recorded under the name given on the command line; - reads standard input \
                and records it under the name -. Names must be unique.

                An encrypted key (see autoid-key(5)) is opened with the passphrase from \
                --passphrase-file, --passphrase-fd or --passphrase-env, else asked on the terminal; \
                without a terminal the command fails. A missing or wrong passphrase exits with 64.
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Private key file (PKCS#8 PEM, Ed25519).", valueName: "key"))
        var key: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the envelope here (atomically) instead of standard output; - is standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @Option(
            name: .customLong("digest"),
            help: ArgumentHelp("Digest to record for each file; repeat for several (\(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))). Default: blake3 and sha256.", valueName: "algorithm"))
        var digests: [HashAlgorithm] = []

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup(title: "Passphrase (for an encrypted key)")
        var passphraseOptions: PassphraseOptions

        @Argument(help: ArgumentHelp("Files to sign; - for standard input.", valueName: "file"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Name at least one file to sign (- for standard input).") }
            var seen = Set<String>()
            for file in files where !seen.insert(file).inserted {
                throw ValidationError("'\(file)' is named twice; each file is signed once.")
            }
            if files.contains("-") && passphraseOptions.passphraseFd == 0 {
                throw ValidationError("Standard input is signed (-), so it cannot carry the passphrase too (--passphrase-fd 0).")
            }
            if let output, files.contains(output) {
                throw ValidationError("--output '\(output)' is also a file to sign; choose another name.")
            }
        }

        func run() throws {
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let outputInputs = files + [key]  // never written over: what we sign and the key
                if let output {  // refuse before asking for a passphrase or hashing
                    try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                }
                let privateKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let algorithms = digests.isEmpty ? HashAlgorithm.contentDefaults : Array(Set(digests)).sorted()
                let inputs = files.map { ContentSigner.Input(name: $0, source: InputSource(argument: $0)) }
                let predicate = ContentPredicate.make(created: Timestamp.now(), tool: "autoid-sign \(AutoIDVersion.current)")
                let statement = try ContentSigner.statement(for: inputs, algorithms: algorithms, predicate: predicate)
                let envelope = ContentSigner.envelope(for: statement, signedBy: privateKey)
                if let output {
                    try AtomicFile.write(envelope.jsonBytes(), to: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                } else {
                    try Console.writeOut(envelope.jsonBytes())
                }
            }
        }
    }
}

extension HashAlgorithm: ExpressibleByArgument {}
