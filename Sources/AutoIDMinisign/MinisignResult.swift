import AutoIDFiles
public import AutoIDJSON
public import AutoIDManifest
public import AutoIDVerdict

/// The verdict on one file checked against a minisign or signify signature.
///
/// The verdict is expressed as a ``VerificationReport`` (``report``), the type every `autoid-verify`
/// verdict goes through, so exit statuses and the JSON report's members (`verified`, `exitCode`,
/// `signature`, `subjects`) match the rest of the tool; the signature file stands where an envelope
/// would (`envelope`), the file is its one subject.
public struct MinisignResult: Sendable {
    public enum Outcome: Sendable {
        /// The content's signature verified, and (minisign) the trusted comment's too.
        case verified
        /// The content's signature does not verify: the file or the signature was altered.
        case signatureMismatch
        /// The content verified but the trusted comment's signature does not: the comment was altered.
        case trustedCommentMismatch
        /// The signature names another key id: signed, but not by the key given.
        case keyMismatch
        /// The signature or the content could not be read or parsed.
        case failed(any ReportableError)
    }

    public var file: String
    public var signaturePath: String
    public var format: MinisignVerifier.Format
    /// The parsed signature, when it could be parsed.
    public var signature: MinisignSignature?
    public var outcome: Outcome

    public init(file: String, signaturePath: String, format: MinisignVerifier.Format, signature: MinisignSignature?, outcome: Outcome) {
        self.file = file
        self.signaturePath = signaturePath
        self.format = format
        self.signature = signature
        self.outcome = outcome
    }

    /// The verdict as the report type `autoid-verify` prints; `nil` when nothing could be checked
    /// (``Outcome/failed(_:)``).
    public var report: VerificationReport? {
        let keyID = signature?.keyIDText ?? ""
        switch outcome {
        case .verified:
            let checked = [signature?.algorithm.reportName ?? "ed25519"] + (signature?.trustedComment == nil ? [] : ["trusted-comment"])
            return VerificationReport(
                envelope: signaturePath, signature: .valid(keyID: keyID),
                subjects: [.init(name: file, location: file, status: .ok, checked: checked, unchecked: [])])
        case .signatureMismatch, .trustedCommentMismatch:
            return VerificationReport(envelope: signaturePath, signature: .invalid, subjects: [])
        case .keyMismatch:
            return VerificationReport(envelope: signaturePath, signature: .untrustedKey(keyIDs: [keyID]), subjects: [])
        case .failed:
            return nil
        }
    }

    /// 0 verified, 1 altered content or comment, 2 another key, else the error's status (3 malformed
    /// signature, 4 unreadable file).
    public var status: ExitStatus {
        if case .failed(let error) = outcome { return error.exitStatus }
        return report?.status ?? .internalError
    }

    /// One line: `FILE: OK (trusted comment: ...)`, `FILE: FAILED (...)`, `FILE: UNTRUSTED (...)`,
    /// `FILE: MISSING (...)` or `FILE: ERROR (...)`. `keyName` is the key as the user gave it.
    public func textLine(keyName: String) -> String {
        let shown = DisplayName.escape(file)
        let sig = DisplayName.escape(signaturePath)
        switch outcome {
        case .verified:
            guard let comment = signature?.trustedComment else { return "\(shown): OK" }
            return "\(shown): OK (trusted comment: \(Self.displayComment(comment)))"
        case .signatureMismatch:
            return "\(shown): FAILED (the signature in \(sig) does not verify with \(DisplayName.escape(keyName)): the file or its signature was altered)"
        case .trustedCommentMismatch:
            return "\(shown): FAILED (the trusted comment in \(sig) was altered: its signature does not verify)"
        case .keyMismatch:
            let mine = signature?.keyIDText ?? "?"
            return "\(shown): UNTRUSTED (\(sig) is signed by key id \(mine), not by the key given (\(DisplayName.escape(keyName))))"
        case .failed(let error):
            if let fileError = error as? FileError, fileError.code == .notFound { return "\(shown): MISSING (\(error))" }
            return "\(shown): ERROR (\(error))"
        }
    }

    /// The JSON object for this file: the ``VerificationReport`` JSON (or its failure form) plus `file`,
    /// `format`, `algorithm`, `trustedComment` (verified minisign signatures only) and `problem`.
    public var json: JSONValue {
        let base: JSONValue
        if let report {
            base = report.json
        } else if case .failed(let error) = outcome {
            base = VerificationReport.failureJSON(envelope: signaturePath, error: error)
        } else {
            base = .object([:])
        }
        guard case .object(var object) = base else { return base }
        object["file"] = .string(file)
        object["format"] = .string(format.rawValue)
        if let signature { object["algorithm"] = .string(signature.algorithm.rawValue) }
        switch outcome {
        case .verified:
            if let comment = signature?.trustedComment { object["trustedComment"] = .string(comment) }
        case .signatureMismatch: object["problem"] = .string("signature")
        case .trustedCommentMismatch: object["problem"] = .string("trusted-comment")
        case .keyMismatch: object["problem"] = .string("key-id")
        case .failed: break
        }
        return .object(object)
    }

    /// The trusted comment of a verified minisign signature (`nil` when it did not verify or has none).
    public var verifiedComment: String? {
        guard case .verified = outcome else { return nil }
        return signature?.trustedComment
    }

    /// A trusted comment on one line: tabs kept (minisign's default comment has them), other control
    /// characters escaped.
    public static func displayComment(_ comment: String) -> String {
        comment.split(separator: "\t", omittingEmptySubsequences: false).map { DisplayName.escape(String($0)) }.joined(separator: "\t")
    }
}

extension MinisignResult {
    /// The JSON report for a whole call: `verified`, `exitCode` (the worst status wins) and `files`.
    public static func batchJSON(_ results: [MinisignResult]) -> JSONValue {
        let status = ExitStatus.worst(of: results.map(\.status))
        return .object([
            "verified": .bool(status == .ok && !results.isEmpty),
            "exitCode": .integer(status.rawValue),
            "files": .array(results.map(\.json)),
        ])
    }
}
