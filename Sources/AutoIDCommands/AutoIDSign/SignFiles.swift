public import ArgumentParser
import AutoIDFiles
public import AutoIDHashing
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning

extension AutoIDSign {
    /// `autoid-sign sign`: the default subcommand.
    struct SignFiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign files or standard input into one DSSE envelope (the default subcommand).",
            discussion: """
                Each FILE is recorded under the name given on the command line; - reads standard input \
                and records it under the name -. A directory stands for every regular file below it \
                (recorded as DIR/..., in byte order; links, devices and FIFOs inside it are refused). Names \
                must be unique.

                With --cid each subject also names where the content lives in Auto Drive: its uri is \
                autodrive: and the CID an uncompressed Auto Drive upload of the file gets under its base \
                name (none for standard input), as 'autoid-sign hash --cid' prints it, computed in the same \
                read as the digests. autoid-verify recomputes and checks it. A compressed upload (Auto \
                Drive's default) has another CID, over the compressor's output, which no one can \
                recompute from the content; see autoid-envelope(5).

                With --id CERT and --role ROLE the statement carries autoid's provenance predicate \
                (autoid-provenance(5)): the signer's Auto ID and role, the action it took (--action, \
                --source-type for how the content came to be, the AI model from an AI Auto ID's \
                certificate), earlier envelopes it derives from (--ingredient) and co-signers named in \
                advance (--party CERT:ROLE, who add their signatures with 'autoid-sign cosign'). The \
                issuers up to the root must be in CERT after the certificate or given with --chain, so that \
                the registry identifier can be derived; the root itself is not copied into the statement.

                An encrypted key (see autoid-key(5)) is opened with the passphrase from \
                --passphrase-file, --passphrase-fd or --passphrase-env, else asked on the terminal; \
                without a terminal the command fails. A missing or wrong passphrase exits with 64.
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Private key file (PKCS#8 PEM, Ed25519).", valueName: "key"))
        var key: String

        @Option(
            name: .shortAndLong, help: ArgumentHelp("Write the envelope here (atomically) instead of standard output; - is standard output.", valueName: "file")
        )
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing --output file (it keeps its mode).")
        var force = false

        @Option(
            name: .customLong("digest"),
            help: ArgumentHelp(
                "Digest to record for each file; repeat for several (\(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))). Default: blake3 and sha256.",
                valueName: "algorithm"))
        var digests: [HashAlgorithm] = []

        @Flag(
            name: .customLong("cid"),
            help: ArgumentHelp(
                "Record each file's Auto Drive CID in its subject (uri autodrive:CID): the CID of an uncompressed upload under the file's base name."
            ))
        var autoDriveCIDs = false

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var talk: QuietOptions

        @OptionGroup(title: "Provenance (sign as an Auto ID; see autoid-provenance(5))")
        var provenance: ProvenanceSigningOptions

        @OptionGroup(title: "Passphrase (for an encrypted key)")
        var passphraseOptions: PassphraseOptions

        @OptionGroup var fileList: FileListOptions

        @Argument(help: ArgumentHelp("Files to sign; - for standard input.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            guard !files.isEmpty || fileList.filesFrom != nil else { throw ValidationError("Name at least one file to sign (- for standard input).") }
            if fileList.filesFrom == "-" && (files.contains("-") || passphraseOptions.passphraseFd == 0) {
                throw ValidationError("--files-from - reads the list from standard input, so it cannot also be a file to sign or carry the passphrase.")
            }
            try validate(files)
        }

        /// The checks on the whole list of files (operands and --files-from names).
        private func validate(_ files: [String]) throws {
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
            var progress: ProgressLine?
            defer { progress?.finish() }
            try reportingErrors(tool: "autoid-sign", verbose: verbosity.verbose) {
                let files = try fileList.names(after: files)
                if fileList.filesFrom != nil {
                    guard !files.isEmpty else { throw ValidationError("The --files-from list names no file to sign.") }
                    try validate(files)
                }
                progress = ProgressLine.start("hashing", totalBytes: ProgressLine.totalSize(of: files), quiet: talk.quiet)
                let outputInputs = files + [key]  // never written over: what we sign and the key
                if let output {  // refuse before asking for a passphrase or hashing
                    try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                }
                let privateKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphraseOptions.unlocking(keyPath: key))
                let algorithms = digests.isEmpty ? HashAlgorithm.contentDefaults : Array(Set(digests)).sorted()
                let inputs = try ContentSigner.inputs(for: files)
                var names = Set<String>()
                for input in inputs where !names.insert(input.name).inserted {
                    throw ValidationError("'\(input.name)' is named twice (directly and inside a directory); each file is signed once.")
                }
                let created = Timestamp.now()
                let tool = "autoid-sign \(AutoIDVersion.current)"
                let envelope: Envelope
                if provenance.isUsed {
                    let predicate = try provenance.predicate(created: created, tool: tool)
                    envelope = try ProvenanceSigner.sign(
                        inputs, algorithms: algorithms, predicate: predicate, key: privateKey, autoDriveCIDs: autoDriveCIDs)
                } else {
                    let statement = try ContentSigner.statement(
                        for: inputs, algorithms: algorithms, predicate: ContentPredicate.make(created: created, tool: tool),
                        autoDriveCIDs: autoDriveCIDs)
                    envelope = ContentSigner.envelope(for: statement, signedBy: privateKey)
                }
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

extension AutoIDSign.SignFiles: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
