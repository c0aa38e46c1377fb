import AutoIDHashing
internal import CSodium

/// A minisign secret key: the key id and the Ed25519 private key, read from and written to minisign's
/// `.key` format, plain or scrypt-encrypted.
///
/// Layout (158 bytes, base64 on the line after `untrusted comment:`):
/// `"Ed" kdf[2] "B2" salt[32] opslimit[8 LE] memlimit[8 LE] keyid[8] sk[64] checksum[32]`, where `kdf` is
/// `"Sc"` (scryptsalsa208sha256: the last 104 bytes are XORed with scrypt(passphrase, salt) stretched to
/// 104 bytes) or two zero bytes (not encrypted), `sk` is libsodium's secret key (seed, then public key)
/// and the checksum is BLAKE2b-256 of `"Ed" || keyid || sk`. minisign 0.11 writes an all-zero checksum in
/// keys made without a passphrase (`-W`); those are accepted, since the seed is still checked against the
/// public key stored beside it.
public struct MinisignSecretKey: Sendable {
    public var keyID: [UInt8]
    public var privateKey: Ed25519PrivateKey

    public init(keyID: [UInt8], privateKey: Ed25519PrivateKey) {
        precondition(keyID.count == 8, "a minisign key id is 8 bytes")
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// A PEM key given a minisign identity: the key id autoid derives from the public key
    /// (``MinisignPublicKey/init(converting:)``).
    public init(converting key: Ed25519PrivateKey) {
        self.init(keyID: MinisignPublicKey(converting: key.publicKey).keyID, privateKey: key)
    }

    /// The matching public key, with the same key id.
    public var publicKey: MinisignPublicKey { MinisignPublicKey(keyID: keyID, key: privateKey.publicKey) }

    static let byteCount = 158
    /// What minisign -G writes: scrypt's "sensitive" limits, 2^25 operations and 1 GiB of memory.
    public static let defaultOpsLimit: UInt64 = 1 << 25
    public static let defaultMemLimit: UInt64 = 1 << 30

    /// Tells whether `bytes` look like a minisign secret key file (for commands that take either format).
    public static func looksLikeKeyFile(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array(MinisignText.untrustedPrefix.utf8))
    }

    // MARK: Reading

