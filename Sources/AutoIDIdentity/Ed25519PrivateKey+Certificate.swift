import AutoIDSigning
import Crypto
import X509

extension Ed25519PrivateKey {
    /// The key as swift-certificates signs with it: swift-crypto's Ed25519 key from the same 32-byte seed.
    ///
    /// The seed is copied into swift-crypto's key for the duration of one issuance.
    func certificatePrivateKey(source: String) throws -> Certificate.PrivateKey {
        do {
            return try withSeed { Certificate.PrivateKey(try Curve25519.Signing.PrivateKey(rawRepresentation: $0)) }
        } catch {
            throw IdentityError(.wrongKeyType, source: source, detail: "the Ed25519 seed was refused (\(error))")
        }
    }
}
