import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDManifest
import AutoIDSigning

/// What `autoid-sign ballot` and `autoid-sign post` share: a DAO member's document, made by the member
/// or drafted by the member's AI assistant, and co-signed later by the other party.
enum MemberSigning {
    /// Adds `key`'s signature to the envelope at `path`, which must name that key's certificate among the
    /// parties `parties` reads from it (`roles` names them for the error, "the voter's nor the
    /// assistant's").
    static func cosign(
        _ path: String, key: Ed25519PrivateKey, keyPath: String, roles: String, parties: (Envelope) throws -> [[UInt8]?]
    ) throws -> Envelope {
        var envelope = try Envelope(jsonBytes: try SmallFile.read(path: path, limit: Envelope.sizeLimit), source: path)
        let spki = KeyEncoding.subjectPublicKeyInfo(for: key.publicKey)
        let certificates = try parties(envelope).compactMap { $0 }
        guard try certificates.contains(where: { try AutoID(derEncoded: $0, source: path).subjectPublicKeyInfo == spki }) else {
            throw ValidationError("\(keyPath) is neither \(roles) key in \(path)")
        }
        envelope.sign(with: key)
        return envelope
    }

    /// Checks that `key` is the key of the party that signs a new document: the assistant when there is
    /// one (`--assistant`), else the member (`memberOption`, "--voter").
    static func checkSigner(_ key: Ed25519PrivateKey, member: AutoID, assistant: AutoID?, memberOption: String) throws {
        guard (assistant ?? member).subjectPublicKeyInfo == KeyEncoding.subjectPublicKeyInfo(for: key.publicKey) else {
            throw ValidationError("--key is not the key of \(assistant == nil ? memberOption : "--assistant")")
        }
    }
}
