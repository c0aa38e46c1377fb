import ArgumentParser
import AutoIDFiles
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify envelope`: check a signed content manifest and the content it names.
    struct VerifyEnvelope: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "envelope",
            abstract: "Verify a DSSE envelope's signature and re-hash the content it lists (the default).",
            discussion: """
                With --key, the signature is checked first, with the public key given; only a payload that \
                verifies is read. Then every subject of the in-toto Statement is re-hashed with each recorded digest \
                algorithm autoid supports (digests in other algorithms are reported as unchecked). Subject \
                names are paths relative to --base-dir (default: the current directory); a subject named - \
                is read from standard input (REFUSED when standard input carried the envelope). Naming FILEs checks \
                only those subjects. With --each every \
                operand is an envelope, and --files-from LIST (with -0 for NUL-terminated names, as \
                'find -print0' writes them) adds the envelopes named in LIST; without --each its names \
                select subjects as FILEs do. Names are the \
                signer's choice, so a name that is absolute, has a .. component or a NUL byte, leads \
                outside --base-dir through a symbolic link, or names anything but a regular file is not \
                read (REFUSED, exit 3); --allow-outside-paths permits the first, second and fourth.

                One line per subject goes to standard output: NAME: OK, NAME: FAILED (...), \
                NAME: MISSING (...), NAME: UNREADABLE (...) or NAME: REFUSED (...); names are printed \
                with control characters escaped. --json prints one JSON report instead (see \
                autoid-envelope(5)).

                With --trust instead, the envelope carries autoid's provenance predicate \
                (autoid-provenance(5)) naming its parties with their certificates: each party's chain is \
                verified against the roots at signing time (and --crl lists), every named party must have \
                signed (--threshold relaxes that; a missing signature exits 2 and names who, or 1 when no \
                signature verifies with any party's key: the envelope was altered), every subject \
                is re-hashed, and every ingredient envelope (found beside the envelope, or in --search \
                folders, by its SHA-256) is verified the same way, recursively. Policies: --require-human, \
                --require-role, --require-issuer, --max-depth; AI parties must disclose their actions' \
                digital source type unless --allow-undisclosed-ai. The report is a tree: who, which AI, did \
                what, when, from what.

                \(ExitStatus.documentation) A mismatch (1) outranks a missing file (4).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Public key file (SubjectPublicKeyInfo PEM, Ed25519).", valueName: "key"))
        var key: String?

        @OptionGroup(title: "Provenance (verify Auto ID parties against trust roots; see autoid-provenance(5))")
        var provenance: ProvenanceVerifyOptions

        @Option(name: .customLong("base-dir"), help: ArgumentHelp("Directory that subject names are relative to.", valueName: "dir"))
        var baseDirectory: String?

        @Flag(help: "Read subjects whose names are absolute, contain .. or lead outside --base-dir (only for a signer you trust to name files).")
        var allowOutsidePaths = false

        @Flag(help: "Print a JSON report on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
        var quiet = false

        @Flag(help: "Treat every operand as an envelope and verify them all, spread over every core.")
        var each = false

        @Option(
            help: ArgumentHelp(
                "With --each, verify only this share K/N of the envelopes (chosen by a hash of each name, so N machines split any list).", valueName: "k/n"))
        var shard: String?

        @OptionGroup var verbosity: VerbosityOptions

        @OptionGroup var fileList: FileListOptions

        @Argument(help: ArgumentHelp("The envelope to verify (- for standard input); with --each and --files-from, may be left out.", valueName: "envelope"))
        var envelope: String?

        @Argument(help: ArgumentHelp("Check only these subjects (by name; - for standard input); with --each, more envelopes.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            try invocation.validate()
        }

        func run() throws {
            try invocation.run()
        }

        /// What this command line asks for, without the argument parser's types.
        var invocation: Invocation {
            Invocation(
                key: key, provenance: provenance.trust == nil ? nil : provenance.settings, baseDirectory: baseDirectory,
                allowOutsidePaths: allowOutsidePaths, json: json, quiet: quiet, each: each, shard: shard, verbose: verbosity.verbose,
                filesFrom: fileList.filesFrom, nullSeparated: fileList.nullSeparated, envelope: envelope, files: files)
        }
    }
}

extension AutoIDVerify.VerifyEnvelope: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
