public import AutoIDDrive
public import AutoIDFiles
public import AutoIDJSON
public import AutoIDVerdict

/// What verifying one envelope found: the signature verdict, then one result per subject; the exit
/// status they add up to; and the text and JSON reports (autoid-envelope(5)) every tool prints.
public struct VerificationReport: Sendable {
    /// The signature verdict.
    public enum SignatureStatus: Sendable, Equatable {
        /// A signature verified with the trusted key.
        case valid(keyID: String)
        /// A signature that claims to be (or may be) from the trusted key does not verify: tampering.
        case invalid
        /// Every signature names another key: signed, but not by anyone we trust.
        case untrustedKey(keyIDs: [String])
    }

    /// The verdict on one subject.
    public enum SubjectStatus: Sendable, Equatable {
        /// Every digest we know how to compute matched.
        case ok
        /// These algorithms' digests differ from the content.
        case mismatch(algorithms: [String])
        /// The content could not be read (missing, permission denied, changed while read).
        case unreadable(FileError)
        /// The subject's name was not read: absolute, with `..`, a NUL byte, leading outside the base
        /// directory, or naming something other than a regular file (see ``SubjectLocator``).
        case refused(FileError)
        /// The subject has no digest in an algorithm we support.
        case noKnownDigest
        /// Every digest matched, but the content's Auto Drive CID (under the signed name) is not the one
        /// the subject records (``SubjectResult/autoDriveCID``).
        case cidMismatch
    }

    /// A subject's Auto Drive CID: as signed, and as computed from the content that was read.
    public struct CIDCheck: Sendable, Equatable {
        /// The CID the statement records.
        public var signed: AutoDriveCID
        /// The name it was computed under (``Statement/Subject/autoDriveName``); `nil` for none.
        public var name: String?
        /// The CID of the content read, or `nil` when it was not computed (content unreadable, or known
        /// only by its digests, as in a bundle).
        public var computed: AutoDriveCID?

        public init(signed: AutoDriveCID, name: String?, computed: AutoDriveCID?) {
            self.signed = signed
            self.name = name
            self.computed = computed
        }

        /// Whether the content's CID was computed and differs from the signed one.
        public var differs: Bool { computed.map { $0 != signed } ?? false }

        /// `Auto Drive CID differs: signed X, the content under the name 'N' gives Y`.
        var mismatchText: String {
            let under = name.map { "under the name '\(DisplayName.escape($0))'" } ?? "with no name"
            return "Auto Drive CID differs: signed \(signed), the content \(under) gives \(computed.map(\.description) ?? "none")"
        }

        var json: JSONValue {
            .object([
                "signed": .string(signed.description),
                "computed": computed.map { .string($0.description) } ?? .null,
                "name": name.map { .string($0) } ?? .null,
                "status": .string(computed == nil ? "unchecked" : differs ? "mismatch" : "ok"),
            ])
        }
    }

    public struct SubjectResult: Sendable, Equatable {
        public var name: String
        /// Where the content was read from.
        public var location: String
        public var status: SubjectStatus
        /// Algorithms checked and matched or not.
        public var checked: [String]
        /// Recorded digests we cannot compute, reported so nobody mistakes them for checked.
        public var unchecked: [String]
        /// The subject's Auto Drive CID, when its statement records one.
        public var autoDriveCID: CIDCheck?

        public init(
            name: String, location: String, status: VerificationReport.SubjectStatus, checked: [String], unchecked: [String],
            autoDriveCID: CIDCheck? = nil
        ) {
            self.name = name
            self.location = location
            self.status = status
            self.checked = checked
            self.unchecked = unchecked
            self.autoDriveCID = autoDriveCID
        }
    }

    /// The envelope as the user named it.
    public var envelope: String
    public var signature: SignatureStatus
    /// Empty unless the signature is valid: an unverified payload is never acted on.
    public var subjects: [SubjectResult]
    /// Names the caller asked to check that the statement does not list.
    public var notSubjects: [String]

    public init(envelope: String, signature: SignatureStatus, subjects: [SubjectResult], notSubjects: [String] = []) {
        self.envelope = envelope
        self.signature = signature
        self.subjects = subjects
        self.notSubjects = notSubjects
    }

    /// True when the signature is valid and every subject is `.ok`.
    public var isVerified: Bool { status == .ok }

    /// The verdict: a bad signature or a mismatch (1) outranks an untrusted signer (2), which outranks
    /// unreadable content (4).
    public var status: ExitStatus {
        switch signature {
        case .invalid: return .verificationFailed
        case .untrustedKey: return .untrusted
        case .valid: break
        }
        if !notSubjects.isEmpty { return .verificationFailed }
        return ExitStatus.worst(of: subjects.map(\.status.exitStatus))
    }

    // MARK: Text

    /// One line per subject (`NAME: OK`, `NAME: FAILED (...)`, `NAME: MISSING (...)`...), or one line about the
    /// signature when it did not verify with `keyName` (the trusted key as the user named it).
    /// Names are shown escaped (``DisplayName``): they are chosen by the signer.
    public func textLines(keyName: String) -> [String] {
        switch signature {
        case .invalid:
            return [
                "\(DisplayName.escape(envelope)): FAILED (the signature does not verify with \(DisplayName.escape(keyName)): the envelope was altered or signed by another key)"
            ]
        case .untrustedKey(let keyIDs):
            let ids = keyIDs.map { $0.isEmpty ? "(no keyid)" : DisplayName.escape($0) }.joined(separator: ", ")
            return ["\(DisplayName.escape(envelope)): UNTRUSTED (signed by key \(ids), not by \(DisplayName.escape(keyName)))"]
        case .valid:
            var lines = subjects.map(\.textLine)
            for name in notSubjects { lines.append("\(DisplayName.escape(name)): FAILED (not a subject of \(DisplayName.escape(envelope)))") }
            return lines
        }
    }

