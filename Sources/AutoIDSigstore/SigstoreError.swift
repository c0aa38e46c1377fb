public import AutoIDVerdict

/// The single error type of `AutoIDSigstore`: what failed, on which input (and where in it), and what to do.
///
/// Its ``description`` is one line: `INPUT: what is wrong; what to do`. Checks that fail during a
/// verification are not errors: they are failed checks of the report. An error stops a run before
/// there is anything to report: the bundle, trusted root or key cannot be read as what it claims to be.
public struct SigstoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; it decides the exit status.
    public enum Code: String, Sendable, Equatable {
        /// Not a bundle, trusted root or key: bad JSON, a missing or mistyped field, bad base64 or DER (exit 3).
        case malformedInput
        /// More bytes, certificates, entries or hashes than any real bundle has (exit 3).
        case tooLarge
        /// A well-formed input this verifier does not handle: another bundle version, key type or log entry
        /// kind (exit 3).
        case unsupported
        /// The inputs do not fit together: a bundle with no certificate and no `--key`, no log key to
        /// check its log entries with (exit 64).
        case usage
    }

    /// What kind of failure.
    public var code: Code
    /// The file concerned, with the JSON path when there is one (`bundle.json: verificationMaterial.certificate`).
    public var input: String
    /// What is wrong.
    public var detail: String
    /// What to do about it; may be empty.
    public var hint: String

    /// A new error.
    public init(_ code: Code, input: String, detail: String, hint: String = "") {
        self.code = code
        self.input = input
        self.detail = detail
        self.hint = hint
    }

    /// One line, whatever the input held: control characters are shown as `?`.
    public var description: String {
        let line = hint.isEmpty ? "\(input): \(detail)" : "\(input): \(detail); \(hint)"
        return String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : $0 }))
    }
}

extension SigstoreError: ReportableError {
    /// The input's form is malformed input (3); inputs that do not fit together are a usage error (64).
    public var exitStatus: ExitStatus {
        switch code {
        case .malformedInput, .tooLarge, .unsupported: .malformedInput
        case .usage: .usage
        }
    }
}
