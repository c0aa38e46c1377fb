internal import CSodium

/// A passphrase that protects a private key file, held in guarded memory and wiped when released.
///
/// The bytes are used exactly as given (UTF-8 as typed or stored, no normalisation), as OpenSSL does, so
/// a key protected here opens with `openssl pkey -passin` and the reverse. An empty passphrase protects
/// nothing and is refused.
///
/// Zeroing secrets is best effort in Swift: autoid wipes every buffer it owns (this storage, derived keys,
/// decrypted key bytes, the arrays passphrases are read into), but copies made inside the standard
/// library, Foundation or swift-crypto (array growth, `Data` temporaries) cannot be reached.
public final class Passphrase: Sendable {
    let storage: SecretBytes

    /// Takes the passphrase out of `bytes`, which is zeroed and emptied.
    ///
    /// Throws ``SigningError/Code/emptyPassphrase`` when `bytes` is empty.
    public init(consuming bytes: inout [UInt8], source: String = "passphrase") throws {
        defer { Passphrase.wipe(&bytes) }
        guard !bytes.isEmpty else {
            throw SigningError(.emptyPassphrase, source: source, detail: "the passphrase is empty; an empty passphrase protects nothing")
        }
        storage = bytes.withUnsafeBytes { source in
            SecretBytes(count: source.count) { $0.copyMemory(from: source) }
        }
    }

    /// The passphrase's length in bytes.
    public var count: Int { storage.count }

    /// Compares two passphrases (for "type it again" prompts).
    public func matches(_ other: Passphrase) -> Bool {
        storage.withUnsafeBytes { a in other.storage.withUnsafeBytes { b in a.elementsEqual(b) } }
    }

    /// Reads the bytes; the buffer is valid only inside `body`. Never copy it out.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    /// Overwrites every byte of `bytes` with zero, then empties it.
    public static func wipe(_ bytes: inout [UInt8]) {
        // sodium_memzero, because the optimiser may drop plain stores to memory about to be freed.
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { sodium_memzero(base, buffer.count) }
        }
        bytes.removeAll()
    }
}
