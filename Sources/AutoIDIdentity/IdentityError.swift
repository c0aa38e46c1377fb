public import AutoIDVerdict

/// A problem with an Auto ID: what failed, on which input, and what to do about it.
///
/// ``code`` tells the kinds apart so callers (and the command-line tools' exit codes) can react
/// without parsing messages; ``description`` is the sentence to show a person.
public struct IdentityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable, Hashable {
        /// Not a certificate: bad PEM, bad DER, or a certificate field that cannot be read.
        case malformed
        /// The input is larger than the limit for certificate files.
        case tooLarge
        /// The certificate's subject has no common name (CN), which every Auto ID needs.
        case missingCommonName
        /// A key of a type that cannot be used here (for example RSA where autoid must sign with Ed25519).
        case wrongKeyType
        /// A private key that does not belong to the certificate it is used with.
        case keyMismatch
        /// The request to issue a certificate is invalid (empty name, bad validity window, bad URI...).
        case invalidRequest
        /// A certificate used as an issuer is not a certificate authority.
        case notCA
        /// A certificate authority's key usage does not allow signing certificates.
        case keyUsage
        /// A certificate authority's path length constraint is exceeded.
        case pathLength
        /// A signature does not verify under the issuer's key.
        case badSignature
        /// A signature algorithm that is not accepted (for example SHA-1 with RSA).
        case unsupportedAlgorithm
        /// The certificate's validity period ended before the time of checking.
        case expired
        /// The certificate's validity period starts after the time of checking.
        case notYetValid
        /// The certificate's identifier is on the revocation list given to the verifier.
        case revoked
        /// No trust root or intermediate is the issuer of a certificate in the chain.
        case unknownIssuer
        /// Following issuers leads back to a certificate already in the chain.
        case chainLoop
        /// The chain is longer than the verifier's limit.
        case chainTooLong
        /// A certificate in the chain has a critical extension the verifier does not process.
        case unhandledCriticalExtension
        /// The chain ends in a certificate that is not a trust root, or the X.509 policy rejected it.
        case untrusted
    }

    /// What failed.
    public var code: Code
    /// The input the failure is about: a file name, or a certificate's name and serial.
    public var source: String
    /// What exactly is wrong.
    public var detail: String
    /// What to do about it, when there is something useful to say.
    public var hint: String?

    public init(_ code: Code, source: String, detail: String, hint: String? = nil) {
        self.code = code
        self.source = source
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var line = "\(source): \(detail)"
        if let hint { line += " (\(hint))" }
        return line
    }
}

extension IdentityError: ReportableError {
    /// Malformed input (3) for certificates that cannot be read or used; usage (64) for a request the
    /// caller must change; verification failed (1) for a bad signature; untrusted (2) for every reason a
    /// chain is not trusted.
    public var exitStatus: ExitStatus {
        switch code {
        case .malformed, .tooLarge, .missingCommonName, .wrongKeyType: .malformedInput
        case .keyMismatch, .invalidRequest: .usage
        case .badSignature: .verificationFailed
        case .notCA, .keyUsage, .pathLength, .unsupportedAlgorithm, .expired, .notYetValid, .revoked,
            .unknownIssuer, .chainLoop, .chainTooLong, .unhandledCriticalExtension, .untrusted:
            .untrusted
        }
    }
}
