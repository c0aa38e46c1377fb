import ArgumentParser
import AutoIDFiles
import AutoIDManifest
import AutoIDSigning
import AutoIDVerdict

extension AutoIDVerify {
    /// `autoid-verify envelope`: check a signed content manifest and the content it names.
    struct VerifyEnvelope: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "envelope",
            abstract: "Verify a DSSE envelope's signature and re-hash the content it lists (the default).",
            discussion: """
                The signature is checked first, with the public key given; only a payload that verifies is \
                read. Then every subject of the in-toto Statement is re-hashed with each recorded digest \
                algorithm autoid supports (digests in other algorithms are reported as unchecked). Subject \
                names are paths relative to --base-dir (default: the current directory); a subject named - \
                is read from standard input. Naming FILEs checks only those subjects. Names are the \
                signer's choice, so a name that is absolute, has a .. component or a NUL byte, leads \
                outside --base-dir through a symbolic link, or names anything but a regular file is not \
                read (REFUSED, exit 3); --allow-outside-paths permits the first, second and fourth.

                One line per subject goes to standard output: NAME: OK, NAME: FAILED (...), \
                NAME: MISSING (...), NAME: UNREADABLE (...) or NAME: REFUSED (...); names are printed \
                with control characters escaped. --json prints one JSON report instead (see \
                autoid-envelope(5)).

                \(ExitStatus.documentation) A mismatch (1) outranks a missing file (4).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Public key file (SubjectPublicKeyInfo PEM, Ed25519).", valueName: "key"))
        var key: String

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

        @OptionGroup var verbosity: VerbosityOptions

        @Argument(help: ArgumentHelp("The envelope to verify (- for standard input).", valueName: "envelope"))
        var envelope: String

        @Argument(help: ArgumentHelp("Check only these subjects (by name; - for standard input); with --each, more envelopes.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            if each && (envelope == "-" || files.contains("-")) {
                throw ValidationError("With --each every operand is an envelope file; standard input cannot be one of them.")
            }
            if envelope == "-" && files.contains("-") {
                throw ValidationError("Standard input cannot carry both the envelope and the content.")
            }
            if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
        }

        func run() throws {
            var status = ExitStatus.ok
            try reportingErrors(tool: "autoid-verify", verbose: verbosity.verbose) {
                let publicKey = try KeyFile.loadPublicKey(path: key)
                let locator = SubjectLocator(baseDirectory: baseDirectory, allowsPathsOutsideBase: allowOutsidePaths)
                if each {
                    let items = ContentVerifier.verifyFiles([envelope] + files, key: publicKey, locator: locator)
                    for item in items { try print(item) }
                    status = ExitStatus.worst(of: items.map(\.status))
                } else {
                    let parsed = try Envelope(jsonBytes: try SmallFile.read(path: envelope, limit: Envelope.sizeLimit), source: envelope)
                    let report = try ContentVerifier.verify(parsed, source: envelope, key: publicKey, selecting: files, locator: locator)
                    status = report.status
                    if json {
                        try Console.writeOut(report.json.jsonBytes(pretty: true) + [0x0a])
                    } else if !quiet {
                        for line in report.textLines(keyName: key) { try Console.printOut(line) }
                    }
                }
            }
            if status != .ok { throw status.exitCode }
        }

        /// `--each`: one line (or JSON line) per envelope.
        private func print(_ item: ContentVerifier.BatchItem) throws {
            switch item.outcome {
            case .success(let report):
                if json {
                    try Console.writeOut(report.json.jsonBytes() + [0x0a])
                } else if !quiet {
                    try Console.printOut(report.summaryLine(keyName: key))
                }
            case .failure(let error):
                if json {
                    try Console.writeOut(VerificationReport.failureJSON(envelope: item.path, error: error).jsonBytes() + [0x0a])
                } else if !quiet {
                    try Console.printOut("\(DisplayName.escape(item.path)): ERROR (\(error))")
                }
            }
        }
    }
}
