import SwiftASN1

/// The fields of a TBSCertificate that autoid reads byte for byte, not through swift-certificates'
/// re-encoding: the subject's common name (the identifier hashes its encoded bytes) and the
/// SubjectPublicKeyInfo (its DER is part of the Auto ID).
///
/// Public so that readers of registry state, which holds bare TBSCertificates, apply the same rules.
public struct CertificateFields: Sendable {
    /// The content octets of the subject's common name.
    public let commonNameBytes: [UInt8]
    /// The DER of SubjectPublicKeyInfo as it appears in the certificate.
    public let subjectPublicKeyInfo: [UInt8]
    /// The key type, read from the SubjectPublicKeyInfo.
    public let keyType: KeyType

    /// Reads `tbsCertificate` (DER); `source` names the input in errors.
    ///
    /// Throws ``IdentityError`` when the body cannot be read, or the subject has no single readable common name.
    public init(tbsCertificate: ArraySlice<UInt8>, source: String) throws {
        let parsed: (subject: ASN1Node, spki: ASN1Node)
        do {
            parsed = try DER.sequence(try DER.parse(tbsCertificate), identifier: .sequence) { nodes in
                var next = nodes.next()
                if let node = next, node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                    next = nodes.next()  // [0] version; `next` is now the serial number
                }
                _ = nodes.next()  // signature algorithm
                _ = nodes.next()  // issuer
                _ = nodes.next()  // validity
                guard next != nil, let subject = nodes.next(), let spki = nodes.next() else {
                    throw ASN1Error.invalidASN1Object(reason: "TBSCertificate is missing fields")
                }
                while nodes.next() != nil {}  // unique IDs, extensions
                return (subject, spki)
            }
        } catch {
            throw IdentityError(
                .malformed, source: source,
                detail: "the certificate body cannot be read (\(DecodingFailure.describe(error)))")
        }
        commonNameBytes = try Self.commonName(in: parsed.subject, source: source)
        subjectPublicKeyInfo = Array(parsed.spki.encodedBytes)
        keyType = Self.keyType(of: parsed.spki)
    }

    /// The content octets of the single common name in `name` (an RDNSequence).
    private static func commonName(in name: ASN1Node, source: String) throws -> [UInt8] {
        let commonNameType: ASN1ObjectIdentifier = [2, 5, 4, 3]
        var found: [ASN1Node] = []
        do {
            guard name.identifier == .sequence, case .constructed(let rdns) = name.content else {
                throw ASN1Error.invalidASN1Object(reason: "the name is not a SEQUENCE")
            }
            for rdn in rdns {
                guard rdn.identifier == .set, case .constructed(let attributes) = rdn.content else {
                    throw ASN1Error.invalidASN1Object(reason: "a name component is not a SET")
                }
                for attribute in attributes {
                    let (type, value) = try DER.sequence(attribute, identifier: .sequence) { nodes in
                        let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                        guard let value = nodes.next() else {
                            throw ASN1Error.invalidASN1Object(reason: "a name attribute has no value")
                        }
                        return (type, value)
                    }
                    if type == commonNameType { found.append(value) }
                }
            }
        } catch {
            throw IdentityError(
                .malformed, source: source,
                detail: "the subject name cannot be read (\(DecodingFailure.describe(error)))")
        }
        guard let value = found.first else {
            throw IdentityError(
                .missingCommonName, source: source,
                detail: "the certificate's subject has no common name (CN); an Auto ID is identified by its CN",
                hint: "issue the certificate with a subject such as '/CN=Alice'")
        }
        guard found.count == 1 else {
            throw IdentityError(
                .malformed, source: source,
                detail: "the certificate's subject has \(found.count) common names; an Auto ID has exactly one")
        }
        guard case .primitive(let content) = value.content else {
            throw IdentityError(.malformed, source: source, detail: "the subject's common name is not a string")
        }
        switch value.identifier {
        case .utf8String:
            guard String(validating: content, as: UTF8.self) != nil else {
                throw IdentityError(.malformed, source: source, detail: "the subject's common name is not valid UTF-8")
            }
        case .printableString, .ia5String:
            guard content.allSatisfy({ $0 < 0x80 }) else {
                throw IdentityError(.malformed, source: source, detail: "the subject's common name is not ASCII")
            }
        default:
            throw IdentityError(
                .malformed, source: source,
                detail: "the subject's common name uses ASN.1 string type \(value.identifier), "
                    + "which autoid does not read (UTF8String, PrintableString and IA5String are)")
        }
        guard !content.isEmpty else {
            throw IdentityError(.missingCommonName, source: source, detail: "the subject's common name is empty")
        }
        return Array(content)
    }

    /// The key type named by a SubjectPublicKeyInfo's algorithm (and, for RSA, its modulus size).
    private static func keyType(of spki: ASN1Node) -> KeyType {
        let result = try? DER.sequence(spki, identifier: .sequence) { nodes -> KeyType in
            guard let algorithmNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "SubjectPublicKeyInfo has no algorithm")
            }
            let (algorithm, parameter) = try DER.sequence(algorithmNode, identifier: .sequence) {
                inner -> (ASN1ObjectIdentifier, ASN1Node?) in
                let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
                let parameter = inner.next()
                while inner.next() != nil {}
                return (oid, parameter)
            }
            let key = try ASN1BitString(derEncoded: &nodes)
            switch algorithm {
            case [1, 3, 101, 112]:
                return .ed25519
            case [1, 2, 840, 10045, 2, 1]:
                let curve = try parameter.map { try ASN1ObjectIdentifier(derEncoded: $0) }
                switch curve {
                case [1, 2, 840, 10045, 3, 1, 7]?: return .ecdsaP256
                case [1, 3, 132, 0, 34]?: return .ecdsaP384
                case [1, 3, 132, 0, 35]?: return .ecdsaP521
                default: return .other("1.2.840.10045.2.1 (curve \(curve.map { String(describing: $0) } ?? "none"))")
                }
            case [1, 2, 840, 113549, 1, 1, 1]:
                let modulus = try DER.sequence(try DER.parse(key.bytes), identifier: .sequence) { fields in
                    let modulus = try ArraySlice<UInt8>(derEncoded: &fields)
                    _ = fields.next()
                    return modulus
                }
                let significant = modulus.drop { $0 == 0 }
                guard let first = significant.first else { return .rsa(bits: 0) }
                return .rsa(bits: (significant.count - 1) * 8 + (8 - first.leadingZeroBitCount))
            default:
                return .other(String(describing: algorithm))
            }
        }
        return result ?? .other("unreadable")
    }
}
