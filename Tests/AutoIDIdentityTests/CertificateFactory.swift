import AutoIDIdentity
import Crypto
import Foundation
import SwiftASN1
import X509

/// Builds certificates with swift-certificates directly, for shapes autoid's issuer refuses to make
/// (a non-CA issuing, a CA below pathLen 0) and for key types autoid does not sign with (ECDSA).
enum CertificateFactory {
    static func name(_ commonName: String) -> DistinguishedName {
        DistinguishedName([
            RelativeDistinguishedName([
                RelativeDistinguishedName.Attribute(type: .RDNAttributeType.commonName, utf8String: commonName)
            ])
        ])
    }

    static func make(
        commonName: String,
        publicKey: Certificate.PublicKey,
        issuerName: String? = nil,
        issuerKey: Certificate.PrivateKey,
        isCA: Bool,
        pathLength: Int? = nil,
        keyUsage: KeyUsage? = nil,
        notValidBefore: Date = Date().addingTimeInterval(-3600),
        notValidAfter: Date = Date().addingTimeInterval(86400)
    ) throws -> AutoID {
        let basic: BasicConstraints = isCA ? .isCertificateAuthority(maxPathLength: pathLength) : .notCertificateAuthority
        let usage = keyUsage ?? (isCA ? KeyUsage(digitalSignature: true, keyCertSign: true) : KeyUsage(digitalSignature: true))
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: name(issuerName ?? commonName),
            subject: name(commonName),
            extensions: try Certificate.Extensions {
                Critical(basic)
                Critical(usage)
            },
            issuerPrivateKey: issuerKey)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return try AutoID(derEncoded: serializer.serializedBytes, source: commonName)
    }

    /// A self-signed P-256 certificate carrying `extra` as-is, DER.
    static func selfSignedDER(commonName: String, key: P256.Signing.PrivateKey, extra: Certificate.Extension) throws -> [UInt8] {
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-60),
            notValidAfter: Date().addingTimeInterval(3600),
            issuer: name(commonName),
            subject: name(commonName),
            extensions: try Certificate.Extensions([extra]),
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