    /// Parses a minisign secret key file; `passphrase` is asked only when the key is encrypted.
    ///
    /// Throws ``SigningError``: `.malformedKey` for anything not a minisign key, `.unsupportedEncryption`
    /// for another KDF or checksum, or scrypt limits beyond ``KeyProtection/Limits`` (a hostile file could
    /// otherwise demand any amount of memory and time), `.encryptedKey` without a passphrase and
    /// `.wrongPassphrase` when the checksum does not match after decryption.
    public init(fileBytes: [UInt8], source: String, passphrase: (() throws -> Passphrase)?) throws {
        if let (lines, _) = MinisignText.lines(fileBytes.prefix(MinisignPublicKey.sizeLimit), count: 2), lines.count == 2,
            MinisignText.decode(lines[1], count: 42) != nil
        {
            throw SigningError(.wrongKeyKind, source: source, detail: "this is a minisign public key; signing needs the secret key (.key)")
        }
        guard fileBytes.count <= MinisignPublicKey.sizeLimit,
            let (lines, _) = MinisignText.lines(fileBytes[...], count: 2), lines.count == 2,
            lines[0].hasPrefix(MinisignText.untrustedPrefix), lines[0].utf8.count <= MinisignText.commentLimit,
            var raw = MinisignText.decode(lines[1], count: Self.byteCount)
        else {
            throw SigningError(
                .malformedKey, source: source,
                detail: "not a minisign secret key (expected an 'untrusted comment:' line, then 158 bytes in base64, as minisign -G writes)")
        }
        defer { Passphrase.wipe(&raw) }
        guard raw[0] == UInt8(ascii: "E"), raw[1] == UInt8(ascii: "d") else {
            throw SigningError(
                .unsupportedKeyType, source: source,
                detail: "the key's algorithm is '\(MinisignPublicKey.algorithmText(raw[0..<2]))', not 'Ed' (Ed25519)")
        }
        guard raw[4] == UInt8(ascii: "B"), raw[5] == UInt8(ascii: "2") else {
            throw SigningError(
                .unsupportedEncryption, source: source,
                detail: "checksum algorithm '\(MinisignPublicKey.algorithmText(raw[4..<6]))' is not 'B2' (BLAKE2b), the one minisign uses")
        }
        let encrypted: Bool
        switch (raw[2], raw[3]) {
        case (UInt8(ascii: "S"), UInt8(ascii: "c")): encrypted = true
        case (0, 0): encrypted = false
        default:
            throw SigningError(
                .unsupportedEncryption, source: source,
                detail: "key derivation '\(MinisignPublicKey.algorithmText(raw[2..<4]))' is neither 'Sc' (scrypt) nor none")
        }
        if encrypted {
            let opsLimit = Self.littleEndian(raw[38..<46])
            let memLimit = Self.littleEndian(raw[46..<54])
            let parameters = try ScryptParameters(opsLimit: opsLimit, memLimit: memLimit, source: source)
            guard let passphrase else {
                throw SigningError(.encryptedKey, source: source, detail: "this minisign key is encrypted; give its passphrase")
            }
            var stream = try parameters.derive(passphrase: try passphrase(), salt: Array(raw[6..<38]), count: 104, source: source)
            defer { Passphrase.wipe(&stream) }
            for index in 0..<104 { raw[54 + index] ^= stream[index] }
        }
        let keyID = Array(raw[54..<62])
        let checksum = Array(raw[126..<158])
        var expected = Self.checksum(keyID: keyID, secret: raw[62..<126])
        defer { Passphrase.wipe(&expected) }
        let checksumMatches = checksum == expected || (!encrypted && checksum.allSatisfy { $0 == 0 })
        guard checksumMatches else {
            if encrypted { throw SigningError.wrongPassphrase(source: source) }
            throw SigningError(.malformedKey, source: source, detail: "the key's checksum does not match: the file is damaged")
        }
        let key = try Ed25519PrivateKey(seed: raw[62..<94], source: source)
        guard key.publicKey.rawRepresentation.elementsEqual(raw[94..<126]) else {
            if encrypted { throw SigningError.wrongPassphrase(source: source) }
            throw SigningError(.malformedKey, source: source, detail: "the public half stored in the key does not match its seed: the file is damaged")
        }
        self.init(keyID: keyID, privateKey: key)
    }

    // MARK: Writing

    /// The key file, as minisign -G writes it: encrypted with `passphrase` (fresh salt, the given
    /// limits), or, without one, unencrypted as `minisign -G -W` does (with the real checksum).
    public func fileBytes(
        passphrase: Passphrase?, opsLimit: UInt64 = defaultOpsLimit, memLimit: UInt64 = defaultMemLimit
    ) throws -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: Self.byteCount)
        defer { Passphrase.wipe(&raw) }
        raw[0] = UInt8(ascii: "E")
        raw[1] = UInt8(ascii: "d")
        raw[4] = UInt8(ascii: "B")
        raw[5] = UInt8(ascii: "2")
        raw.replaceSubrange(54..<62, with: keyID)
        privateKey.withSeed { seed in raw.replaceSubrange(62..<94, with: seed) }
        raw.replaceSubrange(94..<126, with: privateKey.publicKey.rawRepresentation)
        var checksum = Self.checksum(keyID: keyID, secret: raw[62..<126])
        defer { Passphrase.wipe(&checksum) }
        raw.replaceSubrange(126..<158, with: checksum)
        if let passphrase {
            raw[2] = UInt8(ascii: "S")
            raw[3] = UInt8(ascii: "c")
            var salt = [UInt8](repeating: 0, count: 32)
            salt.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, 32) }
            raw.replaceSubrange(6..<38, with: salt)
            raw.replaceSubrange(38..<46, with: Self.littleEndianBytes(opsLimit))
            raw.replaceSubrange(46..<54, with: Self.littleEndianBytes(memLimit))
            let parameters = try ScryptParameters(opsLimit: opsLimit, memLimit: memLimit, source: "new key")
            var stream = try parameters.derive(passphrase: passphrase, salt: salt, count: 104, source: "new key")
            defer { Passphrase.wipe(&stream) }
            for index in 0..<104 { raw[54 + index] ^= stream[index] }
        }
        var line = Array("\(MinisignText.untrustedPrefix)minisign encrypted secret key\n".utf8)
        line += Array(Base64.encode(raw).utf8)
        line.append(0x0a)
        return line
    }

    // MARK: Helpers

    /// BLAKE2b-256 of `"Ed" || keyid || sk`.
    static func checksum(keyID: [UInt8], secret: ArraySlice<UInt8>) -> [UInt8] {
        var hasher = BLAKE2b(outputByteCount: 32)
        hasher.update(Array("Ed".utf8))
        hasher.update(keyID)
        var copy = Array(secret)
        defer { Passphrase.wipe(&copy) }
        hasher.update(copy)
        return hasher.finalize()
    }

    static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func littleEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}

