import AutoIDHashing
internal import CSodium
import Crypto
import CryptoExtras
import FoundationEssentials
import SwiftASN1

/// A PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5958) with PBES2 (RFC 8018): the passphrase-protected
/// private key container that OpenSSL writes and reads.
///
/// ```
/// EncryptedPrivateKeyInfo ::= SEQUENCE {
///   encryptionAlgorithm  AlgorithmIdentifier { id-PBES2, PBES2-params },
///   encryptedData        OCTET STRING }              -- AES-CBC of the DER PKCS#8 key, PKCS#7 padding
/// PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
/// scrypt-params ::= SEQUENCE { salt OCTET STRING, costParameter INTEGER, blockSize INTEGER,
///                              parallelizationParameter INTEGER, keyLength INTEGER OPTIONAL }   -- RFC 7914
/// PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL,
///                              prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
/// aes-CBC parameters: the 16-byte IV as an OCTET STRING
/// ```
///
/// Parsing checks the whole structure and the cost limits before any passphrase is asked for, so a
/// damaged or unsupported file is reported as such, not as a wrong passphrase.
struct EncryptedKey {
    var protection: KeyProtection
    var salt: [UInt8]
    var iv: [UInt8]
    var ciphertext: [UInt8]

    init(protection: KeyProtection, salt: [UInt8], iv: [UInt8], ciphertext: [UInt8]) {
        self.protection = protection
        self.salt = salt
        self.iv = iv
        self.ciphertext = ciphertext
    }

    // MARK: Object identifiers

    static let pbes2: ASN1ObjectIdentifier = "1.2.840.113549.1.5.13"
    static let scrypt: ASN1ObjectIdentifier = "1.3.6.1.4.1.11591.4.11"
    static let pbkdf2: ASN1ObjectIdentifier = "1.2.840.113549.1.5.12"
    static let prfs: [ASN1ObjectIdentifier: KeyProtection.PRF] = [
        "1.2.840.113549.2.7": .hmacSHA1, "1.2.840.113549.2.9": .hmacSHA256,
        "1.2.840.113549.2.10": .hmacSHA384, "1.2.840.113549.2.11": .hmacSHA512,
    ]
    static let aesCBC: [ASN1ObjectIdentifier: Int] = [
        "2.16.840.1.101.3.4.1.2": 16, "2.16.840.1.101.3.4.1.22": 24, "2.16.840.1.101.3.4.1.42": 32,
    ]

    /// Names of schemes we do not implement, so that a refusal says exactly what the file uses.
    static let knownNames: [ASN1ObjectIdentifier: String] = [
        "1.2.840.113549.1.5.3": "PBES1 pbeWithMD5AndDES-CBC",
        "1.2.840.113549.1.5.6": "PBES1 pbeWithMD5AndRC2-CBC",
        "1.2.840.113549.1.5.10": "PBES1 pbeWithSHA1AndDES-CBC",
        "1.2.840.113549.1.5.11": "PBES1 pbeWithSHA1AndRC2-CBC",
        "1.2.840.113549.1.12.1.1": "PKCS#12 pbeWithSHAAnd128BitRC4",
        "1.2.840.113549.1.12.1.3": "PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.6": "PKCS#12 pbeWithSHAAnd40BitRC2-CBC",
        "1.2.840.113549.3.7": "des-ede3-cbc",
        "1.3.14.3.2.7": "des-cbc",
        "1.2.840.113549.3.2": "rc2-cbc",
        "2.16.840.1.101.3.4.1.6": "aes-128-gcm",
        "2.16.840.1.101.3.4.1.46": "aes-256-gcm",
        "2.16.840.1.101.3.4.1.4": "aes-128-cfb",
        "2.16.840.1.101.3.4.1.44": "aes-256-cfb",
        "1.2.392.200011.61.1.1.1.4": "camellia-256-cbc",
        "1.2.410.200004.1.4": "seed-cbc",
        "1.2.643.7.1.1.4.1": "HMAC GOST R 34.11-2012 256-bit",
        "1.2.840.113549.2.5": "hmacWithMD5",
        "1.2.840.113549.2.8": "hmacWithSHA224",
        "1.2.840.113549.2.12": "hmacWithSHA512-224",
        "1.2.840.113549.2.13": "hmacWithSHA512-256",
    ]

    static func name(_ oid: ASN1ObjectIdentifier) -> String {
        if let known = knownNames[oid] { return "\(known) (\(oid))" }
        return "\(oid)"
    }

    // MARK: Encrypting

