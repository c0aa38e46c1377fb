import ArgumentParser
import AutoIDFiles
import AutoIDHashing
import AutoIDManifest
import AutoIDProvenance
import AutoIDSigning

extension AutoIDSign.SignFiles {
    /// One `autoid-sign [sign]` run as plain values: what the parsed command holds (``invocation``) or
    /// what ``fastPath(_:)`` reads off the command line, and the code that checks and runs it (one
    /// copy for both).
    struct Invocation {
        var key: String
        var output: String?
        var force = false
        var digests: [HashAlgorithm] = []
        var autoDriveCIDs = false
        var verbose = false
        var quiet = false
        /// The provenance options, only when one of them is given.
        var provenance: ProvenanceSigningOptions.Settings?
        var passphrase = PassphraseSource()
        var filesFrom: String?
        var nullSeparated = false
        var files: [String] = []

        func validate() throws {
            guard !files.isEmpty || filesFrom != nil else { throw ValidationError("Name at least one file to sign (- for standard input).") }
            if filesFrom == "-" && (files.contains("-") || passphrase.fd == 0) {
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
            if files.contains("-") && passphrase.fd == 0 {
                throw ValidationError("Standard input is signed (-), so it cannot carry the passphrase too (--passphrase-fd 0).")
            }
            if let output, files.contains(output) {
                throw ValidationError("--output '\(output)' is also a file to sign; choose another name.")
            }
        }

        func run() throws {
            var progress: ProgressLine?
            defer { progress?.finish() }
            try reportingErrors(tool: "autoid-sign", verbose: verbose) {
                let files = try FileListOptions.names(after: files, filesFrom: filesFrom, nullSeparated: nullSeparated)
                if filesFrom != nil {
                    guard !files.isEmpty else { throw ValidationError("The --files-from list names no file to sign.") }
                    try validate(files)
                }
                progress = ProgressLine.start("hashing", totalBytes: ProgressLine.totalSize(of: files), quiet: quiet)
                let outputInputs = files + [key]  // never written over: what we sign and the key
                if let output {  // refuse before asking for a passphrase or hashing
                    try AtomicOutput.check(path: output, existing: force ? .replace : .refuse, inputs: outputInputs)
                }
                let privateKey = try KeyFile.loadPrivateKey(path: key, passphrase: passphrase.unlocking(keyPath: key))
                let algorithms = digests.isEmpty ? HashAlgorithm.contentDefaults : Array(Set(digests)).sorted()
                let inputs = try ContentSigner.inputs(for: files)
                var names = Set<String>()
                for input in inputs where !names.insert(input.name).inserted {
                    throw ValidationError("'\(input.name)' is named twice (directly and inside a directory); each file is signed once.")
                }
                let created = Timestamp.now()
                let tool = "autoid-sign \(AutoIDVersion.current)"
                let envelope: Envelope
                if let provenance {
                    let (predicate, signer) = try provenance.predicate(created: created, tool: tool)
                    envelope = try ProvenanceSigner.sign(
                        inputs, algorithms: algorithms, predicate: predicate, key: privateKey, signerCertificate: signer, autoDriveCIDs: autoDriveCIDs)
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

extension AutoIDSign.SignFiles.Invocation {
    /// `autoid-sign -k KEY [-o OUT] [-f] FILE...` (long forms too) with `--digest ALGORITHM`, `--cid`,
    /// `-q` or `-v`, the form a shell loop runs once per file, and the same signing as an Auto ID
    /// (`--id CERT --role ROLE`, with `--chain`, `--source-type`, `--action`, `--ingredient` and
    /// `--party`), options and files in any order, with the subcommand named (`autoid-sign sign ...`) or
    /// not, read without the argument parser (see ``FastPath``). Spellings as ``FastPath`` reads them
    /// (`--digest`, `--chain`, `--ingredient` and `--party` collect their values in order; another
    /// option given again keeps its last value, as in the parser). Nothing else is recognised: another
    /// option, a first file that names a subcommand, or a line that ``validate()`` or the provenance
    /// checks refuse gives nil, and the argument parser reads the line as always (and words any error as always). `FastPathTests` hold
    /// both readings equal.
    static func fastPath(_ arguments: [String]) -> Self? {
        var key: String?
        var invocation = Self(key: "")
        var provenance = ProvenanceSigningOptions.Settings()
        let read = FastPath.read(FastPath.droppingDefault("sign", from: arguments)) { option in
            switch option {
            case "-k", "--key", "-o", "--output", "--digest", "--id", "--role", "--source-type", "--action", "--chain", "--ingredient", "--party":
                .value
            case "-f", "--force", "--cid", "-q", "--quiet", "-v", "--verbose": .flag
            default: nil
            }
        } take: { item in
            switch item {
            case .operand(let file): FastPath.append(&invocation.files, file)
            case .option("-k", let value), .option("--key", let value): FastPath.set(&key, value)
            case .option("-o", let value), .option("--output", let value): FastPath.set(&invocation.output, value)
            case .option("--digest", let value): HashAlgorithm(rawValue: value).map { FastPath.append(&invocation.digests, $0) } ?? false
            case .option("--id", let value): FastPath.set(&provenance.id, value)
            case .option("--role", let value): FastPath.set(&provenance.role, value)
            case .option("--source-type", let value): FastPath.set(&provenance.sourceType, value)
            case .option("--action", let value): FastPath.set(&provenance.action, value)
            case .option("--chain", let value): FastPath.append(&provenance.chain, value)
            case .option("--ingredient", let value): FastPath.append(&provenance.ingredient, value)
            case .option("--party", let value): FastPath.append(&provenance.party, value)
            case .flag("-f"), .flag("--force"): FastPath.set(&invocation.force)
            case .flag("--cid"): FastPath.set(&invocation.autoDriveCIDs)
            case .flag("-q"), .flag("--quiet"): FastPath.set(&invocation.quiet)
            case .flag("-v"), .flag("--verbose"): FastPath.set(&invocation.verbose)
            default: false
            }
        }
        guard read else { return nil }
        guard let key, let first = invocation.files.first, !AutoIDSign.isSubcommandName(first) else { return nil }
        invocation.key = key
        invocation.provenance = provenance.isUsed ? provenance : nil
        guard (try? provenance.validate()) != nil, (try? invocation.validate()) != nil else { return nil }
        return invocation
    }
}

extension AutoIDSign {
    /// The one-envelope signing or the checksums, if `arguments` are in a form
    /// ``SignFiles/Invocation/fastPath(_:)`` or ``HashFiles/Invocation/fastPath(_:)`` reads; for ``ParsableCommand/mainReportingUsageOnOneLine(tool:fastPath:)``.
    public static func fastPath(_ arguments: [String]) -> (() throws -> Void)? {
        if let invocation = SignFiles.Invocation.fastPath(arguments) { return { try invocation.run() } }
        if let invocation = HashFiles.Invocation.fastPath(arguments) { return { try invocation.run() } }
        return nil
    }

    /// Whether the argument parser would take `name` as a subcommand in a file's place (see
    /// `AutoIDVerify.isSubcommandName`); `FastPathTests` checks the list against `configuration`.
    static func isSubcommandName(_ name: String) -> Bool {
        switch name {
        case "sign", "cosign", "keygen", "hash", "issue", "revoke", "attest", "registry-action", "minisign", "convert-key", "journal",
            "account-list", "proposal", "ballot", "post", "review", "help":
            true
        default: false
        }
    }
}
