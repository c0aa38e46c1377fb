import SwiftASN1

/// Ed25519 keys in the standard containers OpenSSL and every X.509 stack use:
/// PKCS#8 `OneAsymmetricKey` (RFC 5958, RFC 8410) for private keys and `SubjectPublicKeyInfo`
/// (RFC 5280, RFC 8410) for public keys, each as DER or PEM.
///
/// Passphrase-protected keys use the standard `ENCRYPTED PRIVATE KEY` PEM (PKCS#8 `EncryptedPrivateKeyInfo`
/// with PBES2), so protected and plain files share one format family and OpenSSL reads both.
public enum KeyEncoding {
    /// id-Ed25519 (RFC 8410).
    static let ed25519 = ASN1ObjectIdentifier(stringLiteral: "1.3.101.112")

    /// Names of key algorithms we recognise only to say precisely why we refuse them.
    static let knownAlgorithms: [ASN1ObjectIdentifier: String] = [
        "1.3.101.110": "X25519",
        "1.3.101.111": "X448",
        "1.3.101.113": "Ed448",
        "1.2.840.113549.1.1.1": "RSA",
        "1.2.840.10045.2.1": "EC (ECDSA)",
        "1.2.840.10040.4.1": "DSA",
    ]

    // MARK: Encoding

    /// The DER `SubjectPublicKeyInfo` of `key`.
    public static func subjectPublicKeyInfo(for key: Ed25519PublicKey) -> [UInt8] {
        var serializer = DER.Serializer()
        try! serializer.appendConstructedNode(identifier: .sequence) { spki in
            try spki.appendConstructedNode(identifier: .sequence) { algorithm in
                try algorithm.serialize(ed25519)
            }
            try spki.serialize(ASN1BitString(bytes: ArraySlice(key.rawRepresentation)))
        }
        return serializer.serializedBytes
    }

    /// The PEM (`PUBLIC KEY`) form of `key`, as `openssl pkey -pubout` writes it.
    public static func pem(for key: Ed25519PublicKey) -> String {
        PEMDocument(type: "PUBLIC KEY", derBytes: subjectPublicKeyInfo(for: key)).pemString + "\n"
    }

    /// The PEM (`PRIVATE KEY`) form of `key`: PKCS#8 version 1 with the 32-byte seed, byte for byte what
    /// `openssl genpkey -algorithm ed25519` writes.
    public static func pem(for key: Ed25519PrivateKey) -> String {
        withPrivateKeyInfo(key) { PEMDocument(type: "PRIVATE KEY", derBytes: $0).pemString + "\n" }
    }

    /// The PEM (`ENCRYPTED PRIVATE KEY`) form of `key` protected by `passphrase`, with
    /// ``KeyProtection/standard``: PBES2, scrypt, AES-256-CBC, fresh salt and IV (see autoid-key(5)).
    /// `openssl pkey -passin` opens it.
    public static func pem(for key: Ed25519PrivateKey, passphrase: Passphrase) throws -> String {
        try pem(for: key, passphrase: passphrase, protection: .standard)
    }

    /// As ``pem(for:passphrase:)`` with other parameters; tests use it for cheap key derivation.
    static func pem(for key: Ed25519PrivateKey, passphrase: Passphrase, protection: KeyProtection) throws -> String {
        let encrypted = try withPrivateKeyInfo(key) { der in
            try der.withUnsafeBytes { try EncryptedKey.encrypt($0, passphrase: passphrase, protection: protection) }
        }
        return PEMDocument(type: "ENCRYPTED PRIVATE KEY", derBytes: encrypted.serialized()).pemString + "\n"
    }