    /// Encrypts `plaintext` (a DER PKCS#8 key) under `passphrase` with fresh random salt and IV.
    static func encrypt(
        _ plaintext: UnsafeRawBufferPointer, passphrase: Passphrase, protection: KeyProtection
    ) throws -> EncryptedKey {
        Sodium.initialize()
        var salt = [UInt8](repeating: 0, count: 16)
        var iv = [UInt8](repeating: 0, count: 16)
        randombytes_buf(&salt, salt.count)
        randombytes_buf(&iv, iv.count)
        let key = try deriveKey(passphrase: passphrase, salt: salt, protection: protection, source: "new key")
        let ciphertext = try key.withUnsafeBytes { keyBytes in
            try AES._CBC.encrypt(plaintext, using: SymmetricKey(data: keyBytes), iv: AES._CBC.IV(ivBytes: iv))
        }
        return EncryptedKey(protection: protection, salt: salt, iv: iv, ciphertext: Array(ciphertext))
    }

    /// The DER `EncryptedPrivateKeyInfo`.
    func serialized() -> [UInt8] {
        var serializer = DER.Serializer()
        try! serializer.appendConstructedNode(identifier: .sequence) { info in
            try info.appendConstructedNode(identifier: .sequence) { algorithm in
                try algorithm.serialize(Self.pbes2)
                try algorithm.appendConstructedNode(identifier: .sequence) { parameters in
                    try parameters.appendConstructedNode(identifier: .sequence) { kdf in
                        switch protection.keyDerivation {
                        case .scrypt(let costLog2, let blockSize, let parallelism):
                            try kdf.serialize(Self.scrypt)
                            try kdf.appendConstructedNode(identifier: .sequence) { values in
                                try values.serialize(ASN1OctetString(contentBytes: ArraySlice(salt)))
                                try values.serialize(1 << costLog2)
                                try values.serialize(blockSize)
                                try values.serialize(parallelism)
                            }
                        case .pbkdf2(let iterations, let prf):
                            try kdf.serialize(Self.pbkdf2)
                            try kdf.appendConstructedNode(identifier: .sequence) { values in
                                try values.serialize(ASN1OctetString(contentBytes: ArraySlice(salt)))
                                try values.serialize(iterations)
                                if prf != .hmacSHA1 {  // the DEFAULT is left out, as DER requires
                                    try values.appendConstructedNode(identifier: .sequence) { identifier in
                                        try identifier.serialize(Self.prfs.first { $0.value == prf }!.key)
                                        try identifier.serialize(ASN1Null())
                                    }
                                }
                            }
                        }
                    }
                    try parameters.appendConstructedNode(identifier: .sequence) { cipher in
                        try cipher.serialize(Self.aesCBC.first { $0.value == protection.aesKeyByteCount }!.key)
                        try cipher.serialize(ASN1OctetString(contentBytes: ArraySlice(iv)))
                    }
                }
            }
            try info.serialize(ASN1OctetString(contentBytes: ArraySlice(ciphertext)))
        }
        return serializer.serializedBytes
    }

    // MARK: Parsing

    /// Parses and checks an `EncryptedPrivateKeyInfo` without decrypting it.
    init(der: [UInt8], source: String) throws {
        do {
            let root = try DER.parse(der)
            self = try DER.sequence(root, identifier: .sequence) { (nodes: inout ASN1NodeCollection.Iterator) -> EncryptedKey in
                let (scheme, schemeParameters) = try Self.algorithm(&nodes)
                guard scheme == Self.pbes2 else {
                    throw SigningError(
                        .unsupportedEncryption, source: source,
                        detail: "the key is encrypted with \(Self.name(scheme)); autoid reads PBES2 "
                            + "(re-encrypt it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc -scrypt')")
                }
                guard let schemeParameters else { throw Self.damaged("PBES2 without parameters") }
                let parsed = try DER.sequence(schemeParameters, identifier: .sequence) {
                    (inner: inout ASN1NodeCollection.Iterator) -> ((ASN1ObjectIdentifier, ASN1Node?), (ASN1ObjectIdentifier, ASN1Node?)) in
                    let kdf = try Self.algorithm(&inner)
                    let cipher = try Self.algorithm(&inner)
                    return (kdf, cipher)
                }
                let encrypted = try ASN1OctetString(derEncoded: &nodes)
                return try EncryptedKey(
                    kdf: parsed.0, cipher: parsed.1, ciphertext: Array(encrypted.bytes), source: source)
            }
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError(
                .malformedKey, source: source, detail: "not a valid encrypted PKCS#8 private key (\(KeyEncoding.describe(error)))")
        }
    }

