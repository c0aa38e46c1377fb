import AutoIDHashing
internal import CSodium

/// An Ed25519 public key made ready to check many signatures: the multiples of the key's point are
/// computed once (``FixedBaseTable``), so each check takes 86 table additions for both products of the
/// verification equation instead of libsodium's some 250 doublings and 80 additions: about 3 times as
/// fast per signature. Building one costs about ten libsodium checks, so it pays from a few dozen
/// signatures (see ``Ed25519SignatureChecker``).
///
/// Accepts exactly the signatures libsodium 1.0.18's `crypto_sign_verify_detached` (not built with
/// `ED25519_COMPAT`) accepts, and this is tested differentially against it: the key must encode a
/// point canonically and not be of small order; S must be below the group order L; R must not be of
/// small order; and the encoding of `[S]B - [k]A`, with k = SHA-512(R ‖ A ‖ M) mod L, must equal R
/// byte for byte (the cofactorless equation, as 1.0.18 checks it).
///
/// Later libsodium versions check differently (ports of its current code show it): they accept when
/// `R - ([S]B - [k]A)` is of small order, which a key with a torsion part makes happen for
/// signatures 1.0.18 rejects, so a table there would reject what libsodium accepts. Where
/// the linked libsodium is not one that checks as 1.0.18 does (``reproducesLinkedLibsodium``), a
/// prepared key builds no table and hands every check to libsodium, so that its verdicts never
/// depend on how many signatures a batch holds.
///
/// Variable time, which is fine: everything it sees is public.
public struct Ed25519PreparedKey: Sendable {
    public let publicKey: Ed25519PublicKey
    /// The multiples of A; `nil` when libsodium rejects every signature under this key.
    private let table: FixedBaseTable?

    public init(_ publicKey: Ed25519PublicKey) {
        Sodium.initialize()
        self.publicKey = publicKey
        guard Self.reproducesLinkedLibsodium else {
            table = nil
            return
        }
        table = publicKey.rawRepresentation.withUnsafeBytes { key -> FixedBaseTable? in
            guard FieldElement.isCanonicalEncoding(key), !EdwardsPoint.hasSmallOrder(key),
                let point = EdwardsPoint(decoding: key)
            else { return nil }
            return FixedBaseTable(point)
        }
    }

    /// False when the key is not one libsodium 1.0.18 checks signatures with (a non-canonical
    /// encoding, a point of small order, or no point at all): then no signature is valid. Meaningful
    /// only where ``reproducesLinkedLibsodium`` holds.
    var acceptsSignatures: Bool { table != nil }

