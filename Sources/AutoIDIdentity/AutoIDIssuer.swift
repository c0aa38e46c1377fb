import AutoIDFiles
import AutoIDJSON
public import AutoIDSigning
import Crypto
public import FoundationEssentials
import SwiftASN1
import X509

/// Issues Auto ID certificates signed with autoid's Ed25519 keys.
///
/// Roots are self-signed CAs; leaves are issued by an existing CA Auto ID. Every certificate carries
/// autoid's subject-kind extension, and the AI-model-info extension and a subjectAltName when given
/// (see autoid-identity(5)). Serial numbers are 16 random bytes, positive.
public enum AutoIDIssuer {
    /// The longest common name RFC 5280 allows (ub-common-name).
    public static let commonNameLimit = 64

    /// Issues a self-signed root Auto ID: a CA with basicConstraints `CA:TRUE` (and `pathLength` if given),
    /// keyUsage keyCertSign, cRLSign and digitalSignature, and subject and authority key identifiers.
    public static func issueRoot(
        subjectCommonName: String,
        kind: SubjectKind,
        key: Ed25519PrivateKey,
        notValidBefore: Date,
        notValidAfter: Date,
        pathLength: Int? = nil,
        model: AIModelInfo? = nil,
        linkedIdentities: [LinkedIdentity] = []
    ) throws -> AutoID {
        let source = "root '\(subjectCommonName)'"
        let subject = try distinguishedName(commonName: subjectCommonName, source: source)
        let publicKey = try key.publicKey.certificatePublicKey(source: source)
        let keyIdentifier = keyIdentifier(of: KeyEncoding.subjectPublicKeyInfo(for: key.publicKey))
        let der = try issue(
            source: source, subject: subject, issuer: subject, publicKey: publicKey,
            notValidBefore: notValidBefore, notValidAfter: notValidAfter,
            isCA: true, pathLength: pathLength, kind: kind, model: model, linkedIdentities: linkedIdentities,
            subjectKeyIdentifier: keyIdentifier, authorityKeyIdentifier: keyIdentifier,
            signingKey: try key.certificatePrivateKey(source: source))
        return try AutoID(derEncoded: der, source: source)
    }

