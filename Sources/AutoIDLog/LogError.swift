public import AutoIDVerdict

/// The single error type of `AutoIDLog`: what failed, on which input, and what to do about it.
///
/// Its ``description`` is one line: `INPUT: what is wrong; what to do`.
public struct LogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; it decides the exit status.
    public enum Code: String, Sendable, Equatable {
        /// The input is not what it claims to be: not a checkpoint, not a proof file, bad base64 (exit 3).
        case malformedInput
        /// The input is larger than the limit for its kind, or a proof longer than any real tree allows (exit 3).
        case tooLarge
        /// A proof does not verify, a signature is bad, or a checkpoint contradicts another: a fork (exit 1).
        case verificationFailed
        /// No trusted key signed, or too few witnesses did (exit 2).
        case untrusted
    }

    /// What kind of failure.
    public var code: Code
    /// The file or argument concerned.
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

    /// One line, whatever the input held: control characters that parts of a hostile input carried
    /// into the message are shown as `?`.
    public var description: String {
        let line = hint.isEmpty ? "\(input): \(detail)" : "\(input): \(detail); \(hint)"
        return String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : $0 }))
    }
}

extension LogError: ReportableError {
    /// Malformed or oversized input is 3, a failed proof or signature 1, missing trust 2 (DESIGN.md section 8).
    public var exitStatus: ExitStatus {
        switch code {
        case .malformedInput, .tooLarge: .malformedInput
        case .verificationFailed: .verificationFailed
        case .untrusted: .untrusted
        }
    }
}