    /// Tells whether `signature` is a valid Ed25519 signature of `message` under this key, as
    /// ``Ed25519PublicKey/isValidSignature(_:for:)`` does.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard Self.reproducesLinkedLibsodium else { return publicKey.isValidSignature(signature, for: message) }
        guard let table, signature.count == 64 else { return false }
        return signature.withUnsafeBytes { signature in
            let r = UnsafeRawBufferPointer(rebasing: signature[0..<32])
            let s = UnsafeRawBufferPointer(rebasing: signature[32..<64])
            guard Self.isBelowGroupOrder(s), !EdwardsPoint.hasSmallOrder(r) else { return false }
            let k = challenge(r: r, message: message)
            let count = FixedBaseTable.digitCount
            return withUnsafeTemporaryAllocation(of: Int8.self, capacity: 2 * count) { digits in
                let sDigits = UnsafeMutableBufferPointer(rebasing: digits[0..<count])
                let kDigits = UnsafeMutableBufferPointer(rebasing: digits[count..<2 * count])
                FixedBaseTable.signedDigits(s, into: sDigits)
                k.withUnsafeBytes { FixedBaseTable.signedDigits($0, into: kDigits) }
                // [S]B - [k]A.
                var point = EdwardsPoint.identity
                FixedBaseTable.base.accumulate(UnsafeBufferPointer(sDigits), negated: false, into: &point)
                table.accumulate(UnsafeBufferPointer(kDigits), negated: true, into: &point)
                return point.encoded.elementsEqual(r)
            }
        }
    }

    /// k = SHA-512(R ‖ A ‖ M) reduced modulo L, 32 bytes little-endian.
    private func challenge(r: UnsafeRawBufferPointer, message: [UInt8]) -> [UInt8] {
        var state = crypto_hash_sha512_state()
        var digest = [UInt8](repeating: 0, count: 64)
        var k = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha512_init(&state)
        crypto_hash_sha512_update(&state, r.baseAddress!, 32)
        crypto_hash_sha512_update(&state, publicKey.rawRepresentation, 32)
        _ = message.withUnsafeBufferPointer { crypto_hash_sha512_update(&state, $0.baseAddress, UInt64($0.count)) }
        crypto_hash_sha512_final(&state, &digest)
        crypto_core_ed25519_scalar_reduce(&k, digest)
        return k
    }

    /// Whether the linked libsodium checks signatures as 1.0.18 does, the rules this type reproduces:
    /// its library version is 1.0.18's (10.3) and it passes ``checksAs1018(_:)``. Computed once;
    /// false when in doubt, which means libsodium's own verdicts. Package-visible for the `ed25519` fuzz
    /// target, which refuses to run where this is false (it would compare libsodium with itself).
    package static let reproducesLinkedLibsodium: Bool = {
        Sodium.initialize()
        guard sodium_library_version_major() == 10, sodium_library_version_minor() == 3 else { return false }
        return checksAs1018 { signature, message, key in
            crypto_sign_verify_detached(signature, message, UInt64(message.count), key) == 0
        }
    }()

    /// Whether `verifies(signature, message, key)` accepts an honest signature and rejects two that
    /// other libsodium builds and versions accept, all made by libsodium from a fixed seed; false
    /// when any step of the probe fails.
    ///
    /// - A signature under a key A + T, T of order 8 (libsodium signs with the public key its secret
    ///   key carries), whose k is not a multiple of 8: 1.0.18 rejects it (R differs from
    ///   `[S]B - [k](A + T)` by k·T); later versions accept it (the difference is of small order).
    /// - The honest signature with S + L for S: 1.0.18 rejects it; a build with `ED25519_COMPAT`,
    ///   which only asks that S be below 2^253, accepts it.
    static func checksAs1018(_ verifies: (_ signature: [UInt8], _ message: [UInt8], _ key: [UInt8]) -> Bool) -> Bool {
        // y of a point of order 8 (x even), as libsodium lists it among the small-order encodings.
        let torsion = EdwardsPoint.smallOrderY[3]
        let seed = [UInt8](repeating: 0x2a, count: 32)
        var publicKey = [UInt8](repeating: 0, count: 32)
        var secretKey = [UInt8](repeating: 0, count: 64)
        var mixedKey = [UInt8](repeating: 0, count: 32)
        guard crypto_sign_seed_keypair(&publicKey, &secretKey, seed) == 0,
            crypto_core_ed25519_add(&mixedKey, publicKey, torsion) == 0
        else { return false }
        func sign(_ message: [UInt8], _ secret: [UInt8]) -> [UInt8] {
            var signature = [UInt8](repeating: 0, count: 64)
            crypto_sign_detached(&signature, nil, message, UInt64(message.count), secret)
            return signature
        }
        for round in 0..<64 {
            let message = [UInt8(round)]
            let honest = sign(message, secretKey)
            var plusL = honest
            var carry = 0
            for index in 0..<32 {
                let sum = Int(honest[32 + index]) + Int(groupOrder[index]) + carry
                plusL[32 + index] = UInt8(truncatingIfNeeded: sum)
                carry = sum >> 8
            }
            let mixed = sign(message, seed + mixedKey)
            var digest = [UInt8](repeating: 0, count: 64)
            let hashed = Array(mixed[0..<32]) + mixedKey + message
            crypto_hash_sha512(&digest, hashed, UInt64(hashed.count))
            var k = [UInt8](repeating: 0, count: 32)
            crypto_core_ed25519_scalar_reduce(&k, digest)
            // A round whose S + L reaches 2^253, or whose k·T is the identity, tells nothing.
            guard plusL[63] < 0x20, k[0] & 7 != 0 else { continue }
            return verifies(honest, message, publicKey) && !verifies(mixed, message, mixedKey)
                && !verifies(plusL, message, publicKey)
        }
        return false
    }

    /// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    private static let groupOrder: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// Whether the 32 little-endian bytes are a number below L (a canonical S).
    static func isBelowGroupOrder(_ scalar: UnsafeRawBufferPointer) -> Bool {
        for index in (0..<32).reversed() where scalar[index] != groupOrder[index] {
            return scalar[index] < groupOrder[index]
        }
        return false
    }
}

/// Checks signatures under one Ed25519 key the cheaper way for how many there are: libsodium for a
/// few, an ``Ed25519PreparedKey`` (built once, shared by every thread) for many. Both give the same
/// verdicts.
public enum Ed25519SignatureChecker: Sendable {
    case direct(Ed25519PublicKey)
    case prepared(Ed25519PreparedKey)

    /// The checker for about `expected` signatures under `key`: prepared from ``preparedFrom`` on,
    /// where a prepared key checks signatures itself (``Ed25519PreparedKey/reproducesLinkedLibsodium``).
    public init(_ key: Ed25519PublicKey, expected: Int) {
        let prepare = expected >= Self.preparedFrom && Ed25519PreparedKey.reproducesLinkedLibsodium
        self = prepare ? .prepared(Ed25519PreparedKey(key)) : .direct(key)
    }

    /// From how many signatures a prepared key is worth its cost: building it costs about ten
    /// libsodium checks (and the base point's table as much again, once per process), and each
    /// prepared check saves about two thirds of one.
    public static let preparedFrom = 32

    public var publicKey: Ed25519PublicKey {
        switch self {
        case .direct(let key): key
        case .prepared(let prepared): prepared.publicKey
        }
    }

    /// Tells whether `signature` is a valid Ed25519 signature of `message` under the key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        switch self {
        case .direct(let key): key.isValidSignature(signature, for: message)
        case .prepared(let prepared): prepared.isValidSignature(signature, for: message)
        }
    }
}
