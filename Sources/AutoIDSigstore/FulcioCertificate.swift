import SwiftASN1
public import X509

/// What a Fulcio signing certificate says about its holder: the identities in its subject alternative
/// name (an email address or a URI such as a CI workflow) and the OIDC issuer that vouched for them.
public struct FulcioIdentity: Sendable, Equatable {
    /// SAN email addresses and URIs, in order.
    public var identities: [String]
    /// The OIDC issuer (extension 1.3.6.1.4.1.57264.1.8, or the older 1.3.6.1.4.1.57264.1.1); `nil` when absent.
    public var issuer: String?

    /// Fulcio's OIDC issuer extension (a DER UTF8String).
    static let issuerV2: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 8]
    /// The deprecated form (the raw issuer URL bytes).
    static let issuerV1: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 1]

    /// Reads the identity of `certificate`.
    public init(_ certificate: Certificate) {
        var identities: [String] = []
        if let names = try? certificate.extensions.subjectAlternativeNames {
            for name in names {
                switch name {
                case .rfc822Name(let email): identities.append(email)
                case .uniformResourceIdentifier(let uri): identities.append(uri)
                default: break
                }
            }
        }
        self.identities = identities
        if let value = certificate.extensions[oid: Self.issuerV2]?.value, let text = try? ASN1UTF8String(derEncoded: value) {
            issuer = String(text)
        } else if let value = certificate.extensions[oid: Self.issuerV1]?.value {
            let text = String(decoding: value, as: UTF8.self)
            issuer = text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) ? text : nil
        } else {
            issuer = nil
        }
    }
}

/// The checks Sigstore adds to RFC 5280 for a signing certificate: the leaf may sign code (extended key
/// usage codeSigning). Its subject alternative name (critical in Fulcio's certificates, whose subject is
/// empty) is handled here too: the identity is compared by ``SigstoreVerification`` when asked.
struct CodeSigningPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.subjectAlternativeName, .X509ExtensionID.extendedKeyUsage,
    ]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        guard let usage = try? chain.leaf.extensions.extendedKeyUsage, usage.contains(.codeSigning) else {
            return .failsToMeetPolicy(reason: "the signing certificate is not for code signing (no extended key usage codeSigning)")
        }
        return .meetsPolicy
    }
}
