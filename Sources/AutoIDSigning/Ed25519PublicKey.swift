import AutoIDHashing
internal import CSodium

/// An Ed25519 public key (RFC 8032), verified with libsodium.
///
/// libsodium is strict: it rejects small-order public keys and non-canonical signature encodings that
/// some other implementations accept.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// The 32-byte encoded point.
    public let rawRepresentation: [UInt8]

    /// Wraps 32 raw bytes; throws ``SigningError`` for any other length.
    public init(rawRepresentation: [UInt8], source: String = "public key") throws {
        guard rawRepresentation.count == Int(crypto_sign_PUBLICKEYBYTES) else {
            throw SigningError(
                .malformedKey, source: source,
                detail: "an Ed25519 public key is 32 bytes, this one is \(rawRepresentation.count)")
        }
        self.rawRepresentation = rawRepresentation
    }

    /// Tells whether `signature` is a valid Ed25519 signature of `message` under this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == Int(crypto_sign_BYTES) else { return false }
        Sodium.initialize()
        return signature.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { msg in
                rawRepresentation.withUnsafeBufferPointer { pk in
                    crypto_sign_verify_detached(sig.baseAddress!, msg.baseAddress, UInt64(msg.count), pk.baseAddress!)
                }
            }
        } == 0
    }

    /// The key's identifier in envelopes: lowercase hex SHA-256 of its SubjectPublicKeyInfo DER.
    ///
    /// A hint for picking the right key, never a reason to trust a signature.
    public var keyID: String {
        Hex.encode(SHA256Hasher.hash(KeyEncoding.subjectPublicKeyInfo(for: self)))
    }
}