    /// One line for a batch (`--each`): `ENVELOPE: OK (N subjects)`, or the verdict and every problem.
    public func summaryLine(keyName: String) -> String {
        let status = status
        if status == .ok { return "\(DisplayName.escape(envelope)): OK (\(subjects.count) subjects)" }
        let problems: [String]
        if case .valid = signature {
            problems =
                subjects.filter { $0.status != .ok }.map(\.textLine)
                + notSubjects.map { "\(DisplayName.escape($0)): FAILED (not a subject of \(DisplayName.escape(envelope)))" }
        } else {
            problems = textLines(keyName: keyName)
        }
        return "\(DisplayName.escape(envelope)): \(status == .untrusted ? "UNTRUSTED" : "FAILED") (\(problems.joined(separator: "; ")))"
    }

    // MARK: JSON

    /// The JSON report of autoid-envelope(5).
    public var json: JSONValue {
        var signatureObject: [String: JSONValue]
        switch signature {
        case .valid(let keyID): signatureObject = ["status": .string("valid"), "keyid": .string(keyID)]
        case .invalid: signatureObject = ["status": .string("invalid")]
        case .untrustedKey(let keyIDs): signatureObject = ["status": .string("untrusted-key"), "keyids": .array(keyIDs.map(JSONValue.string))]
        }
        let status = status
        return .object([
            "envelope": .string(envelope),
            "verified": .bool(status == .ok),
            "exitCode": .integer(status.rawValue),
            "signature": .object(signatureObject),
            "subjects": .array(subjects.map(\.json) + notSubjects.map { .object(["name": .string($0), "status": .string("not-a-subject")]) }),
        ])
    }

    /// The JSON line for an envelope that could not be verified at all (unreadable or malformed).
    public static func failureJSON(envelope: String, error: any Error) -> JSONValue {
        .object([
            "envelope": .string(envelope), "verified": .bool(false),
            "exitCode": .integer(ExitStatus.of(error).rawValue), "error": .string("\(error)"),
        ])
    }
}

extension VerificationReport.SubjectStatus {
    /// A mismatch or a subject we cannot check fails verification (1); unreadable content is an I/O error
    /// (4); a name we refuse to read is malformed input (3).
    public var exitStatus: ExitStatus {
        switch self {
        case .ok: .ok
        case .mismatch, .noKnownDigest, .cidMismatch: .verificationFailed
        case .unreadable: .ioError
        case .refused: .malformedInput
        }
    }
}

extension VerificationReport.SubjectResult {
    /// `NAME: OK`, `NAME: FAILED (...)`, `NAME: MISSING (...)` (no such file), `NAME: UNREADABLE (...)`
    /// (any other reading problem) or `NAME: REFUSED (...)` (a name not read), the name escaped.
    public var textLine: String {
        let shown = DisplayName.escape(name)
        switch status {
        case .ok:
            return unchecked.isEmpty ? "\(shown): OK" : "\(shown): OK (unchecked: \(unchecked.joined(separator: ", ")))"
        case .mismatch(let algorithms):
            let noun = algorithms.count == 1 ? "digest differs" : "digests differ"
            let cid = autoDriveCID?.differs == true ? "; Auto Drive CID differs" : ""
            return "\(shown): FAILED (\(algorithms.joined(separator: ", ")) \(noun)\(cid))"
        case .cidMismatch:
            return "\(shown): FAILED (\(autoDriveCID?.mismatchText ?? "Auto Drive CID differs"))"
        case .unreadable(let error):
            // The error's description escapes the path itself.
            return "\(shown): \(error.code == .notFound ? "MISSING" : "UNREADABLE") (\(error.description))"
        case .refused(let error):
            guard case .refusedName(let reason) = error.code else { return "\(shown): REFUSED (\(error.description))" }
            return "\(shown): REFUSED (\(reason))"
        case .noKnownDigest:
            return "\(shown): FAILED (no digest in an algorithm autoid supports: \(unchecked.joined(separator: ", ")))"
        }
    }

    /// The subject's entry in JSON reports.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "path": .string(location),
            "checked": .array(checked.map(JSONValue.string)),
            "unchecked": .array(unchecked.map(JSONValue.string)),
        ]
        switch status {
        case .ok: object["status"] = .string("ok")
        case .mismatch(let algorithms):
            object["status"] = .string("mismatch")
            object["mismatched"] = .array(algorithms.map(JSONValue.string))
        case .unreadable(let error):
            object["status"] = .string("unreadable")
            object["error"] = .string(error.description)
        case .refused(let error):
            object["status"] = .string("refused")
            object["error"] = .string(error.description)
        case .noKnownDigest: object["status"] = .string("no-known-digest")
        case .cidMismatch: object["status"] = .string("cid-mismatch")
        }
        if let autoDriveCID { object["autoDriveCID"] = autoDriveCID.json }
        return .object(object)
    }
}
