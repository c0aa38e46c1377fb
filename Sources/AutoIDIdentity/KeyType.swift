/// The type of a certificate's subject public key.
public enum KeyType: Sendable, Hashable, CustomStringConvertible {
    case ed25519
    case ecdsaP256
    case ecdsaP384
    case ecdsaP521
    /// RSA with the modulus size in bits.
    case rsa(bits: Int)
    /// Any other algorithm, by dotted object identifier (and curve, for EC keys on other curves).
    case other(String)

    public var description: String {
        switch self {
        case .ed25519: "Ed25519"
        case .ecdsaP256: "ECDSA P-256"
        case .ecdsaP384: "ECDSA P-384"
        case .ecdsaP521: "ECDSA P-521"
        case .rsa(let bits): "RSA-\(bits)"
        case .other(let algorithm): "algorithm \(algorithm)"
        }
    }
}
