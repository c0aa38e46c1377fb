import AutoIDJSON
import Crypto
import FoundationEssentials
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// An RFC 3161 time-stamp token (a CMS SignedData over a `TSTInfo`), as Sigstore bundles carry it in
/// `timestampVerificationData.rfc3161Timestamps[].signedTimestamp` (a `TimeStampResp` or the bare token).
///
/// Read with SwiftASN1, strictly (DER). Verifying it (``verify(imprintOver:authorities:)``) means: the
/// token's message imprint is the hash of the bundle's signature; the signed attributes hold the
/// content type TSTInfo and the digest of the TSTInfo; their signature verifies with a certificate that
/// chains, at the token's time, to a timestamp authority of the trusted root and may stamp time
/// (extended key usage timeStamping). The verified `genTime` is then a signing time.
struct SignedTimestamp {
    /// When the authority says it stamped.
    let time: Date
    /// The hash algorithm of the message imprint, and the imprint.
    let imprintAlgorithm: ASN1ObjectIdentifier
    let imprint: [UInt8]
    /// What the signer signed: the DER of the signed attributes as a SET.
    let signedAttributes: [UInt8]
    let contentTypeAttribute: ASN1ObjectIdentifier?
    let messageDigestAttribute: [UInt8]?
    /// The TSTInfo's DER, and the digest algorithm the signer used over it.
    let tstInfo: [UInt8]
    let digestAlgorithm: ASN1ObjectIdentifier
    let signatureAlgorithm: ASN1ObjectIdentifier
    let signature: [UInt8]
    /// Certificates the token carries (untrusted helpers for chain building).
    let certificates: [Certificate]

