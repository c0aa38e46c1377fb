import AutoIDSigning
import CSodium

#if canImport(Glibc)
import Glibc
#endif

/// The `ed25519` target: a differential harness between ``Ed25519PreparedKey`` (our field, points and
/// fixed-base tables) and the linked libsodium's `crypto_sign_verify_detached`, which a prepared key
/// must agree with on every (key, signature, message). Any disagreement stops the run with both
/// verdicts and the inputs in hex.
///
/// The first byte picks the mode:
/// - even: raw bytes, key = bytes 1..<33, signature = bytes 33..<97 (zero-padded), message = the rest;
/// - odd: valid, then mutated. Byte 1 picks one of 256 seeds (few keys, so their prepared tables are
///   built once and the executions go to the checks); libsodium makes its key pair and signs the
///   message. Byte 2 gives the number of mutations (its low 3 bits), each 3 bytes (operation,
///   position, value), and the rest is the message. The mutations flip bits of the key, R, S or the
///   message, set bytes, substitute special encodings (points of small order, y >= p, S >= L, the
///   identity), add torsion to the key or R, re-sign, or forge a signature whose R carries torsion
///   (which holds exactly when that torsion is -k times the key's): the deep paths of the check,
///   where a random input would stop at the first test.
enum Ed25519Differential {
    static func run(_ bytes: [UInt8]) {
        precondition(
            ready,
            "ed25519: the linked libsodium is not one Ed25519PreparedKey reproduces (reproducesLinkedLibsodium is false), so every prepared check would be libsodium's own and this harness would compare libsodium with itself"
        )
        guard let mode = bytes.first else { return }
        var key: [UInt8]
        var signature: [UInt8]
        var message: [UInt8]
        if mode & 1 == 0 {
            let padded = bytes + [UInt8](repeating: 0, count: max(0, 97 - bytes.count))
            key = Array(padded[1..<33])
            signature = Array(padded[33..<97])
            message = bytes.count > 97 ? Array(bytes[97...]) : []
        } else {
            let padded = bytes + [UInt8](repeating: 0, count: max(0, 3 - bytes.count))
            let seed = Array(sha512([padded[1]])[0..<32])
            let count = Int(padded[2] & 7)
            let mutationEnd = min(bytes.count, 3 + 3 * count)
            let mutations = bytes.count > 3 ? Array(bytes[3..<mutationEnd]) : []
            message = bytes.count > mutationEnd ? Array(bytes[mutationEnd...]) : []
            var secret = [UInt8](repeating: 0, count: 64)
            key = [UInt8](repeating: 0, count: 32)
            precondition(crypto_sign_seed_keypair(&key, &secret, seed) == 0, "ed25519: libsodium cannot make a key pair")
            signature = sign(message, seed: seed, key: key)
            var index = 0
            while index + 3 <= mutations.count {
                mutate(
                    operation: mutations[index], position: Int(mutations[index + 1]), value: mutations[index + 2], seed: seed, key: &key,
                    signature: &signature, message: &message)
                index += 3
            }
        }
        check(key: key, signature: signature, message: message)
    }

    /// Compares the prepared key's verdict (and the plain public key's) with libsodium's.
    static func check(key: [UInt8], signature: [UInt8], message: [UInt8]) {
        let expected = crypto_sign_verify_detached(signature, message, UInt64(message.count), key) == 0
        guard let publicKey = try? Ed25519PublicKey(rawRepresentation: key) else {
            fatalError("ed25519: Ed25519PublicKey refused 32 bytes: \(hex(key))")
        }
        let prepared = preparedKey(publicKey)
        let verdicts = [
            ("Ed25519PreparedKey", prepared.isValidSignature(signature, for: message)),
            ("Ed25519SignatureChecker.prepared", Ed25519SignatureChecker.prepared(prepared).isValidSignature(signature, for: message)),
            ("Ed25519PublicKey", publicKey.isValidSignature(signature, for: message)),
        ]
        if verbose { print("ed25519: \(expected ? "valid" : "invalid") key \(hex(key)) signature \(hex(signature))") }
        for (name, verdict) in verdicts where verdict != expected {
            fatalError(
                "ed25519: \(name) says \(verdict ? "valid" : "invalid"), libsodium's crypto_sign_verify_detached says \(expected ? "valid" : "invalid"): key \(hex(key)) signature \(hex(signature)) message \(hex(message))"
            )
        }
    }

