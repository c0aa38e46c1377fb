/// How a private key file is protected with a passphrase: PKCS#5 PBES2 (RFC 8018) with a key derivation
/// function and AES-CBC, inside a PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5958).
///
/// What autoid writes is ``standard``; it reads every combination listed here, within ``Limits``.
public struct KeyProtection: Sendable, Equatable {
    /// The password-based key derivation function.
    public enum KeyDerivation: Sendable, Equatable {
        /// scrypt (RFC 7914): `costLog2` is log2 of N; memory is 128 * blockSize * N bytes.
        case scrypt(costLog2: Int, blockSize: Int, parallelism: Int)
        /// PBKDF2 (RFC 8018) with HMAC and the given digest.
        case pbkdf2(iterations: Int, digest: PRF)
    }

    /// The pseudo-random function of PBKDF2.
    public enum PRF: String, Sendable, Equatable, CaseIterable {
        case hmacSHA1 = "hmacWithSHA1"
        case hmacSHA256 = "hmacWithSHA256"
        case hmacSHA384 = "hmacWithSHA384"
        case hmacSHA512 = "hmacWithSHA512"
    }

    public var keyDerivation: KeyDerivation
    /// The AES key size in bytes: 16, 24 or 32 (AES-128/192/256-CBC). autoid writes 32.
    public var aesKeyByteCount: Int

    public init(keyDerivation: KeyDerivation, aesKeyByteCount: Int = 32) {
        self.keyDerivation = keyDerivation
        self.aesKeyByteCount = aesKeyByteCount
    }

    /// What autoid writes: scrypt with N = 2^14, r = 8, p = 8, a 16-byte salt, and AES-256-CBC.
    ///
    /// N = 2^14 with r = 8 needs 16 MiB, the largest scrypt memory cost OpenSSL 3 opens in a PBES2 key (it
    /// spends at most 32 MiB, which N = 2^15 already exceeds), so `openssl pkey` reads these files. p = 8
    /// raises the work without more memory, past OWASP's minimum for that memory (p = 5, which it rates
    /// equal to N = 2^17, p = 1): about 0.2 to 0.3 seconds on one current server core. See autoid-key(5).
    public static let standard = KeyProtection(keyDerivation: .scrypt(costLog2: 14, blockSize: 8, parallelism: 8))

    /// The most work and memory autoid spends on opening a key file, so that a hostile file cannot make it
    /// run for hours or exhaust memory.
    public enum Limits {
        /// scrypt memory, 128 * r * N bytes: 1 GiB.
        public static let scryptMemory = 1 << 30
        /// scrypt work, N * r * p: 2^26 (N = 2^20, r = 8, p = 8).
        public static let scryptWork = 1 << 26
        /// PBKDF2 iterations: ten million (several seconds).
        public static let pbkdf2Iterations = 10_000_000
        /// Salt length in bytes.
        public static let saltLength = 1...1024
    }
}
