import AutoIDJSON
import AutoIDSigning
public import FoundationEssentials
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Verifies that an Auto ID chains to a trusted root, and says in words which link fails when it does not.
///
/// Two independent passes must both accept:
/// 1. autoid's own walk from the leaf to a trust root, which checks each link in order (signature,
///    validity window, revocation, signature algorithm, issuer is a CA, issuer keyUsage, path length) and
///    detects unknown issuers and loops; its first failure becomes the verdict.
/// 2. swift-certificates' `Verifier` with `RFC5280Policy` at the same time, plus autoid's keyUsage and
///    signature-algorithm policy.
///
/// RSA (PKCS#1 v1.5 with SHA-2), ECDSA (P-256, P-384, P-521 with SHA-2) and Ed25519 signatures are accepted.
public enum AutoIDChainVerifier {
    /// The longest chain the walk follows, leaf and trust root included.
    public static let maximumChainLength = 8

    /// Critical extensions the verification processes, as swift-certificates' RFC 5280 policy does; any other
    /// critical extension makes a certificate unacceptable.
    static let handledCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.basicConstraints, .X509ExtensionID.keyUsage, .X509ExtensionID.nameConstraints,
    ]

    /// Verifies `leaf` against `trustRoots`, using `intermediates` to fill the gap, at time `time`.
    ///
    /// - Parameter revoked: identifiers of revoked Auto IDs; any certificate in the chain whose resolved
    ///   identifier is listed fails with ``IdentityError/Code/revoked``.
    public static func verify(
        leaf: AutoID,
        intermediates: [AutoID] = [],
        trustRoots: [AutoID],
        at time: Date = Date(),
        revoked: Set<AutoIDIdentifier> = []
    ) async -> ChainVerdict {
        guard !trustRoots.isEmpty else {
            return .rejected(
                IdentityError(
                    .untrusted, source: leaf.label, detail: "no trust roots were given, so nothing can be trusted",
                    hint: "pass the root Auto ID certificate(s) you trust"))
        }
        let path: [AutoID]
        do {
            path = resolveIdentifiers(try buildPath(leaf: leaf, intermediates: intermediates, trustRoots: trustRoots))
            try checkLinks(path, at: time, revoked: revoked)
        } catch let error as IdentityError {
            return .rejected(error)
        } catch {
            return .rejected(IdentityError(.untrusted, source: leaf.label, detail: "\(error)"))
        }

        var verifier = Verifier(rootCertificates: CertificateStore(trustRoots.map(\.certificate))) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            AutoIDIssuerPolicy()
        }
        let result = await verifier.validate(
            leaf: leaf.certificate, intermediates: CertificateStore(intermediates.map(\.certificate)))
        switch result {
        case .validCertificate:
            return .trusted(chain: path)
        case .couldNotValidate(let failures):
            let reason =
                failures.first.map { String(describing: $0.policyFailureReason) }
                ?? "no chain to a trust root could be built"
            return .rejected(
                IdentityError(
                    .untrusted, source: leaf.label,
                    detail: "the RFC 5280 verifier rejected the chain: \(reason)"))
        }
    }

    /// Checks that `certificate` names `issuer` as its issuer and that its signature verifies under `issuer`'s
    /// key; throws ``IdentityError`` (``IdentityError/Code/unknownIssuer`` or ``IdentityError/Code/badSignature``)
    /// otherwise. No dates or constraints are checked.
    public static func verifySignature(of certificate: AutoID, issuedBy issuer: AutoID) throws {
        guard certificate.certificate.issuer == issuer.certificate.subject else {
            throw IdentityError(
                .unknownIssuer, source: certificate.label,
                detail: "its issuer is '\(certificate.issuerName)', not '\(issuer.subjectName)'")
        }
        guard signatureVerifies(certificate, under: issuer) else {
            throw badSignature(certificate, issuer: issuer)
        }
    }

    // MARK: Path building

    /// Whether `issuer`'s key made `certificate`'s signature. An Ed25519 signature under an Ed25519 key
    /// (every Auto ID autoid issues) is checked with libsodium, as envelopes are: swift-crypto's
    /// BoringSSL path costs its own first-use set-up (about 0.1 ms of a one-file `autoid-sign --id`
    /// run), and this walk and swift-certificates' `Verifier` (which uses BoringSSL) then check each
    /// chain with two implementations. Other algorithms go through swift-certificates.
    private static func signatureVerifies(_ certificate: AutoID, under issuer: AutoID) -> Bool {
        if certificate.certificate.signatureAlgorithm == .ed25519, issuer.keyType == .ed25519 {
            guard let key = try? KeyEncoding.publicKey(from: issuer.subjectPublicKeyInfo, source: issuer.commonName) else { return false }
            return key.isValidSignature(certificate.certificate.signature.rawRepresentation, for: Array(certificate.certificate.tbsCertificateBytes))
        }
        return issuer.certificate.publicKey.isValidSignature(certificate.certificate.signature, for: certificate.certificate)
    }

    private static func badSignature(_ certificate: AutoID, issuer: AutoID) -> IdentityError {
        IdentityError(
            .badSignature, source: certificate.label,
            detail: "its signature does not verify under the \(issuer.keyType) key of issuer \(issuer.label)",
            hint: "the certificate was altered, or signed by a different key")
    }

    /// Follows issuers from `leaf` until a trust root: leaf first, trust root last.
    private static func buildPath(leaf: AutoID, intermediates: [AutoID], trustRoots: [AutoID]) throws -> [AutoID] {
        func isTrustRoot(_ candidate: AutoID) -> Bool { trustRoots.contains { $0.derBytes == candidate.derBytes } }
        var path = [leaf]
        while let tip = path.last, !isTrustRoot(tip) {
            guard path.count < maximumChainLength else {
                throw IdentityError(
                    .chainTooLong, source: leaf.label,
                    detail: "no trust root within \(maximumChainLength) certificates: "
                        + AutoID.shownNames(path[...], separator: " <- "))
            }
            let named = (trustRoots + intermediates).filter {
                $0.certificate.subject == tip.certificate.issuer && $0.derBytes != tip.derBytes
            }
            guard !named.isEmpty else {
                if tip.isSelfIssued {
                    throw IdentityError(
                        .untrusted, source: tip.label,
                        detail: "it is self-signed but not one of the \(trustRoots.count) trust root(s)",
                        hint: "add it to the trust roots only if you trust it")
                }
                throw IdentityError(
                    .unknownIssuer, source: tip.label,
                    detail: "its issuer '\(tip.issuerName)' is neither a trust root nor among the "
                        + "\(intermediates.count) intermediate(s) given",
                    hint: "pass the issuing certificate as an intermediate or a trust root")
            }
            let signers = named.filter { signatureVerifies(tip, under: $0) }
            guard !signers.isEmpty else {
                throw badSignature(tip, issuer: named[0])
            }
            if let root = signers.first(where: isTrustRoot) {
                path.append(root)
                break
            }
            guard let next = signers.first(where: { signer in !path.contains { $0.derBytes == signer.derBytes } }) else {
                let loop = path + [signers[0]]
                throw IdentityError(
                    .chainLoop, source: leaf.label,
                    detail: "the issuer chain loops without reaching a trust root: "
                        + AutoID.shownNames(loop[...], separator: " <- "))
            }
            path.append(next)
        }
        return path
    }

    /// Resolves identifiers from the trust root down: each certificate is a leaf of the one above it, except
    /// self-issued ones, which keep their root identifier. `path` runs from leaf to root, as in a PEM bundle.
    public static func resolveIdentifiers(_ path: [AutoID]) -> [AutoID] {
        var resolved = path
        for index in resolved.indices.dropLast().reversed() {
            guard let parent = resolved[index + 1].identifier else { continue }
            if resolved[index].isSelfIssued, resolved[index].identifier != nil { continue }
            resolved[index] = resolved[index].resolvingIdentifier(issuerIdentifier: parent)
        }
        return resolved
    }

    // MARK: Link checks

    /// Checks each certificate and the link to its issuer, leaf first; throws the first failure.
    private static func checkLinks(_ path: [AutoID], at time: Date, revoked: Set<AutoIDIdentifier>) throws {
        func checked() -> String { "checked at \(RFC3339.format(time))" }  // for a failure only
        for (index, certificate) in path.enumerated() {
            if time > certificate.notValidAfter {
                throw IdentityError(
                    .expired, source: certificate.label,
                    detail: "expired on \(RFC3339.format(certificate.notValidAfter)) (\(checked()))",
                    hint: "issue a new certificate")
            }
            if time < certificate.notValidBefore {
                throw IdentityError(
                    .notYetValid, source: certificate.label,
                    detail: "is not valid before \(RFC3339.format(certificate.notValidBefore)) (\(checked()))")
            }
            if let unhandled = certificate.certificate.extensions.first(where: {
                $0.critical && !handledCriticalExtensions.contains($0.oid)
            }) {
                throw IdentityError(
                    .unhandledCriticalExtension, source: certificate.label,
                    detail: "it has a critical extension (\(unhandled.oid)) that autoid does not process, "
                        + "so it must not be accepted (RFC 5280 section 4.2)")
            }
            if let identifier = certificate.identifier, revoked.contains(identifier) {
                throw IdentityError(.revoked, source: certificate.label, detail: "Auto ID \(identifier) is revoked")
            }
            guard index + 1 < path.count else { break }
            let issuer = path[index + 1]
            let algorithm = certificate.certificate.signatureAlgorithm
            guard AutoIDIssuerPolicy.acceptedSignatureAlgorithms.contains(algorithm) else {
                throw IdentityError(
                    .unsupportedAlgorithm, source: certificate.label,
                    detail: "it is signed with \(algorithm), which autoid does not accept "
                        + "(accepted: RSA or ECDSA with SHA-256/384/512, and Ed25519)")
            }
            func issuerSource() -> String { "issuer \(issuer.label) of '\(certificate.shownName)'" }  // for a failure only
            guard issuer.isCertificateAuthority else {
                throw IdentityError(
                    .notCA, source: issuerSource(), detail: "is not a CA (it has no basicConstraints CA:TRUE)",
                    hint: "only certificate authorities may issue Auto IDs")
            }
            if let keyUsage = issuer.keyUsage, !keyUsage.keyCertSign {
                throw IdentityError(.keyUsage, source: issuerSource(), detail: "has a keyUsage without keyCertSign")
            }
            if let limit = issuer.pathLengthConstraint {
                // Intermediate CAs between this issuer and the leaf (self-issued ones do not count).
                let intermediatesBelow = path[..<(index + 1)].dropFirst().filter { !$0.isSelfIssued }.count
                if intermediatesBelow > limit {
                    throw IdentityError(
                        .pathLength, source: issuerSource(),
                        detail: "allows \(limit) intermediate CA(s) below it (pathLenConstraint), "
                            + "but the chain has \(intermediatesBelow)")
                }
            }
        }
    }
}

