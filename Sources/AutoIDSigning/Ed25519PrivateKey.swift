import AutoIDHashing
internal import CSodium

/// An Ed25519 private key held in guarded memory; signs with libsodium.
///
/// The 32-byte seed is the key (RFC 8032); it is the same value that PKCS#8 files from
/// `openssl genpkey -algorithm ed25519` carry and that swift-crypto's
/// `Curve25519.Signing.PrivateKey(rawRepresentation:)` takes. Signatures are deterministic.
public struct Ed25519PrivateKey: Sendable {
    /// libsodium's 64-byte secret key: seed followed by public key.
    private let secret: SecretBytes
    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    /// Generates a new key from the operating system's random source.
    public init() {
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        secret = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES)) { sk in
            let result = publicBytes.withUnsafeMutableBufferPointer { pk in
                crypto_sign_keypair(pk.baseAddress!, sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            precondition(result == 0, "crypto_sign_keypair failed")
        }
        publicKey = try! Ed25519PublicKey(rawRepresentation: publicBytes)
    }

    /// Recreates the key from its 32-byte seed.
    public init(seed: some Collection<UInt8>, source: String = "private key") throws {
        var seedBytes = Array(seed)
        defer { Passphrase.wipe(&seedBytes) }
        guard seedBytes.count == Int(crypto_sign_SEEDBYTES) else {
            throw SigningError(
                .malformedKey, source: source,
                detail: "an Ed25519 private key is a 32-byte seed, this one is \(seedBytes.count) bytes")
        }
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        secret = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES)) { sk in
            let result = publicBytes.withUnsafeMutableBufferPointer { pk in
                seedBytes.withUnsafeBufferPointer { seed in
                    crypto_sign_seed_keypair(
                        pk.baseAddress!, sk.baseAddress!.assumingMemoryBound(to: UInt8.self), seed.baseAddress!)
                }
            }
            precondition(result == 0, "crypto_sign_seed_keypair failed")
        }
        publicKey = try Ed25519PublicKey(rawRepresentation: publicBytes)
    }

    /// Signs `message`, returning the 64-byte signature.
    public func signature(for message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        secret.withUnsafeBytes { sk in
            _ = signature.withUnsafeMutableBufferPointer { sig in
                message.withUnsafeBufferPointer { msg in
                    crypto_sign_detached(
                        sig.baseAddress!, nil, msg.baseAddress, UInt64(msg.count),
                        sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        return signature
    }

    /// Calls `body` with the 32-byte seed: for encoding a key file, and for handing the key to
    /// swift-crypto when swift-certificates signs a certificate. Never copy it out of `body`.
    package func withSeed<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try secret.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
    }
}