    // MARK: Mutations

    static func mutate(
        operation: UInt8, position: Int, value: UInt8, seed: [UInt8], key: inout [UInt8], signature: inout [UInt8], message: inout [UInt8]
    ) {
        let bit = UInt8(1) << (value & 7)
        switch operation % 12 {
        case 0: key[position % 32] ^= bit
        case 1: signature[position % 32] ^= bit  // R
        case 2: signature[32 + position % 32] ^= bit  // S
        case 3: if !message.isEmpty { message[position % message.count] ^= bit }
        case 4:  // any byte of key ‖ signature ‖ message set to value
            let at = position % (96 + max(message.count, 1))
            if at < 32 {
                key[at] = value
            } else if at < 96 {
                signature[at - 32] = value
            } else if !message.isEmpty {
                message[at - 96] = value
            }
        case 5: key = specialPoints[Int(value) % specialPoints.count]
        case 6: signature.replaceSubrange(0..<32, with: specialPoints[Int(value) % specialPoints.count])
        case 7: signature.replaceSubrange(32..<64, with: specialScalar(Int(value), s: Array(signature[32..<64])))
        case 8:  // key + T (T of order 1 to 8), signed by libsodium with that key (it hashes the key it is given)
            var sum = [UInt8](repeating: 0, count: 32)
            if crypto_core_ed25519_add(&sum, key, torsion[Int(value) % 8]) == 0 {
                key = sum
                signature = sign(message, seed: seed, key: key)
            }
        case 9:  // R + T, S kept
            var sum = [UInt8](repeating: 0, count: 32)
            if crypto_core_ed25519_add(&sum, Array(signature[0..<32]), torsion[Int(value) % 8]) == 0 {
                signature.replaceSubrange(0..<32, with: sum)
            }
        case 10: signature = sign(message, seed: seed, key: key)
        default:
            forgeWithTorsion(
                torsionIndex: Int(value) % 8, nonceByte: UInt8(truncatingIfNeeded: position), seed: seed, key: key, message: message, into: &signature)
        }
    }

