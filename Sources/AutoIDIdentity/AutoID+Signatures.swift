import Crypto
import SwiftASN1
import X509

extension AutoID {
    /// The signature algorithms autoid verifies, by OID: Ed25519, ECDSA and RSA PKCS#1 v1.5 with SHA-2.
    static let signatureAlgorithms: [ASN1ObjectIdentifier: Certificate.SignatureAlgorithm] = [
        "1.3.101.112": .ed25519,
        "1.2.840.113549.1.1.11": .sha256WithRSAEncryption,
        "1.2.840.113549.1.1.12": .sha384WithRSAEncryption,
        "1.2.840.113549.1.1.13": .sha512WithRSAEncryption,
        "1.2.840.10045.4.3.2": .ecdsaWithSHA256,
        "1.2.840.10045.4.3.3": .ecdsaWithSHA384,
        "1.2.840.10045.4.3.4": .ecdsaWithSHA512,
    ]

    /// The DER AlgorithmIdentifier of Ed25519 (no parameters), the algorithm autoid signs with.
    public static let ed25519AlgorithmIdentifierDER: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70]

    /// Tells whether `signature` over `bytes` verifies with this Auto ID's key, the algorithm given as a DER
    /// AlgorithmIdentifier (as the Auto ID registry carries it). Unknown algorithms do not verify.
    public func isValidSignature(_ signature: [UInt8], for bytes: [UInt8], algorithmIdentifierDER: [UInt8]) -> Bool {
        guard let node = try? DER.parse(algorithmIdentifierDER),
            let oid = try? DER.sequence(
                node, identifier: .sequence,
                { nodes -> ASN1ObjectIdentifier in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    while nodes.next() != nil {}
                    return oid
                }),
            let algorithm = Self.signatureAlgorithms[oid]
        else { return false }
        return certificate.publicKey.isValidSignature(signature, for: bytes, signatureAlgorithm: algorithm)
    }
}
