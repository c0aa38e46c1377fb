import AutoIDSigning
import Crypto
import X509

extension Ed25519PublicKey {
    /// The key as a certificate's subject public key.
    func certificatePublicKey(source: String) throws -> Certificate.PublicKey {
        do {
            return Certificate.PublicKey(try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation))
        } catch {
            throw IdentityError(.wrongKeyType, source: source, detail: "not a usable Ed25519 public key (\(error))")
        }
    }
}