    /// R = [n]B + T, S = n + k·a (k = SHA-512(R ‖ key ‖ M) mod L, a the seed's scalar): then
    /// [S]B - [k]key = [n]B + [k](aB - key), which equals R when key = aB + T_A and T = -k·T_A.
    static func forgeWithTorsion(torsionIndex: Int, nonceByte: UInt8, seed: [UInt8], key: [UInt8], message: [UInt8], into signature: inout [UInt8]) {
        var nonce = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&nonce, sha512(seed + message + [nonceByte]))
        var nB = [UInt8](repeating: 0, count: 32)
        var r = [UInt8](repeating: 0, count: 32)
        guard crypto_scalarmult_ed25519_base_noclamp(&nB, nonce) == 0, crypto_core_ed25519_add(&r, nB, torsion[torsionIndex]) == 0 else { return }
        var k = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&k, sha512(r + key + message))
        var ka = [UInt8](repeating: 0, count: 32)
        var s = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_mul(&ka, k, secretScalar(seed))
        crypto_core_ed25519_scalar_add(&s, nonce, ka)
        signature = r + s
    }

    /// Encodings that reach the edges of the key and R checks: the eight torsion points, each with the
    /// sign bit flipped too; y from p to 2^255 - 1 (not canonical), either sign; zero, the base point.
    static let specialPoints: [[UInt8]] = {
        var points: [[UInt8]] = []
        for point in torsion { points += [point, Array(point[0..<31]) + [point[31] ^ 0x80]] }
        for low in 0xed...0xff {
            let y = [UInt8(low)] + [UInt8](repeating: 0xff, count: 30)
            points += [y + [0x7f], y + [0xff]]
        }
        points += [[UInt8](repeating: 0, count: 32), [0x58] + [UInt8](repeating: 0x66, count: 31), [0x58] + [UInt8](repeating: 0x66, count: 30) + [0xe6]]
        return points
    }()

    /// L, 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032, 5.1).
    static let groupOrder: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// S + L·m (m = 1 to 15, while it fits in 256 bits), L, L - 1, L + 1, 0, 2^253 - 1, 2^256 - 1.
    static func specialScalar(_ choice: Int, s: [UInt8]) -> [UInt8] {
        func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: 32)
            var carry = 0
            for index in 0..<32 {
                let sum = Int(a[index]) + Int(b[index]) + carry
                out[index] = UInt8(sum & 0xff)
                carry = sum >> 8
            }
            return out
        }
        let one = [1] + [UInt8](repeating: 0, count: 31)
        switch choice % 22 {
        case 0: return groupOrder
        case 1: return add(groupOrder, [UInt8](repeating: 0xff, count: 32))  // L - 1 (mod 2^256)
        case 2: return add(groupOrder, one)
        case 3: return [UInt8](repeating: 0, count: 32)
        case 4: return [UInt8](repeating: 0xff, count: 31) + [0x1f]
        case 5: return [UInt8](repeating: 0xff, count: 32)
        case 6: return s.prefix(31) + [s[31] | 0x80]
        default:
            var sum = s
            for _ in 0..<(choice % 22 - 6) { sum = add(sum, groupOrder) }
            return sum
        }
    }

    // MARK: libsodium

    /// The eight points of order dividing 8: multiples of a published point of order 8 (libsodium's
    /// small-order list), made by libsodium's point addition; the last is the identity.
    static let torsion: [[UInt8]] = {
        _ = sodium_init()
        let order8: [UInt8] = [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
            0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
        ]
        var points = [order8]
        while points.count < 8 {
            var sum = [UInt8](repeating: 0, count: 32)
            precondition(crypto_core_ed25519_add(&sum, points.last!, order8) == 0, "ed25519: libsodium cannot add torsion points")
            points.append(sum)
        }
        precondition(points[7] == [1] + [UInt8](repeating: 0, count: 31), "ed25519: 8·T is not the identity")
        return points
    }()

    static func sign(_ message: [UInt8], seed: [UInt8], key: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 64)
        crypto_sign_detached(&signature, nil, message, UInt64(message.count), seed + key)
        return signature
    }

    static func sha512(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 64)
        crypto_hash_sha512(&digest, bytes, UInt64(bytes.count))
        return digest
    }

    /// a: the clamped first half of SHA-512(seed), reduced modulo L (RFC 8032, 5.1.5).
    static func secretScalar(_ seed: [UInt8]) -> [UInt8] {
        var h = Array(sha512(seed)[0..<32])
        h[0] &= 248
        h[31] &= 127
        h[31] |= 64
        var a = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&a, h + [UInt8](repeating: 0, count: 32))
        return a
    }

    /// AUTOID_FUZZ_VERBOSE=1: print each verdict (to see what inputs reach, e.g. the seeds' valid signatures).
    static let verbose = getenv("AUTOID_FUZZ_VERBOSE") != nil

    // MARK: The cache

    static let ready: Bool = {
        _ = sodium_init()
        return Ed25519PreparedKey.reproducesLinkedLibsodium
    }()

    /// Prepared keys by public key: building one costs about a dozen checks, and the fuzzer's inputs
    /// share keys (every mutation of one seed). A table is some 200 KB, so the cache is cleared when
    /// it grows past 512 keys.
    nonisolated(unsafe) static var cache: [[UInt8]: Ed25519PreparedKey] = [:]

    static func preparedKey(_ publicKey: Ed25519PublicKey) -> Ed25519PreparedKey {
        if let prepared = cache[publicKey.rawRepresentation] { return prepared }
        if cache.count >= 512 { cache.removeAll(keepingCapacity: true) }
        let prepared = Ed25519PreparedKey(publicKey)
        cache[publicKey.rawRepresentation] = prepared
        return prepared
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return bytes.isEmpty ? "(empty)" : String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
