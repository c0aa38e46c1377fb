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
            guard let envelope else {
                guard each && fileList.filesFrom != nil else {
                    throw ValidationError("Name the envelope to verify (with --each, --files-from can name them all).")
                }
                try validate(envelope: nil, files: files)
                return
            }
            if fileList.filesFrom == "-" && (envelope == "-" || files.contains("-")) {
                throw ValidationError("--files-from - reads the list from standard input, so standard input cannot also be an envelope or a subject.")
            }
            try validate(envelope: envelope, files: files)
        }

        /// The checks on the whole list of operands (`files` with the --files-from names).
        private func validate(envelope: String?, files: [String]) throws {
            if each && (envelope == "-" || files.contains("-")) {
                throw ValidationError("With --each every operand is an envelope file; standard input cannot be one of them.")
            }
            if envelope == "-" && files.contains("-") {
                throw ValidationError("Standard input cannot carry both the envelope and the content.")
            }
            if json && quiet { throw ValidationError("--json and --quiet exclude each other.") }
            if (key == nil) == (provenance.trust == nil) {
                throw ValidationError("Give either --key PUBLIC-KEY (a bare-key envelope) or --trust ROOTS (Auto ID parties), not both or neither.")
            }
            if let shard {
                guard each else { throw ValidationError("--shard splits an --each batch; add --each.") }
                guard Shard(shard) != nil else { throw ValidationError("--shard '\(shard)' is not K/N with 1 <= K <= N.") }
            }
            if provenance.trust != nil && !files.isEmpty && !each {
                throw ValidationError("With --trust every subject is checked; name more envelopes with --each.")
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            var progress: ProgressLine?
            defer { progress?.finish() }
            try reportingErrors(tool: "autoid-verify", verbose: verbosity.verbose) {
                let operands = try self.operands(withListed: fileList.names(after: files))
                progress = ProgressLine.start("verifying", totalItems: each ? operands.batch(shard: shard).count : nil, quiet: quiet || json)
                let locator = {
                    var locator = SubjectLocator(baseDirectory: baseDirectory, allowsPathsOutsideBase: allowOutsidePaths)
                    if operands.envelope == "-" { locator.standardInputCarries = "the envelope" }
                    return locator
                }()
                guard let key else {
                    // Chains are validated by swift-certificates, which is async: only this path
                    // starts the concurrency runtime's threads.
                    let handed = HandedOver(self)
                    status = try waitForTask { try await handed.value.verifyProvenance(operands, locator: locator) }
                    return
                }
                let publicKey = try KeyFile.loadPublicKey(path: key)
                if each {
                    let items = ContentVerifier.verifyFiles(operands.batch(shard: shard), key: publicKey, locator: locator)
                    for item in items { try print(item) }
                    status = ExitStatus.worst(of: items.map(\.status))
                    summarize(items.map(\.status))
                } else {
                    let parsed = try Envelope(jsonBytes: try SmallFile.read(path: operands.envelope, limit: Envelope.sizeLimit), source: operands.envelope)
                    let report = try ContentVerifier.verify(parsed, source: operands.envelope, key: publicKey, selecting: operands.files, locator: locator)
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

        /// The envelope and the files (subjects, or with --each more envelopes) once the --files-from
        /// list is read: the operands, then the listed names.
        struct Operands {
            var envelope: String
            var files: [String]

            /// The envelopes of an `--each` batch: every operand, or this shard's share of them.
            func batch(shard: String?) -> [String] {
                let all = [envelope] + files
                guard let shard = shard.flatMap(Shard.init) else { return all }
                return all.filter(shard.contains)
            }
        }

        /// The envelope operand with `all` (the FILE operands, then the --files-from names), checked
        /// again as a whole when a list was read.
        private func operands(withListed all: [String]) throws -> Operands {
            guard fileList.filesFrom != nil else { return Operands(envelope: envelope ?? "-", files: all) }
            var names = all
            guard let first = envelope ?? names.first else { throw ValidationError("The --files-from list names no envelope to verify.") }
            if envelope == nil { names.removeFirst() }
            try validate(envelope: first, files: names)
            return Operands(envelope: first, files: names)
        }

        /// `--trust`: each envelope's parties, signatures, subjects and ingredients, as a tree or JSON.
        private func verifyProvenance(_ operands: Operands, locator: SubjectLocator) async throws -> ExitStatus {
            let verifier = try provenance.verifier(locator: locator)
            guard each else {
                let report = await verifier.verify(path: operands.envelope)
                if json {
                    try Console.writeOut(report.json.jsonBytes(pretty: true) + [0x0a])
                } else if !quiet {
                    for line in report.textLines() { try Console.printOut(line) }
                }
                return report.status
            }
            let reports = await verifier.verifyAll(paths: operands.batch(shard: shard))
            for report in reports {
                if json {
                    try Console.writeOut(report.json.jsonBytes() + [0x0a])
                } else if !quiet {
                    try Console.printOut(report.summaryLine)
                }
            }
            summarize(reports.map(\.status))
            return ExitStatus.worst(of: reports.map(\.status))
        }

        /// `--each`: one line on standard error that sums the batch up (standard output stays data).
        private func summarize(_ statuses: [ExitStatus]) {
            guard !quiet else { return }
            let counts = Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count)
            let parts = ExitStatus.allCases.compactMap { status in
                counts[status].map { "\($0) \(ProvenanceReport.verdictWord(status).lowercased())" }
            }
            let share = shard.map { " (shard \($0))" } ?? ""
            Console.printError("autoid-verify: \(statuses.count) envelopes\(share): \(parts.isEmpty ? "none" : parts.joined(separator: ", "))")
        }

        /// `--each`: one line (or JSON line) per envelope.
        private func print(_ item: ContentVerifier.BatchItem) throws {
            switch item.outcome {
            case .success(let report):
                if json {
                    try Console.writeOut(report.json.jsonBytes() + [0x0a])
                } else if !quiet {
                    try Console.printOut(report.summaryLine(keyName: key ?? "-"))
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

extension AutoIDVerify.VerifyEnvelope: OperandListCommand {
    var operands: [String] {
        get { files }
        set { files = newValue }
    }
}
