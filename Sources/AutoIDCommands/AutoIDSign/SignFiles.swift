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
            try invocation.validate()
        }

        func run() throws {
            try invocation.run()
        }

        /// What this command line asks for, without the argument parser's types.
        var invocation: Invocation {
            let provenance = provenance.settings
            return Invocation(
                key: key, output: output, force: force, digests: digests, autoDriveCIDs: autoDriveCIDs, verbose: verbosity.verbose,
                quiet: talk.quiet, provenance: provenance.isUsed ? provenance : nil, passphrase: passphraseOptions.source,
                filesFrom: fileList.filesFrom, nullSeparated: fileList.nullSeparated, files: files)
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