    private init(
        kdf: (ASN1ObjectIdentifier, ASN1Node?), cipher: (ASN1ObjectIdentifier, ASN1Node?), ciphertext: [UInt8],
        source: String
    ) throws {
        guard let aesKeyByteCount = Self.aesCBC[cipher.0] else {
            throw SigningError(
                .unsupportedEncryption, source: source,
                detail: "the key is encrypted with the cipher \(Self.name(cipher.0)); autoid reads AES-128/192/256-CBC")
        }
        guard let ivNode = cipher.1 else { throw Self.damaged("AES-CBC without an IV") }
        let iv = try ASN1OctetString(derEncoded: ivNode)
        guard iv.bytes.count == 16 else { throw Self.damaged("an AES-CBC IV of \(iv.bytes.count) bytes") }
        guard !ciphertext.isEmpty, ciphertext.count % 16 == 0 else {
            throw SigningError(
                .malformedKey, source: source,
                detail: "the encrypted key is \(ciphertext.count) bytes, not whole AES blocks: the file is damaged")
        }
        guard let kdfParameters = kdf.1 else { throw Self.damaged("a key derivation function without parameters") }

        var keyLength: Int?
        let salt: ArraySlice<UInt8>
        let derivation: KeyProtection.KeyDerivation
        switch kdf.0 {
        case Self.scrypt:
            let values = try DER.sequence(kdfParameters, identifier: .sequence) { nodes in
                let salt = try ASN1OctetString(derEncoded: &nodes)
                let n = try Int(derEncoded: &nodes)
                let r = try Int(derEncoded: &nodes)
                let p = try Int(derEncoded: &nodes)
                let length: Int? = try DER.optionalImplicitlyTagged(&nodes)
                return (salt.bytes, n, r, p, length)
            }
            let (n, r, p) = (values.1, values.2, values.3)
            salt = values.0
            keyLength = values.4
            let costLog2 = n.trailingZeroBitCount
            guard n > 1, n.nonzeroBitCount == 1, r >= 1, p >= 1 else {
                throw SigningError(
                    .malformedKey, source: source,
                    detail: "invalid scrypt parameters N=\(n), r=\(r), p=\(p) (N must be a power of two): the file is damaged")
            }
            let (memory, overflowM) = (128 * r).multipliedReportingOverflow(by: n)
            let (work, overflowW) = n.multipliedReportingOverflow(by: r)
            let (totalWork, overflowT) = work.multipliedReportingOverflow(by: p)
            guard !overflowM, !overflowW, !overflowT, memory <= KeyProtection.Limits.scryptMemory,
                totalWork <= KeyProtection.Limits.scryptWork
            else {
                throw SigningError(
                    .unsupportedEncryption, source: source,
                    detail: "scrypt with N=2^\(costLog2), r=\(r), p=\(p) is beyond autoid's limits "
                        + "(1 GiB of memory, N*r*p up to 2^26): the file is damaged or was made with extreme settings")
            }
            derivation = .scrypt(costLog2: costLog2, blockSize: r, parallelism: p)
        case Self.pbkdf2:
            let values = try DER.sequence(kdfParameters, identifier: .sequence) { nodes in
                guard let saltNode = nodes.next() else { throw Self.damaged("PBKDF2 without a salt") }
                guard saltNode.identifier == .octetString else {
                    throw SigningError(
                        .unsupportedEncryption, source: source,
                        detail: "PBKDF2 with a salt from another source (not an OCTET STRING) is not supported")
                }
                let salt = try ASN1OctetString(derEncoded: saltNode)
                let iterations = try Int(derEncoded: &nodes)
                let length: Int? = try DER.optionalImplicitlyTagged(&nodes)
                var prf = KeyProtection.PRF.hmacSHA1
                if let prfNode = nodes.next() {
                    let (oid, parameters) = try DER.sequence(prfNode, identifier: .sequence) { inner in
                        try Self.algorithmBody(&inner)
                    }
                    if let parameters, parameters.identifier != .null { throw Self.damaged("HMAC parameters that are not NULL") }
                    guard let known = Self.prfs[oid] else {
                        throw SigningError(
                            .unsupportedEncryption, source: source,
                            detail: "PBKDF2 with \(Self.name(oid)) is not supported; autoid reads hmacWithSHA1/256/384/512")
                    }
                    prf = known
                }
                return (salt.bytes, iterations, length, prf)
            }
            salt = values.0
            keyLength = values.2
            guard values.1 >= 1 else {
                throw SigningError(.malformedKey, source: source, detail: "PBKDF2 with \(values.1) iterations: the file is damaged")
            }
            guard values.1 <= KeyProtection.Limits.pbkdf2Iterations else {
                throw SigningError(
                    .unsupportedEncryption, source: source,
                    detail: "PBKDF2 with \(values.1) iterations is beyond autoid's limit of "
                        + "\(KeyProtection.Limits.pbkdf2Iterations): the file is damaged or was made with extreme settings")
            }
            derivation = .pbkdf2(iterations: values.1, digest: values.3)
        default:
            throw SigningError(
                .unsupportedEncryption, source: source,
                detail: "the key derivation function \(Self.name(kdf.0)) is not supported; autoid reads scrypt and PBKDF2")
        }
        guard KeyProtection.Limits.saltLength.contains(salt.count) else {
            throw Self.damaged("a salt of \(salt.count) bytes")
        }
        if let keyLength, keyLength != aesKeyByteCount {
            throw Self.damaged("a key length of \(keyLength) bytes for a \(aesKeyByteCount * 8)-bit AES key")
        }
        self.protection = KeyProtection(keyDerivation: derivation, aesKeyByteCount: aesKeyByteCount)
        self.salt = Array(salt)
        self.iv = Array(iv.bytes)
        self.ciphertext = ciphertext
    }

