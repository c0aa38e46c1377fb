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

    /// Loads an Ed25519 private key (PKCS#8 PEM or DER) from `path`.
    public static func loadPrivateKey(path: String) throws -> Ed25519PrivateKey {
        try KeyEncoding.privateKey(from: SmallFile.read(path: path, limit: sizeLimit), source: path)
    }

    /// Loads an Ed25519 public key (SubjectPublicKeyInfo PEM or DER) from `path`.
    public static func loadPublicKey(path: String) throws -> Ed25519PublicKey {
        try KeyEncoding.publicKey(from: SmallFile.read(path: path, limit: sizeLimit), source: path)
    }

    /// Writes a new key pair: the private key with mode 0600, the public key 0644.
    ///
    /// Refuses to replace existing files unless `overwrite` is set; checks both paths before writing
    /// either, so a refusal leaves nothing behind.
    public static func save(
        _ key: Ed25519PrivateKey, privatePath: String, publicPath: String, overwrite: Bool
    ) throws {
        if !overwrite {
            for path in [privatePath, publicPath] where AtomicFile.exists(path) {
                throw FileError(code: .refusedToOverwrite, operation: "write", path: path)
            }
        }
        let existing: AtomicFile.ExistingFile = overwrite ? .replace : .refuse
        var secretPEM = Array(KeyEncoding.pem(for: key).utf8)
        defer { for index in secretPEM.indices { secretPEM[index] = 0 } }
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