    /// Issues an Auto ID for `subjectPublicKey` under the CA Auto ID `issuer`, signed with `issuerKey`.
    ///
    /// The result carries an authority key identifier matching the issuer; keyUsage is digitalSignature for
    /// an end entity, or keyCertSign, cRLSign and digitalSignature with basicConstraints `CA:TRUE` when
    /// `isCA` is set. Its ``AutoID/identifier`` is the leaf identifier under `issuer`'s identifier.
    ///
    /// Throws ``IdentityError`` when `issuer` is not a CA, has no Ed25519 key, does not match `issuerKey`,
    /// has no known identifier, or forbids further CAs; and for invalid names, URIs, addresses or dates.
    public static func issueLeaf(
        issuer: AutoID,
        issuerKey: Ed25519PrivateKey,
        subjectPublicKey: Ed25519PublicKey,
        subjectCommonName: String,
        kind: SubjectKind,
        model: AIModelInfo? = nil,
        linkedIdentities: [LinkedIdentity] = [],
        notValidBefore: Date,
        notValidAfter: Date,
        isCA: Bool = false,
        pathLength: Int? = nil
    ) throws -> AutoID {
        let source = "leaf '\(subjectCommonName)'"
        guard issuer.keyType == .ed25519 else {
            throw IdentityError(
                .wrongKeyType, source: issuer.label,
                detail: "the issuer has an \(issuer.keyType) key, but autoid signs certificates with Ed25519 only",
                hint: "issue from an Auto ID whose key is Ed25519 (AutoIDIssuer.issueRoot makes one)")
        }
        guard issuer.subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: issuerKey.publicKey) else {
            throw IdentityError(
                .keyMismatch, source: issuer.label,
                detail: "the signing key given is not this issuer's key (public key \(issuerKey.publicKey.keyID))",
                hint: "use the private key the issuer certificate was made for")
        }
        guard issuer.isCertificateAuthority else {
            throw IdentityError(
                .notCA, source: issuer.label,
                detail: "the issuer is not a certificate authority (no basicConstraints CA:TRUE)",
                hint: "issue from a root, or from a leaf issued with isCA: true")
        }
        if let keyUsage = issuer.keyUsage, !keyUsage.keyCertSign {
            throw IdentityError(.keyUsage, source: issuer.label, detail: "the issuer's keyUsage does not allow keyCertSign")
        }
        if isCA, let limit = issuer.pathLengthConstraint {
            guard limit > 0 else {
                throw IdentityError(
                    .pathLength, source: issuer.label,
                    detail: "the issuer's pathLenConstraint is 0, so it may not issue CA certificates")
            }
            if let pathLength, pathLength >= limit {
                throw IdentityError(
                    .pathLength, source: source,
                    detail: "pathLength \(pathLength) must be below the issuer's pathLenConstraint \(limit)")
            }
        }
        guard let issuerIdentifier = issuer.identifier else {
            throw IdentityError(
                .unknownIssuer, source: issuer.label,
                detail: "the issuer's own Auto ID identifier is not known, so the new identifier cannot be derived",
                hint: "load the issuer with its issuer's identifier (AutoID.resolvingIdentifier)")
        }
        let subject = try distinguishedName(commonName: subjectCommonName, source: source)
        let issuerSKI = (try? issuer.certificate.extensions.subjectKeyIdentifier)?.keyIdentifier
        let issuerKeyIdentifier = issuerSKI.map { Array($0) } ?? keyIdentifier(of: issuer.subjectPublicKeyInfo)
        let der = try issue(
            source: source, subject: subject, issuer: issuer.certificate.subject,
            publicKey: try subjectPublicKey.certificatePublicKey(source: source),
            notValidBefore: notValidBefore, notValidAfter: notValidAfter,
            isCA: isCA, pathLength: pathLength, kind: kind, model: model, linkedIdentities: linkedIdentities,
            subjectKeyIdentifier: keyIdentifier(of: KeyEncoding.subjectPublicKeyInfo(for: subjectPublicKey)),
            authorityKeyIdentifier: issuerKeyIdentifier,
            signingKey: try issuerKey.certificatePrivateKey(source: source))
        return try AutoID(derEncoded: der, issuerIdentifier: issuerIdentifier, source: source)
    }

    // MARK: Building

    private static func issue(
        source: String,
        subject: DistinguishedName,
        issuer: DistinguishedName,
        publicKey: Certificate.PublicKey,
        notValidBefore: Date,
        notValidAfter: Date,
        isCA: Bool,
        pathLength: Int?,
        kind: SubjectKind,
        model: AIModelInfo?,
        linkedIdentities: [LinkedIdentity],
        subjectKeyIdentifier: [UInt8],
        authorityKeyIdentifier: [UInt8],
        signingKey: Certificate.PrivateKey
    ) throws -> [UInt8] {
        guard notValidBefore < notValidAfter else {
            throw IdentityError(
                .invalidRequest, source: source,
                detail: "the validity period ends (\(RFC3339.format(notValidAfter))) before it starts "
                    + "(\(RFC3339.format(notValidBefore)))")
        }
        if let pathLength, !isCA || pathLength < 0 {
            throw IdentityError(
                .invalidRequest, source: source,
                detail: isCA ? "pathLength must be 0 or more, not \(pathLength)" : "pathLength applies only to CAs")
        }
        if case .unrecognised(let code) = kind {
            throw IdentityError(.invalidRequest, source: source, detail: "subject kind \(code) is not defined")
        }
        if let model { try validate(model, source: source) }
        let alternativeNames = try linkedIdentities.map { try generalName(for: $0, source: source) }

        let basicConstraints: BasicConstraints =
            isCA ? .isCertificateAuthority(maxPathLength: pathLength) : .notCertificateAuthority
        let keyUsage =
            isCA ? KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true) : KeyUsage(digitalSignature: true)
        do {
            let extensions = try Certificate.Extensions {
                Critical(basicConstraints)
                Critical(keyUsage)
                SubjectKeyIdentifier(keyIdentifier: subjectKeyIdentifier[...])
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier[...])
                if !alternativeNames.isEmpty {
                    SubjectAlternativeNames(alternativeNames)
                }
                kind
                if let model {
                    model
                }
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: randomSerialNumber(),
                publicKey: publicKey,
                notValidBefore: notValidBefore,
                notValidAfter: notValidAfter,
                issuer: issuer,
                subject: subject,
                signatureAlgorithm: .ed25519,
                extensions: extensions,
                issuerPrivateKey: signingKey)
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError(.invalidRequest, source: source, detail: "the certificate could not be built (\(DecodingFailure.describe(error)))")
        }
    }

    /// A subject of one UTF8String common name.
    private static func distinguishedName(commonName: String, source: String) throws -> DistinguishedName {
        // Counted in code points (as X.520's ub-common-name counts a UTF8String): a Swift Character may
        // hold any number of combining marks.
        guard !commonName.isEmpty, commonName.unicodeScalars.count <= commonNameLimit else {
            throw IdentityError(
                .invalidRequest, source: source,
                detail: "the common name must be 1 to \(commonNameLimit) characters (code points), not \(commonName.unicodeScalars.count)")
        }
        // Verifiers show the name (escaped) and refuse it in provenance statements when it could pass for
        // another name: it is not certified in the first place.
        if let problem = DisplayName.deceptionProblem(in: commonName) {
            throw IdentityError(.invalidRequest, source: source, detail: "the common name \(problem)")
        }
        return DistinguishedName([
            RelativeDistinguishedName([
                RelativeDistinguishedName.Attribute(type: .RDNAttributeType.commonName, utf8String: commonName)
            ])
        ])
    }

    private static func validate(_ model: AIModelInfo, source: String) throws {
        let fields =
            [("provider", model.provider), ("model name", model.modelName)]
            + (model.modelVersion.map { [("model version", $0)] } ?? [])
        for (name, value) in fields where !(1...AIModelInfo.fieldLimit).contains(value.utf8.count) {
            throw IdentityError(
                .invalidRequest, source: source,
                detail: "the AI model's \(name) must be 1 to \(AIModelInfo.fieldLimit) bytes, not \(value.utf8.count)")
        }
        for (name, value) in fields {
            if let problem = DisplayName.deceptionProblem(in: value) {
                throw IdentityError(.invalidRequest, source: source, detail: "the AI model's \(name) \(problem)")
            }
        }
    }

    /// The subjectAltName entry for a linked identity, after checking its syntax.
    private static func generalName(for identity: LinkedIdentity, source: String) throws -> GeneralName {
        func printableASCII(_ text: String) -> Bool {
            !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7e).contains($0) }
        }
        switch identity {
        case .uri(let uri):
            let scheme = uri.prefix { $0 != ":" }
            guard printableASCII(uri), scheme.count < uri.count, uri.last != ":",
                let first = scheme.first, first.isLetter,
                scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
            else {
                throw IdentityError(
                    .invalidRequest, source: source,
                    detail: "linked identity '\(uri)' is not an absolute URI in ASCII (such as https://example.org/alice)")
            }
            return .uniformResourceIdentifier(uri)
        case .email(let address):
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard printableASCII(address), parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw IdentityError(
                    .invalidRequest, source: source,
                    detail: "linked identity '\(address)' is not an ASCII e-mail address (local@domain)")
            }
            return .rfc822Name(address)
        }
    }

    /// RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes.
    static func keyIdentifier(of subjectPublicKeyInfo: [UInt8]) -> [UInt8] {
        let keyBits = try? DER.sequence(try DER.parse(subjectPublicKeyInfo), identifier: .sequence) { nodes in
            _ = nodes.next()
            return try ASN1BitString(derEncoded: &nodes).bytes
        }
        return Array(Insecure.SHA1.hash(data: Array(keyBits ?? subjectPublicKeyInfo[...])))
    }

    /// 16 random bytes, top bit clear (positive) and first byte non-zero (so DER keeps all 16).
    private static func randomSerialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = max(bytes[0] & 0x7f, 1)
        return Certificate.SerialNumber(bytes: bytes)
    }
}
