import AutoIDHashing
import AutoIDJSON
import AutoIDLog
import Crypto
import Foundation
import SwiftASN1
import X509

/// A bundle in Rekor v1's style, made here: a Fulcio-like certificate authority (P-384) issues a
/// 10-minute code-signing certificate naming an email and an OIDC issuer; the log is ECDSA P-256 (log ID
/// SHA-256 of its key, checkpoint origin `NAME - TREE-ID`, note signed over SHA-256), the entry a
/// hashedrekord 0.0.1 with an integrated time. Media type v0.1 with an x509CertificateChain.
struct FulcioLikeBundle {
    static let logName = "rekor.example.org"
    static let origin = "rekor.example.org - 4242"
    static let email = "dev@example.org"
    static let issuerURL = "https://issuer.example.org/caf\u{e9}"  // composed é: see FulcioLikeBundleTests.untrusted

    let caKey = P384.Signing.PrivateKey()
    let signer = P256.Signing.PrivateKey()
    let logKey = P256.Signing.PrivateKey()
    let artifact = Array("a release, signed the keyless way\n".utf8)
    let notBefore = Date(timeIntervalSince1970: 1_750_000_000)

    static func name(_ commonName: String) -> DistinguishedName {
        DistinguishedName([RelativeDistinguishedName([RelativeDistinguishedName.Attribute(type: .RDNAttributeType.commonName, utf8String: commonName)])])
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    func caCertificate() throws -> [UInt8] {
        try Self.der(
            Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
                notValidBefore: notBefore.addingTimeInterval(-86400 * 365), notValidAfter: notBefore.addingTimeInterval(86400 * 365),
                issuer: Self.name("test-fulcio"), subject: Self.name("test-fulcio"),
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 1))
                    Critical(KeyUsage(keyCertSign: true))
                },
                issuerPrivateKey: .init(caKey)))
    }

    func leafCertificate(codeSigning: Bool = true) throws -> [UInt8] {
        var issuer = DER.Serializer()
        try issuer.serialize(ASN1UTF8String(Self.issuerURL))
        return try Self.der(
            Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(signer.publicKey),
                notValidBefore: notBefore, notValidAfter: notBefore.addingTimeInterval(600),
                issuer: Self.name("test-fulcio"), subject: DistinguishedName(),
                extensions: try Certificate.Extensions {
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([codeSigning ? .codeSigning : .serverAuth])
                    Critical(SubjectAlternativeNames([.rfc822Name(Self.email)]))
                    Certificate.Extension(oid: [1, 3, 6, 1, 4, 1, 57264, 1, 8], critical: false, value: issuer.serializedBytes[...])
                },
                issuerPrivateKey: .init(caKey)))
    }

    var logID: [UInt8] { Array(SHA256.hash(data: logKey.publicKey.derRepresentation)) }

    /// A trusted root with this log and, unless `withoutCA`, this authority.
    func trustedRoot(withoutCA: Bool = false) throws -> [UInt8] {
        var root: [String: JSONValue] = [
            "mediaType": .string("application/vnd.dev.sigstore.trustedroot+json;version=0.1"),
            "tlogs": .array([
                .object([
                    "baseUrl": .string("https://" + Self.logName),
                    "publicKey": .object([
                        "rawBytes": .string(Base64.encode(logKey.publicKey.derRepresentation)), "keyDetails": .string("PKIX_ECDSA_P256_SHA_256"),
                    ]),
                    "logId": .object(["keyId": .string(Base64.encode(logID))]),
                ])
            ]),
        ]
        if !withoutCA {
            root["certificateAuthorities"] = .array([
                .object([
                    "subject": .object(["commonName": .string("test-fulcio")]),
                    "certChain": .object(["certificates": .array([.object(["rawBytes": .string(Base64.encode(try caCertificate()))])])]),
                    "validFor": .object(["start": .string("2020-01-01T00:00:00Z")]),
                ])
            ])
        }
        return JSONValue.object(root).jsonBytes()
    }

    /// The bundle, with the entry integrated `integratedAfter` seconds after the certificate's start.
    func bundle(integratedAfter: TimeInterval = 60, codeSigning: Bool = true, wrapPEM: Bool = true) throws -> [UInt8] {
        let leaf = try leafCertificate(codeSigning: codeSigning)
        let digest = SHA256.hash(data: artifact)
        let signature = Array(try signer.signature(for: digest).derRepresentation)
        // As Rekor v1 stores it: PEM wrapped at 64 columns.
        let base64 = Array(Base64.encode(leaf))
        let wrapped = stride(from: 0, to: base64.count, by: 64).map { String(base64[$0..<min($0 + 64, base64.count)]) }.joined(separator: wrapPEM ? "\n" : "")
        let pem = "-----BEGIN CERTIFICATE-----\n\(wrapped)\n-----END CERTIFICATE-----\n"
        let body = JSONValue.object([
            "apiVersion": .string("0.0.1"), "kind": .string("hashedrekord"),
            "spec": .object([
                "data": .object(["hash": .object(["algorithm": .string("sha256"), "value": .string(Hex.encode(Array(digest)))])]),
                "signature": .object(["content": .string(Base64.encode(signature)), "publicKey": .object(["content": .string(Base64.encode(Array(pem.utf8)))])]
                ),
            ]),
        ]).jsonBytes()
        var leaves = (0..<5).map { MerkleTree.leafHash(Array("v1 entry \($0)".utf8)) }
        leaves.append(MerkleTree.leafHash(body))
        let index = UInt64(leaves.count - 1)
        let proof = try require(InclusionProof.generate(leafIndex: index, leaves: leaves), "proof")
        let root = MerkleTree.root(leafHashes: leaves)
        let text = try Checkpoint(origin: Self.origin, size: UInt64(leaves.count), root: root, extensions: ["Timestamp: 1750000060000000000"]).text
        let noteSignature = Array(try logKey.signature(for: Array(text.utf8)).derRepresentation)
        let hint = logID.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let note = try SignedNote(text: text, signatures: [NoteSignature(name: Self.logName, keyID: hint, signature: noteSignature)])
        return JSONValue.object([
            "mediaType": .string("application/vnd.dev.sigstore.bundle+json;version=0.1"),
            "verificationMaterial": .object([
                "x509CertificateChain": .object(["certificates": .array([.object(["rawBytes": .string(Base64.encode(leaf))])])]),
                "tlogEntries": .array([
                    .object([
                        "logIndex": .string("987654"),
                        "logId": .object(["keyId": .string(Base64.encode(logID))]),
                        "kindVersion": .object(["kind": .string("hashedrekord"), "version": .string("0.0.1")]),
                        "integratedTime": .string(String(Int(notBefore.timeIntervalSince1970 + integratedAfter))),
                        "inclusionPromise": .object(["signedEntryTimestamp": .string("AAAA")]),
                        "inclusionProof": .object([
                            "logIndex": .string(String(index)), "rootHash": .string(root.base64), "treeSize": .string(String(leaves.count)),
                            "hashes": .array(proof.hashes.map { .string($0.base64) }),
                            "checkpoint": .object(["envelope": .string(String(decoding: note.bytes, as: UTF8.self))]),
                        ]),
                        "canonicalizedBody": .string(Base64.encode(body)),
                    ])
                ]),
            ]),
            "messageSignature": .object([
                "messageDigest": .object(["algorithm": .string("SHA2_256"), "digest": .string(Base64.encode(Array(digest)))]),
                "signature": .string(Base64.encode(signature)),
            ]),
        ]).jsonBytes()
    }
}
