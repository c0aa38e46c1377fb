import AutoIDFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loading and saving key files: PEM, private keys mode 0600, never overwritten unless asked.
public enum KeyFile {
    /// Key files are tiny; anything bigger is not a key.
    public static let sizeLimit = 64 * 1024

    /// Loads an Ed25519 private key (PKCS#8 PEM or DER, plain or passphrase-protected) from `path`.
    ///
    /// `passphrase` is called only when the file is encrypted (see
    /// ``KeyEncoding/privateKey(from:source:passphrase:)``).
    public static func loadPrivateKey(
        path: String, passphrase: (() throws -> Passphrase)? = nil
    ) throws -> Ed25519PrivateKey {
        var bytes = try SmallFile.read(path: path, limit: sizeLimit)
        defer { Passphrase.wipe(&bytes) }
        return try KeyEncoding.privateKey(from: bytes, source: path, passphrase: passphrase)
    }

    /// Loads an Ed25519 public key (SubjectPublicKeyInfo PEM or DER) from `path`.
    public static func loadPublicKey(path: String) throws -> Ed25519PublicKey {
        try KeyEncoding.publicKey(from: SmallFile.read(path: path, limit: sizeLimit), source: path)
    }

    /// Writes a new key pair: the private key with mode 0600, the public key 0644.
    ///
    /// With a `passphrase` the private key is encrypted in memory first (``KeyProtection/standard``), so its
    /// plaintext never reaches the disk. Refuses to replace existing files unless `overwrite` is set;
    /// checks both paths before writing either, so a refusal leaves nothing behind.
    public static func save(
        _ key: Ed25519PrivateKey, privatePath: String, publicPath: String, overwrite: Bool,
        passphrase: Passphrase? = nil
    ) throws {
        try save(
            key, privatePath: privatePath, publicPath: publicPath, overwrite: overwrite,
            passphrase: passphrase, protection: .standard)
    }

    /// As ``save(_:privatePath:publicPath:overwrite:passphrase:)`` with other parameters (tests).
    static func save(
        _ key: Ed25519PrivateKey, privatePath: String, publicPath: String, overwrite: Bool,
        passphrase: Passphrase?, protection: KeyProtection
    ) throws {
        if !overwrite {
            for path in [privatePath, publicPath] where AtomicFile.exists(path) {
                throw FileError(code: .refusedToOverwrite, operation: "write", path: path)
            }
        }
        let existing: AtomicFile.ExistingFile = overwrite ? .replace : .refuse
        var secretPEM: [UInt8]
        if let passphrase {
            secretPEM = Array(try KeyEncoding.pem(for: key, passphrase: passphrase, protection: protection).utf8)
        } else {
            secretPEM = Array(KeyEncoding.pem(for: key).utf8)
        }
        defer { Passphrase.wipe(&secretPEM) }
        try AtomicFile.write(secretPEM, to: privatePath, permissions: [.ownerReadWrite], existing: existing)
        do {
            try AtomicFile.write(Array(KeyEncoding.pem(for: key.publicKey).utf8), to: publicPath, existing: existing)
        } catch {
            // Without its public half the new private key is useless and confusing: take it back.
            _ = unlink(privatePath)
            throw error
        }
    }
}
