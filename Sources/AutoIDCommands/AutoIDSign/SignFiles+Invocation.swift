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
    /// `autoid-sign -k KEY [-o OUT] [-f] FILE...` (long forms too, options in any order before the
    /// files), the form a shell loop runs once per file, and the same signing as an Auto ID
    /// (`--id CERT --role ROLE`, with `--chain`, `--source-type`, `--action`, `--ingredient` and
    /// `--party`), read without the argument parser (see `AutoIDVerify.VerifyEnvelope.Invocation.fastPath`).
    /// Nothing else is recognised: another option, a repeated one (but for the three the parser
    /// collects in order: `--chain`, `--ingredient`, `--party`), an option after a file, a value or file that
    /// starts with `-`, a first file that names a subcommand, or a line that ``validate()`` or the
    /// provenance checks refuse gives nil, and the argument parser reads the line as always (and words
    /// any error as always). `FastPathTests` hold both readings equal.
    static func fastPath(_ arguments: [String]) -> Self? {
        var key: String?
        var output: String?
        var force = false
        var provenance = ProvenanceSigningOptions.Settings()
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let option = arguments[index]
            if option == "-f" || option == "--force" {
                guard !force else { return nil }
                force = true
                index += 1
                continue
            }
            guard index + 1 < arguments.count, FastPath.isPlain(arguments[index + 1]) else { return nil }
            let value = arguments[index + 1]
            /// Sets an option the parser takes once; false if it is set already (the parser would keep the
            /// last value: such lines are left to it).
            func once(_ slot: inout String?) -> Bool {
                guard slot == nil else { return false }
                slot = value
                return true
            }
            switch option {
            case "-k", "--key": guard once(&key) else { return nil }
            case "-o", "--output": guard once(&output) else { return nil }
            case "--id": guard once(&provenance.id) else { return nil }
            case "--role": guard once(&provenance.role) else { return nil }
            case "--source-type": guard once(&provenance.sourceType) else { return nil }
            case "--action": guard once(&provenance.action) else { return nil }
            case "--chain": provenance.chain.append(value)
            case "--ingredient": provenance.ingredient.append(value)
            case "--party": provenance.party.append(value)
            default: return nil
            }
            index += 2
        }
        let files = Array(arguments[index...])
        guard let key, let first = files.first, files.allSatisfy(FastPath.isPlain), !AutoIDSign.isSubcommandName(first) else { return nil }
        let invocation = Self(key: key, output: output, force: force, provenance: provenance.isUsed ? provenance : nil, files: files)
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
