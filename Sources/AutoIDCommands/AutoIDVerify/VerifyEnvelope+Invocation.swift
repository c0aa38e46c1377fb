import ArgumentParser
import AutoIDFiles
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning
import AutoIDVerdict

extension AutoIDVerify.VerifyEnvelope {
    /// One `autoid-verify [envelope]` run as plain values: what the parsed command holds (``invocation``)
    /// or what ``fastPath(_:)`` reads off the command line, and the code that runs it (one copy for
    /// both).
    struct Invocation {
        var key: String?
        /// The provenance options, only with --trust.
        var provenance: ProvenanceVerifyOptions.Settings?
        var baseDirectory: String?
        var allowOutsidePaths = false
        var json = false
        var quiet = false
        var each = false
        var shard: String?
        var verbose = false
        var filesFrom: String?
        var nullSeparated = false
        var envelope: String?
        var files: [String] = []

        /// The usage error for neither or both of --key and --trust.
        static let keyOrTrust = "Give either --key PUBLIC-KEY (a bare-key envelope) or --trust ROOTS (Auto ID parties), not both or neither."

        func validate() throws {
            guard let envelope else {
                guard each && filesFrom != nil else {
                    throw ValidationError("Name the envelope to verify (with --each, --files-from can name them all).")
                }
                try validate(envelope: nil, files: files)
                return
            }
            if filesFrom == "-" && (envelope == "-" || files.contains("-")) {
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
            if (key == nil) == (provenance?.trust == nil) {
                throw ValidationError(Self.keyOrTrust)
            }
            if let shard {
                guard each else { throw ValidationError("--shard splits an --each batch; add --each.") }
                guard Shard(shard) != nil else { throw ValidationError("--shard '\(shard)' is not K/N with 1 <= K <= N.") }
            }
            if provenance?.trust != nil && !files.isEmpty && !each {
                throw ValidationError("With --trust every subject is checked; name more envelopes with --each.")
            }
        }

        func run() throws {
            var status = ExitStatus.ok
            var progress: ProgressLine?
            defer { progress?.finish() }
            try reportingErrors(tool: "autoid-verify", verbose: verbose) {
                let operands = try self.operands(withListed: FileListOptions.names(after: files, filesFrom: filesFrom, nullSeparated: nullSeparated))
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
            guard filesFrom != nil else { return Operands(envelope: envelope ?? "-", files: all) }
            var names = all
            guard let first = envelope ?? names.first else { throw ValidationError("The --files-from list names no envelope to verify.") }
            if envelope == nil { names.removeFirst() }
            try validate(envelope: first, files: names)
            return Operands(envelope: first, files: names)
        }

        /// `--trust`: each envelope's parties, signatures, subjects and ingredients, as a tree or JSON.
        private func verifyProvenance(_ operands: Operands, locator: SubjectLocator) async throws -> ExitStatus {
            guard let provenance else {
                throw ValidationError(Self.keyOrTrust)
            }
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

extension AutoIDVerify.VerifyEnvelope.Invocation {
    /// The forms a shell loop runs once per file, read without the argument parser (see ``FastPath``):
    /// `autoid-verify -k KEY ENVELOPE [FILE...]` (or `--key KEY`) and `autoid-verify --trust ROOTS
    /// ENVELOPE` with the string and flag options of provenance policy (`--require-human`, `--crl`,
    /// `--require-role`, `--require-issuer`, `--search`, `--policy`, `--allow-undisclosed-ai`), each
    /// with `--json`, `-q`, `-v`, `--base-dir DIR` or `--allow-outside-paths`, options and operands in
    /// any order, spelled as ``FastPath`` reads them, with the subcommand named (`autoid-verify envelope
    /// ...`) or not. Nothing else is recognised: any other option, a first operand that is a
    /// subcommand's name, or a line the command's checks refuse gives nil, and the argument parser
    /// reads the line as always. `FastPathTests` holds both
    /// readings equal over a corpus of command lines and random ones.
    static func fastPath(_ arguments: [String]) -> Self? {
        var invocation = Self()
        var settings = ProvenanceVerifyOptions.Settings()
        var operands: [String] = []
        let read = FastPath.read(FastPath.droppingDefault("envelope", from: arguments)) { option in
            switch option {
            case "-k", "--key", "--trust", "--base-dir", "--crl", "--require-role", "--require-issuer", "--search", "--policy": .value
            case "--require-human", "--allow-undisclosed-ai", "--allow-outside-paths", "--json", "-q", "--quiet", "-v", "--verbose": .flag
            default: nil
            }
        } take: { item in
            switch item {
            case .operand(let operand): FastPath.append(&operands, operand)
            case .option("-k", let value), .option("--key", let value): FastPath.set(&invocation.key, value)
            case .option("--base-dir", let value): FastPath.set(&invocation.baseDirectory, value)
            case .option("--trust", let value): FastPath.set(&settings.trust, value)
            case .option("--policy", let value): FastPath.set(&settings.policy, value)
            case .option("--crl", let value): FastPath.append(&settings.revocationLists, value)
            case .option("--require-role", let value): FastPath.append(&settings.requiredRoles, value)
            case .option("--require-issuer", let value): FastPath.append(&settings.requiredIssuers, value)
            case .option("--search", let value): FastPath.append(&settings.search, value)
            case .flag("--require-human"): FastPath.set(&settings.requireHuman)
            case .flag("--allow-undisclosed-ai"): FastPath.set(&settings.allowUndisclosedAI)
            case .flag("--allow-outside-paths"): FastPath.set(&invocation.allowOutsidePaths)
            case .flag("--json"): FastPath.set(&invocation.json)
            case .flag("-q"), .flag("--quiet"): FastPath.set(&invocation.quiet)
            case .flag("-v"), .flag("--verbose"): FastPath.set(&invocation.verbose)
            default: false
            }
        }
        guard read else { return nil }
        guard let envelope = operands.first, !AutoIDVerify.isSubcommandName(envelope) else { return nil }
        invocation.envelope = envelope
        invocation.files = Array(operands.dropFirst())
        invocation.provenance = settings.trust == nil ? nil : settings
        guard (try? settings.validate()) != nil, (try? invocation.validate()) != nil else { return nil }
        return invocation
    }
}

extension AutoIDVerify {
    /// The one-file verification, if `arguments` are in a form ``VerifyEnvelope/Invocation/fastPath(_:)``,
    /// ``VerifyMinisign/Invocation/fastPath(_:)`` or ``VerifyCID/Invocation/fastPath(_:)`` reads; for
    /// ``ParsableCommand/mainReportingUsageOnOneLine(tool:fastPath:)``.
    public static func fastPath(_ arguments: [String]) -> (() throws -> Void)? {
        if let invocation = VerifyEnvelope.Invocation.fastPath(arguments) { return { try invocation.run() } }
        if let invocation = VerifyMinisign.Invocation.fastPath(arguments) { return { try invocation.run() } }
        if let invocation = VerifyCID.Invocation.fastPath(arguments) { return { try invocation.run() } }
        return nil
    }

    /// Whether the argument parser would take `name` as a subcommand in an operand's place. Spelled
    /// out as a switch: reading the names off `configuration` instantiated every subcommand's type,
    /// and even a `Set` of them cost a fast-path run 8% (its first use instantiates the set's generic
    /// metadata and checks its conformances). `FastPathTests` checks the list against `configuration`.
    static func isSubcommandName(_ name: String) -> Bool {
        switch name {
        case "envelope", "identity", "registry-action", "sigstore", "cid", "minisign", "signify", "help": true
        default: false
        }
    }
}