    /// A structural problem, reported as a damaged file by the caller.
    private static func damaged(_ what: String) -> ASN1Error {
        ASN1Error.invalidASN1Object(reason: what)
    }

    /// Reads an AlgorithmIdentifier node: the OID and the parameters node, if any.
    private static func algorithm(_ nodes: inout ASN1NodeCollection.Iterator) throws -> (ASN1ObjectIdentifier, ASN1Node?) {
        guard let node = nodes.next() else { throw damaged("a missing algorithm identifier") }
        return try DER.sequence(node, identifier: .sequence) { try algorithmBody(&$0) }
    }

    private static func algorithmBody(_ inner: inout ASN1NodeCollection.Iterator) throws -> (ASN1ObjectIdentifier, ASN1Node?) {
        let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
        return (oid, inner.next())
    }

    // MARK: Decrypting

    /// Decrypts the key; hands `body` the plaintext DER, which is wiped afterwards.
    ///
    /// A wrong passphrase almost always shows as bad padding; the rare garbage that pads correctly fails
    /// as PKCS#8 in `body`, which the caller reports the same way.
    func decrypt<R>(
        passphrase: Passphrase, source: String, _ body: (inout [UInt8]) throws -> R
    ) throws -> R {
        let key = try Self.deriveKey(passphrase: passphrase, salt: salt, protection: protection, source: source)
        var plaintext: [UInt8]
        do {
            var data = try key.withUnsafeBytes { keyBytes in
                try AES._CBC.decrypt(ciphertext, using: SymmetricKey(data: keyBytes), iv: AES._CBC.IV(ivBytes: iv))
            }
            plaintext = Array(data)
            data.resetBytes(in: 0..<data.count)
        } catch {
            throw SigningError.wrongPassphrase(source: source)
        }
        defer { Passphrase.wipe(&plaintext) }
        return try body(&plaintext)
    }

    /// Runs the key derivation function into guarded memory.
    static func deriveKey(
        passphrase: Passphrase, salt: [UInt8], protection: KeyProtection, source: String
    ) throws -> SecretBytes {
        let count = protection.aesKeyByteCount
        switch protection.keyDerivation {
        case .scrypt(let costLog2, let blockSize, let parallelism):
            var status: Int32 = 0
            let key = SecretBytes(count: count) { output in
                status = passphrase.withUnsafeBytes { password in
                    crypto_pwhash_scryptsalsa208sha256_ll(
                        password.baseAddress!.assumingMemoryBound(to: UInt8.self), password.count,
                        salt, salt.count, UInt64(1) << UInt64(costLog2), UInt32(blockSize), UInt32(parallelism),
                        output.baseAddress!.assumingMemoryBound(to: UInt8.self), output.count)
                }
            }
            guard status == 0 else {
                throw SigningError(
                    .unsupportedEncryption, source: source,
                    detail: "scrypt failed with N=2^\(costLog2), r=\(blockSize), p=\(parallelism) (not enough memory?)")
            }
            return key
        case .pbkdf2(let iterations, let prf):
            let hash: KDF.Insecure.PBKDF2.HashFunction
            switch prf {
            case .hmacSHA1: hash = .insecureSHA1
            case .hmacSHA256: hash = .sha256
            case .hmacSHA384: hash = .sha384
            case .hmacSHA512: hash = .sha512
            }
            let derived = try passphrase.withUnsafeBytes { password in
                try KDF.Insecure.PBKDF2.deriveKey(
                    from: password, salt: salt, using: hash, outputByteCount: count, unsafeUncheckedRounds: iterations)
            }
            return derived.withUnsafeBytes { bytes in SecretBytes(count: count) { $0.copyMemory(from: bytes) } }
        }
    }
}
