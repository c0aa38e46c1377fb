import SwiftASN1
import X509

/// The checks autoid adds to swift-certificates' RFC 5280 policy: every issuer's keyUsage (when present)
/// must allow keyCertSign, and every signature in the chain must use an accepted algorithm.
struct AutoIDIssuerPolicy: VerifierPolicy {
    /// Signature algorithms autoid accepts: RSA PKCS#1 v1.5 with SHA-2, ECDSA with SHA-2, and Ed25519.
    static let acceptedSignatureAlgorithms: [Certificate.SignatureAlgorithm] = [
        .sha256WithRSAEncryption, .sha384WithRSAEncryption, .sha512WithRSAEncryption,
        .ecdsaWithSHA256, .ecdsaWithSHA384, .ecdsaWithSHA512,
        .ed25519,
    ]

    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        let certificates = Array(chain)
        for (index, certificate) in certificates.enumerated() {
            if index < certificates.count - 1,
                !Self.acceptedSignatureAlgorithms.contains(certificate.signatureAlgorithm)
            {
                return .failsToMeetPolicy(
                    reason: "\(certificate.subject) is signed with \(certificate.signatureAlgorithm), "
                        + "which is not accepted")
            }
            if index > 0, let keyUsage = try? certificate.extensions.keyUsage, !keyUsage.keyCertSign {
                return .failsToMeetPolicy(reason: "issuer \(certificate.subject) has keyUsage without keyCertSign")
            }
        }
        return .meetsPolicy
    }
}