    static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    static let tstInfoType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
    static let contentTypeOID: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    static let messageDigestOID: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]

    /// A malformed token: the reason goes into a failed check of the report.
    static func malformed(_ reason: String) -> SigstoreError {
        SigstoreError(.malformedInput, input: "RFC 3161 timestamp", detail: reason)
    }

    private static func children(_ node: ASN1Node, _ what: String) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw Self.malformed("\(what) is not a constructed value") }
        return Array(nodes)
    }

    private static func primitive(_ node: ASN1Node, _ what: String) throws -> ArraySlice<UInt8> {
        guard case .primitive(let bytes) = node.content else { throw Self.malformed("\(what) is not a primitive value") }
        return bytes
    }

    init(der bytes: [UInt8]) throws {
        var root = try DER.parse(bytes)
        // A TimeStampResp is SEQUENCE { PKIStatusInfo SEQUENCE, token }; a token starts with its OID.
        var top = try Self.children(root, "the timestamp")
        if let first = top.first, first.identifier == .sequence {
            let status = try Self.children(first, "the status")
            guard let code = status.first, try Int(derEncoded: code) <= 1 else { throw Self.malformed("the authority refused the request") }
            guard top.count >= 2 else { throw Self.malformed("the response holds no token") }
            root = top[1]
            top = try Self.children(root, "the token")
        }
        guard top.count == 2, try ASN1ObjectIdentifier(derEncoded: top[0]) == Self.signedData else {
            throw Self.malformed("the token is not a CMS SignedData")
        }
        guard let signedDataNode = try Self.children(top[1], "the token content").first else { throw Self.malformed("empty token") }
        let signedData = try Self.children(signedDataNode, "SignedData")
        guard signedData.count >= 4 else { throw Self.malformed("SignedData is short") }
        // encapContentInfo: SEQUENCE { eContentType, [0] EXPLICIT OCTET STRING }
        let encapsulated = try Self.children(signedData[2], "encapContentInfo")
        guard encapsulated.count == 2, try ASN1ObjectIdentifier(derEncoded: encapsulated[0]) == Self.tstInfoType else {
            throw Self.malformed("the token does not hold a TSTInfo")
        }
        guard let octets = try Self.children(encapsulated[1], "eContent").first else { throw Self.malformed("no eContent") }
        tstInfo = Array(try ASN1OctetString(derEncoded: octets).bytes)
        // Optional [0] certificates, optional [1] crls, then the signer infos.
        var certificates: [Certificate] = []
        var index = 3
        while index < signedData.count - 1 {
            let node = signedData[index]
            if node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                for child in try Self.children(node, "certificates").prefix(SigstoreBundle.maximumCertificates) {
                    if let certificate = try? Certificate(derEncoded: Array(child.encodedBytes)) { certificates.append(certificate) }
                }
            }
            index += 1
        }
        self.certificates = certificates
        let signerInfos = try Self.children(signedData[signedData.count - 1], "signerInfos")
        guard signerInfos.count == 1 else { throw Self.malformed("\(signerInfos.count) signer infos, not one") }
        let signer = try Self.children(signerInfos[0], "SignerInfo")
        guard signer.count >= 6 else { throw Self.malformed("SignerInfo is short") }
        digestAlgorithm = try ASN1ObjectIdentifier(derEncoded: try Self.children(signer[2], "digestAlgorithm")[0])
        guard signer[3].identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) else {
            throw Self.malformed("the token has no signed attributes")
        }
        // The signature covers the attributes' DER with the SET tag in place of the implicit [0].
        var attributes = Array(signer[3].encodedBytes)
        attributes[0] = 0x31
        signedAttributes = attributes
        var contentType: ASN1ObjectIdentifier?
        var messageDigest: [UInt8]?
        for attribute in try Self.children(signer[3], "signedAttrs") {
            let parts = try Self.children(attribute, "an attribute")
            guard parts.count == 2 else { continue }
            let type = try ASN1ObjectIdentifier(derEncoded: parts[0])
            let values = try Self.children(parts[1], "attribute values")
            guard values.count == 1 else { continue }
            if type == Self.contentTypeOID { contentType = try ASN1ObjectIdentifier(derEncoded: values[0]) }
            if type == Self.messageDigestOID { messageDigest = Array(try ASN1OctetString(derEncoded: values[0]).bytes) }
        }
        contentTypeAttribute = contentType
        messageDigestAttribute = messageDigest
        signatureAlgorithm = try ASN1ObjectIdentifier(derEncoded: try Self.children(signer[4], "signatureAlgorithm")[0])
        signature = Array(try ASN1OctetString(derEncoded: signer[5]).bytes)
        // TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, ... }
        let info = try Self.children(try DER.parse(tstInfo), "TSTInfo")
        guard info.count >= 5 else { throw Self.malformed("TSTInfo is short") }
        let imprintParts = try Self.children(info[2], "messageImprint")
        guard imprintParts.count == 2 else { throw Self.malformed("messageImprint is malformed") }
        imprintAlgorithm = try ASN1ObjectIdentifier(derEncoded: try Self.children(imprintParts[0], "hashAlgorithm")[0])
        imprint = Array(try ASN1OctetString(derEncoded: imprintParts[1]).bytes)
        let generalized = try GeneralizedTime(derEncoded: info[4])
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = .gmt
        (components.year, components.month, components.day) = (generalized.year, generalized.month, generalized.day)
        (components.hour, components.minute, components.second) = (generalized.hours, generalized.minutes, generalized.seconds)
        guard let date = components.date else { throw Self.malformed("genTime is not a date") }
        time = date.addingTimeInterval(generalized.fractionalSeconds)
    }

    /// The hash of `bytes` under the digest algorithm `oid` (SHA-256, -384, -512), or `nil` for others.
    static func hash(_ bytes: [UInt8], _ oid: ASN1ObjectIdentifier) -> [UInt8]? {
        switch oid {
        case [2, 16, 840, 1, 101, 3, 4, 2, 1]: Array(SHA256.hash(data: bytes))
        case [2, 16, 840, 1, 101, 3, 4, 2, 2]: Array(SHA384.hash(data: bytes))
        case [2, 16, 840, 1, 101, 3, 4, 2, 3]: Array(SHA512.hash(data: bytes))
        default: nil
        }
    }

    static func algorithm(_ oid: ASN1ObjectIdentifier) -> Certificate.SignatureAlgorithm? {
        switch oid {
        case [1, 2, 840, 10045, 4, 3, 2]: .ecdsaWithSHA256
        case [1, 2, 840, 10045, 4, 3, 3]: .ecdsaWithSHA384
        case [1, 2, 840, 10045, 4, 3, 4]: .ecdsaWithSHA512
        case [1, 3, 101, 112]: .ed25519
        default: nil
        }
    }

    /// What verification found: the authority that signed, or why the token is rejected (and whether
    /// that is a matter of trust).
    enum Verdict {
        case verified(authority: String)
        case failed(String)
        case untrusted(String)
    }

    /// Verifies the token over `signature` (the bundle's signature bytes) with `authorities` (the trusted
    /// root's timestamp authorities).
    func verify(imprintOver signedBytes: [UInt8], authorities: [TrustedRoot.Authority]) async -> Verdict {
        guard let expected = Self.hash(signedBytes, imprintAlgorithm), expected == imprint else {
            return .failed("its message imprint is not the hash of this bundle's signature")
        }
        guard contentTypeAttribute == Self.tstInfoType, let digest = Self.hash(tstInfo, digestAlgorithm), messageDigestAttribute == digest else {
            return .failed("its signed attributes do not match its TSTInfo")
        }
        guard let algorithm = Self.algorithm(signatureAlgorithm) else {
            return .failed("its signature algorithm \(signatureAlgorithm) is not supported")
        }
        for authority in authorities where authority.validity.contains(time) {
            let chain = authority.certificates.compactMap { try? Certificate(derEncoded: $0) }
            guard chain.count == authority.certificates.count, let root = chain.last else { continue }
            // The signer: a certificate of the token or of the authority whose key verifies the signature.
            for candidate in certificates + chain.dropLast()
            where candidate.publicKey.isValidSignature(signature, for: signedAttributes, signatureAlgorithm: algorithm) {
                var verifier = Verifier(rootCertificates: CertificateStore([root])) {
                    RFC5280Policy(fixedExpiryValidationTime: time)
                    TimeStampingPolicy()
                }
                if case .validCertificate = await verifier.validate(leaf: candidate, intermediates: CertificateStore(Array(chain.dropLast()))) {
                    return .verified(authority: authority.name)
                }
            }
        }
        if authorities.isEmpty { return .untrusted("the trusted root has no timestamp authority") }
        return .untrusted("its signature does not verify with a certificate of the trusted root's timestamp authorities valid at \(RFC3339.format(time))")
    }
}

/// A timestamp authority's certificate may stamp time: extended key usage timeStamping (critical, as RFC
/// 3161 requires).
struct TimeStampingPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.extendedKeyUsage]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        guard let usage = try? chain.leaf.extensions.extendedKeyUsage, usage.contains(.timeStamping) else {
            return .failsToMeetPolicy(reason: "the timestamp certificate is not for time stamping")
        }
        return .meetsPolicy
    }
}
