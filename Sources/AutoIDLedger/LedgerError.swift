public import AutoIDVerdict

/// The error type of the `AutoIDLedger` module: a signed mint/burn journal or account list that cannot be
/// used, and why. (Account ids that do not parse are ``AccountIDError``, which parsers fold into theirs.)
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The journal envelope or its predicate does not have the format of ledger-journal(5).
        case malformedJournal
        /// The account list envelope or its predicate does not have the format of autoid-account-list(5).
        case malformedAccountList
        /// The journal's signature does not verify with its issuer certificate's key.
        case badSignature
        /// The journal's issuer does not chain to the trust roots (or has expired, or is revoked).
        case untrustedIssuer
    }

    public var code: Code
    /// The journal file, as given.
    public var source: String
    /// What is wrong, in words.
    public var detail: String
    /// What to do about it.
    public var hint: String?

    public init(_ code: Code, source: String, detail: String, hint: String? = nil) {
        self.code = code
        self.source = source
        self.detail = detail
        self.hint = hint
    }

    public var description: String { "\(source): \(detail)" + (hint.map { "; \($0)" } ?? "") }
}

extension LedgerError: ReportableError {
    /// Malformed journals and lists are malformed input (3), a bad signature fails verification (1), an issuer not
    /// under the trust roots is untrusted (2).
    public var exitStatus: ExitStatus {
        switch code {
        case .malformedJournal, .malformedAccountList: .malformedInput
        case .badSignature: .verificationFailed
        case .untrustedIssuer: .untrusted
        }
    }
}
