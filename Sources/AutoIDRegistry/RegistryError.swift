public import AutoIDVerdict

/// The single error type of the `AutoIDRegistry` module: what failed and what to do about it.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The `raw` DER is neither a certificate nor a TBSCertificate autoid can read.
        case malformedCertificate
        /// A stored value or key does not have the layout of pallet-auto-id.
        case malformedValue
    }

    public var code: Code
    /// What is wrong, in words.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "; \($0)" } ?? "") }
}

extension RegistryError: ReportableError {
    /// Malformed input (3): registry state that does not have pallet-auto-id's layout.
    public var exitStatus: ExitStatus {
        switch code {
        case .malformedCertificate, .malformedValue: .malformedInput
        }
    }
}