/// scrypt's N, r and p from libsodium's `opslimit` and `memlimit`, as libsodium's
/// `crypto_pwhash_scryptsalsa208sha256` picks them (its `pickparams`), which is how minisign stores
/// its key derivation: only the two limits are in the file.
struct ScryptParameters: Equatable {
    var costLog2: Int
    var blockSize: UInt32
    var parallelism: UInt32

    /// Picks N, r, p from the limits, refusing any that would exceed autoid's scrypt limits
    /// (``KeyProtection/Limits``: 1 GiB of memory, N*r*p up to 2^26) before anything is allocated.
    init(opsLimit: UInt64, memLimit: UInt64, source: String) throws {
        let ops = max(opsLimit, 32768)
        let r: UInt64 = 8
        var nLog2: UInt64 = 1
        var p: UInt64
        if ops < memLimit / 32 {
            p = 1
            let maxN = ops / (r * 4)
            while nLog2 < 63, (UInt64(1) << nLog2) <= maxN / 2 { nLog2 += 1 }
        } else {
            let maxN = memLimit / (r * 128)
            while nLog2 < 63, (UInt64(1) << nLog2) <= maxN / 2 { nLog2 += 1 }
            let maxRP = min((ops / 4) / (UInt64(1) << nLog2), 0x3fff_ffff)
            p = maxRP / r
        }
        let limits = "opslimit \(opsLimit) and memlimit \(memLimit)"
        guard p >= 1 else {
            throw SigningError(.malformedKey, source: source, detail: "scrypt \(limits) give no valid parameters: the file is damaged")
        }
        // Compare in log2 first so that the products below cannot overflow.
        let memoryLog2 = nLog2 + 10  // 128 * r = 1024 bytes per unit of N
        let memoryLimitLog2 = UInt64(KeyProtection.Limits.scryptMemory.trailingZeroBitCount)
        let workLimit = UInt64(KeyProtection.Limits.scryptWork)
        guard memoryLog2 <= memoryLimitLog2, nLog2 + 3 < 40, (UInt64(1) << nLog2) * r * p <= workLimit else {
            throw SigningError(
                .unsupportedEncryption, source: source,
                detail: "scrypt with \(limits) (N=2^\(nLog2), r=\(r), p=\(p)) is beyond autoid's limits "
                    + "(1 GiB of memory, N*r*p up to 2^26): the file is damaged or hostile")
        }
        costLog2 = Int(nLog2)
        blockSize = UInt32(r)
        parallelism = UInt32(p)
    }

    /// scrypt(passphrase, salt) stretched to `count` bytes, with libsodium's
    /// `crypto_pwhash_scryptsalsa208sha256_ll`.
    func derive(passphrase: Passphrase, salt: [UInt8], count: Int, source: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let result = passphrase.withUnsafeBytes { password in
            salt.withUnsafeBufferPointer { salt in
                out.withUnsafeMutableBufferPointer { out in
                    crypto_pwhash_scryptsalsa208sha256_ll(
                        password.baseAddress!.assumingMemoryBound(to: UInt8.self), password.count,
                        salt.baseAddress!, salt.count, UInt64(1) << UInt64(costLog2), blockSize, parallelism,
                        out.baseAddress!, out.count)
                }
            }
        }
        guard result == 0 else {
            Passphrase.wipe(&out)
            throw SigningError(.unsupportedEncryption, source: source, detail: "scrypt could not run (out of memory?)")
        }
        return out
    }
}