extension AutoIDChainVerifier {
    /// `leaf` with its identifier derived from the issuers among `intermediates` and `trustRoots`, whatever
    /// the chain's verdict: an expired or revoked Auto ID still has the identifier the registry gives it.
    ///
    /// Follows issuers by name and signature only (no validity, usage or revocation checks), up to
    /// ``maximumChainLength``; when no self-issued root is reached the identifier stays unknown.
    public static func resolvingIdentifier(of leaf: AutoID, intermediates: [AutoID], trustRoots: [AutoID]) -> AutoID {
        if leaf.identifier != nil { return leaf }
        return resolveIdentifiers(issuerPath(of: leaf, among: trustRoots + intermediates))[0]
    }

    /// `leaf` and its issuers found among `candidates`, leaf first: each the certificate whose subject is
    /// the previous one's issuer and whose key verifies its signature, until a self-issued root, a
    /// missing issuer or ``maximumChainLength``. No validity, usage or revocation checks.
    public static func issuerPath(of leaf: AutoID, among candidates: [AutoID]) -> [AutoID] {
        var path = [leaf]
        while path.count < maximumChainLength, let tip = path.last, !tip.isSelfIssued {
            let issuer = candidates.first { candidate in
                candidate.certificate.subject == tip.certificate.issuer
                    && !path.contains { $0.derBytes == candidate.derBytes }
                    && signatureVerifies(tip, under: candidate)
            }
            guard let issuer else { break }
            path.append(issuer)
        }
        return path
    }
}
