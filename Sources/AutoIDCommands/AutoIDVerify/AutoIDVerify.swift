public import ArgumentParser
import AutoIDVerdict
import AutoIDFiles
import AutoIDHashing
import AutoIDJSON
import AutoIDManifest
import AutoIDSigning
import SystemPackage

/// `autoid-verify`: check signed content manifests and Auto IDs.
public struct AutoIDVerify: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "autoid-verify",
        abstract: "Verify signed content manifests and Auto ID certificate chains.",
        discussion: """
            autoid-verify ENVELOPE checks a signed content manifest (the default subcommand, envelope);             autoid-verify identity CERT shows an Auto ID and checks its chain.

            \(ExitStatus.documentation)
            """,
        version: AutoIDVersion.current,
        subcommands: [VerifyEnvelope.self, VerifyIdentity.self, VerifyRegistryAction.self],
        defaultSubcommand: VerifyEnvelope.self)

    public init() {}
}

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
            is read from standard input. Naming FILEs checks only those subjects.

            One line per subject goes to standard output: NAME: OK, NAME: FAILED (...), or \
            NAME: MISSING (...). --json prints one JSON report instead (see autoid-envelope(5)).

            \(ExitStatus.documentation) A mismatch (1) outranks a missing file (4).
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Public key file (SubjectPublicKeyInfo PEM, Ed25519).", valueName: "key"))
    var key: String

    @Option(name: .customLong("base-dir"), help: ArgumentHelp("Directory that subject names are relative to.", valueName: "dir"))
    var baseDirectory: String?

    @Flag(help: "Print a JSON report on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing; the exit status tells the verdict.")
    var quiet = false

    @Flag(help: "Treat every operand as an envelope and verify them all, spread over every core.")
    var each = false

    @Flag(name: .shortAndLong, help: "Print the cause of errors in full.")
    var verbose = false

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
        if each { return try runEach() }
        var status = ExitStatus.ok
        try reportingErrors(tool: "autoid-verify", verbose: verbose) {
            let publicKey = try KeyFile.loadPublicKey(path: key)
            let bytes = try SmallFile.read(path: envelope, limit: Envelope.sizeLimit)
            let parsed = try Envelope(jsonBytes: bytes, source: envelope)
            let wanted = Set(files)
            var seen = Set<String>()
            let report = try ContentVerifier.verify(parsed, source: envelope, key: publicKey) { subject in
                if !wanted.isEmpty && !wanted.contains(subject.name) { return nil }
                seen.insert(subject.name)
                return location(of: subject.name)
            }
            let notSubjects = files.filter { !seen.contains($0) }
            status = verdict(report, notSubjects: notSubjects)
            if json {
                try Console.writeOut(jsonReport(report, notSubjects: notSubjects, status: status).jsonBytes(pretty: true) + [0x0a])
            } else if !quiet {
                for line in textReport(report, notSubjects: notSubjects) { try Console.printOut(line) }
            }
        }
        if status != .ok { throw status.exitCode }
    }

    /// `--each`: every operand is an envelope; verified in parallel, one line (or JSON line) each.
    private func runEach() throws {
        var worst = ExitStatus.ok
        try reportingErrors(tool: "autoid-verify", verbose: verbose) {
            let publicKey = try KeyFile.loadPublicKey(path: key)
            let base = baseDirectory
            let items = ContentVerifier.verifyFiles([envelope] + files, key: publicKey) { subject in
                Self.location(of: subject.name, base: base)
            }
            for item in items {
                let status: ExitStatus
                let line: String
                switch item.outcome {
                case .success(let report):
                    status = verdict(report, notSubjects: [])
                    let failures = textReport(report, notSubjects: []).filter { !$0.hasSuffix(": OK") && !$0.contains(": OK (") }
                    line = status == .ok
                        ? "\(item.path): OK (\(report.subjects.count) subjects)"
                        : "\(item.path): \(status == .untrusted ? "UNTRUSTED" : "FAILED") (\(failures.joined(separator: "; ")))"
                    if json {
                        try Console.writeOut(jsonReport(report, notSubjects: [], status: status, envelope: item.path).jsonBytes() + [0x0a])
                    }
                case .failure(let error):
                    status = ExitStatus.forError(error)
                    line = "\(item.path): ERROR (\(error))"
                    if json {
                        let object: JSONValue = .object([
                            "envelope": .string(item.path), "verified": .bool(false),
                            "exitCode": .integer(status.rawValue), "error": .string("\(error)"),
                        ])
                        try Console.writeOut(object.jsonBytes() + [0x0a])
                    }
                }
                if !json && !quiet { try Console.printOut(line) }
                worst = ExitStatus.worst(worst, status)
            }
        }
        if worst != .ok { throw worst.exitCode }
    }

    /// Where a subject's content is read from.
    private func location(of name: String) -> InputSource {
        Self.location(of: name, base: baseDirectory)
    }

    static func location(of name: String, base: String?) -> InputSource {
        if name == "-" { return .standardInput }
        let path = FilePath(name)
        if path.isAbsolute || base == nil { return .file(path) }
        return .file(FilePath(base!).pushing(path))
    }

    private func verdict(_ report: VerificationReport, notSubjects: [String]) -> ExitStatus {
        switch report.signature {
        case .invalid: return .verificationFailed
        case .untrustedKey: return .untrusted
        case .valid: break
        }
        if !notSubjects.isEmpty { return .verificationFailed }
        var status = ExitStatus.ok
        for subject in report.subjects {
            switch subject.status {
            case .ok: break
            case .mismatch, .noKnownDigest: return .verificationFailed
            case .unreadable: status = .ioError
            }
        }
        return status
    }

    private func textReport(_ report: VerificationReport, notSubjects: [String]) -> [String] {
        switch report.signature {
        case .invalid:
            return ["\(envelope): FAILED (the signature does not verify with \(key): the envelope was altered or signed by another key)"]
        case .untrustedKey(let keyIDs):
            let ids = keyIDs.map { $0.isEmpty ? "(no keyid)" : $0 }.joined(separator: ", ")
            return ["\(envelope): UNTRUSTED (signed by key \(ids), not by \(key))"]
        case .valid:
            var lines: [String] = []
            for subject in report.subjects {
                switch subject.status {
                case .ok:
                    var line = "\(subject.name): OK"
                    if !subject.unchecked.isEmpty { line += " (unchecked: \(subject.unchecked.joined(separator: ", ")))" }
                    lines.append(line)
                case .mismatch(let algorithms):
                    let noun = algorithms.count == 1 ? "digest differs" : "digests differ"
                    lines.append("\(subject.name): FAILED (\(algorithms.joined(separator: ", ")) \(noun))")
                case .unreadable(let error):
                    lines.append("\(subject.name): MISSING (\(error))")
                case .noKnownDigest:
                    lines.append("\(subject.name): FAILED (no digest in an algorithm autoid supports: \(subject.unchecked.joined(separator: ", ")))")
                }
            }
            for name in notSubjects { lines.append("\(name): FAILED (not a subject of \(envelope))") }
            return lines
        }
    }

    private func jsonReport(_ report: VerificationReport, notSubjects: [String], status: ExitStatus, envelope: String? = nil) -> JSONValue {
        var signature: [String: JSONValue]
        switch report.signature {
        case .valid(let keyID): signature = ["status": .string("valid"), "keyid": .string(keyID)]
        case .invalid: signature = ["status": .string("invalid")]
        case .untrustedKey(let keyIDs): signature = ["status": .string("untrusted-key"), "keyids": .array(keyIDs.map(JSONValue.string))]
        }
        var subjects: [JSONValue] = report.subjects.map { subject in
            var object: [String: JSONValue] = [
                "name": .string(subject.name),
                "path": .string(subject.location),
                "checked": .array(subject.checked.map(JSONValue.string)),
                "unchecked": .array(subject.unchecked.map(JSONValue.string)),
            ]
            switch subject.status {
            case .ok: object["status"] = .string("ok")
            case .mismatch(let algorithms):
                object["status"] = .string("mismatch")
                object["mismatched"] = .array(algorithms.map(JSONValue.string))
            case .unreadable(let error):
                object["status"] = .string("unreadable")
                object["error"] = .string(error.description)
            case .noKnownDigest: object["status"] = .string("no-known-digest")
            }
            return .object(object)
        }
        subjects += notSubjects.map { .object(["name": .string($0), "status": .string("not-a-subject")]) }
        return .object([
            "envelope": .string(envelope ?? self.envelope),
            "verified": .bool(status == .ok),
            "exitCode": .integer(status.rawValue),
            "signature": .object(signature),
            "subjects": .array(subjects),
        ])
    }
}