    /// Calls `body` with the DER PKCS#8 of `key` (version 1, no public key), wiped afterwards.
    private static func withPrivateKeyInfo<R>(_ key: Ed25519PrivateKey, _ body: ([UInt8]) throws -> R) rethrows -> R {
        var der: [UInt8] = []
        der.reserveCapacity(48)  // no reallocation, so no stray copy of the seed
        der += [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
        key.withSeed { der.append(contentsOf: $0) }
        defer { Passphrase.wipe(&der) }
        return try body(der)
    }

    // MARK: Decoding

    /// Reads an Ed25519 private key from PEM or DER bytes: PKCS#8, plain or passphrase-protected.
    ///
    /// `passphrase` is called only for an encrypted key, after its structure and parameters have been
    /// checked; without it an encrypted key fails with ``SigningError/Code/encryptedKey``. A passphrase
    /// that does not open the key fails with ``SigningError/Code/wrongPassphrase``.
    public static func privateKey(
        from bytes: [UInt8], source: String, passphrase: (() throws -> Passphrase)? = nil
    ) throws -> Ed25519PrivateKey {
        let (label, der) = try unwrap(bytes, source: source)
        switch label {
        case "PRIVATE KEY":
            return try privateKeyInfo(der, source: source)
        case nil:
            // DER: a plain PrivateKeyInfo starts with its version INTEGER, an encrypted one with a SEQUENCE.
            if let root = try? DER.parse(der), case .constructed(let children) = root.content,
                Self.firstIdentifier(children) == .sequence
            {
                return try decrypt(EncryptedKey(der: der, source: source), source: source, passphrase: passphrase)
            }
            return try privateKeyInfo(der, source: source)
        case "ENCRYPTED PRIVATE KEY":
            return try decrypt(EncryptedKey(der: der, source: source), source: source, passphrase: passphrase)
        case "PUBLIC KEY":
            throw SigningError(
                .wrongKeyKind, source: source,
                detail: "this is a public key; signing needs the private key file (autoid-sign keygen writes both)")
        case let other?:
            throw SigningError(
                .unsupportedKeyType, source: source,
                detail: "a PEM '\(other)' block is not an Ed25519 private key (expected 'PRIVATE KEY')")
        }
    }

    private static func decrypt(
        _ encrypted: EncryptedKey, source: String, passphrase: (() throws -> Passphrase)?
    ) throws -> Ed25519PrivateKey {
        guard let passphrase else {
            throw SigningError(
                .encryptedKey, source: source, detail: "this key is passphrase-protected and no passphrase was given")
        }
        return try encrypted.decrypt(passphrase: passphrase(), source: source) { plaintext in
            do {
                return try privateKeyInfo(plaintext, source: source)
            } catch let error as SigningError where error.code == .malformedKey {
                // Garbage that happened to end in valid padding: a wrong passphrase (or damage).
                throw SigningError.wrongPassphrase(source: source)
            }
        }
    }

    private static func firstIdentifier(_ children: ASN1NodeCollection) -> ASN1Identifier? {
        var iterator = children.makeIterator()
        return iterator.next()?.identifier
    }

    /// Parses a DER PKCS#8 `OneAsymmetricKey` holding an Ed25519 seed.
    private static func privateKeyInfo(_ der: [UInt8], source: String) throws -> Ed25519PrivateKey {
        do {
            let root = try DER.parse(der)
            let (seed, embeddedPublic) = try DER.sequence(root, identifier: .sequence) {
                nodes -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) in
                let version = try Int(derEncoded: &nodes)
                guard version == 0 || version == 1 else {
                    throw SigningError(.malformedKey, source: source, detail: "unknown PKCS#8 version \(version)")
                }
                try readAlgorithm(&nodes, source: source, kind: "private")
                let outer = try ASN1OctetString(derEncoded: &nodes)
                let inner = try ASN1OctetString(derEncoded: outer.bytes)  // a slice of `der`: no copy of the seed
                _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { _ in }
                let publicBits = try DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) {
                    try ASN1BitString(derEncoded: $0, withIdentifier: $0.identifier)
                }
                return (inner.bytes, publicBits?.bytes)
            }
            let key = try Ed25519PrivateKey(seed: seed, source: source)
            if let embeddedPublic, Array(embeddedPublic) != key.publicKey.rawRepresentation {
                throw SigningError(
                    .malformedKey, source: source, detail: "the public key inside the file does not match its private key")
            }
            return key
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError(.malformedKey, source: source, detail: "not a valid PKCS#8 private key (\(describe(error)))")
        }
    }

    /// Reads an Ed25519 public key from PEM or DER bytes (`SubjectPublicKeyInfo`).
    public static func publicKey(from bytes: [UInt8], source: String) throws -> Ed25519PublicKey {
        let (label, der) = try unwrap(bytes, source: source)
        switch label {
        case "PUBLIC KEY", nil:
            break
        case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
            throw SigningError(
                .wrongKeyKind, source: source,
                detail: "this is a private key; verification takes the public key (never hand out the private one)")
        case let other?:
            throw SigningError(
                .unsupportedKeyType, source: source,
                detail: "a PEM '\(other)' block is not an Ed25519 public key (expected 'PUBLIC KEY')")
        }
        do {
            let root = try DER.parse(der)
            let raw = try DER.sequence(root, identifier: .sequence) { nodes -> ArraySlice<UInt8> in
                try readAlgorithm(&nodes, source: source, kind: "public")
                let bits = try ASN1BitString(derEncoded: &nodes)
                guard bits.paddingBits == 0 else {
                    throw SigningError(.malformedKey, source: source, detail: "the key's BIT STRING has padding bits")
                }
                return bits.bytes
            }
            return try Ed25519PublicKey(rawRepresentation: Array(raw), source: source)
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError(.malformedKey, source: source, detail: "not a valid SubjectPublicKeyInfo (\(describe(error)))")
        }
    }

    /// Splits PEM into label and DER; DER input passes through with no label.
    private static func unwrap(_ bytes: [UInt8], source: String) throws -> (label: String?, der: [UInt8]) {
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) else {
            throw SigningError(.malformedKey, source: source, detail: "the key file is empty")
        }
        // Explanatory text before the armour (as 'openssl pkey -text' writes, and OpenSSL reads) is
        // skipped; DER never holds a line starting with "-----BEGIN ".
        var armoured = bytes[...]
        if first != UInt8(ascii: "-") {
            guard let begin = Self.armourStart(bytes) else {
                // DER starts with a SEQUENCE (0x30); anything else is some other file, named as such
                // rather than reported as a truncated structure.
                guard bytes.first != 0x30 else { return (nil, bytes) }
                throw SigningError(.malformedKey, source: source, detail: notAKey(bytes))
            }
            armoured = bytes[begin...]
        }
        guard let text = String(validating: armoured, as: UTF8.self) else {
            throw SigningError(.malformedKey, source: source, detail: "the PEM text is not valid UTF-8")
        }
        do {
            let documents = try PEMDocument.parseMultiple(pemString: text)
            guard documents.count == 1, let document = documents.first else {
                throw SigningError(
                    .malformedKey, source: source,
                    detail: "expected one PEM block, found \(documents.count)")
            }
            return (document.discriminator, document.derBytes)
        } catch let error as SigningError {
            throw error
        } catch {
            throw SigningError(
                .malformedKey, source: source, detail: "the PEM block is damaged or truncated (\(describe(error)))")
        }
    }

    /// What a file that is neither PEM nor DER is, as far as we can tell, and what to do.
    private static func notAKey(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: Array("untrusted comment:".utf8)) {
            return "a minisign or signify key, not an autoid key: convert it with 'autoid-sign convert-key' "
                + "(minisign signatures are checked by 'autoid-verify minisign' as they are)"
        }
        return "not a key file: no PEM block ('-----BEGIN ... KEY-----') and not DER (autoid-sign keygen writes PEM keys)"
    }

    /// Where a line starting with `-----BEGIN ` begins in `bytes`, after other text; `nil` if none does.
    private static func armourStart(_ bytes: [UInt8]) -> Int? {
        let marker = Array("\n-----BEGIN ".utf8)
        guard bytes.count > marker.count else { return nil }
        for index in 0...(bytes.count - marker.count) where bytes[index] == 0x0a && bytes[index..<(index + marker.count)].elementsEqual(marker) {
            return index + 1
        }
        return nil
    }

    /// A decoding error in our words: swift-asn1's descriptions name a source file and line of the
    /// library, which tells a user nothing.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? ASN1Error else { return String(describing: error) }
        switch error.code {
        case .truncatedASN1Field: return "the DER ends in the middle of a field, so it is truncated"
        case .unsupportedFieldLength: return "a DER length is invalid or too large"
        case .unexpectedFieldType: return "a field has an unexpected ASN.1 type"
        case .invalidASN1IntegerEncoding: return "an INTEGER is badly encoded"
        case .invalidPEMDocument: return "the PEM text is damaged"
        case .invalidASN1Object: return "the DER structure is invalid, or bytes follow it"
        case .tooFewOIDComponents: return "an object identifier is invalid"
        default: return "the DER structure is invalid"
        }
    }

    /// Reads an AlgorithmIdentifier and insists on Ed25519 with absent parameters.
    private static func readAlgorithm(
        _ nodes: inout ASN1NodeCollection.Iterator, source: String, kind: String
    ) throws {
        guard let node = nodes.next() else {
            throw SigningError(.malformedKey, source: source, detail: "the key has no algorithm identifier")
        }
        let (oid, hasParameters) = try DER.sequence(node, identifier: .sequence) {
            inner -> (ASN1ObjectIdentifier, Bool) in
            let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
            var hasParameters = false
            while inner.next() != nil { hasParameters = true }
            return (oid, hasParameters)
        }
        guard oid == ed25519 else {
            let name = knownAlgorithms[oid] ?? "algorithm \(oid)"
            throw SigningError(
                .unsupportedKeyType, source: source,
                detail: "this is an \(name) \(kind) key; autoid signs with Ed25519 keys "
                    + "(make one with 'autoid-sign keygen' or 'openssl genpkey -algorithm ed25519')")
        }
        guard !hasParameters else {
            throw SigningError(.malformedKey, source: source, detail: "Ed25519 keys take no algorithm parameters")
        }
    }
}
