import AutoIDHashing
import AutoIDTestSupport
import CSodium
import Testing

@testable import AutoIDSigning

/// Our Ed25519 verifier (field, points, fixed-base tables) checked piece by piece against an
/// independent reference, against published constants, and as a whole against libsodium's
/// `crypto_sign_verify_detached`, which it must agree with on every input, valid or hostile.
@Suite("Ed25519 prepared keys")
struct Ed25519PreparedKeyTests {
    init() { _ = sodium_init() }

    // MARK: Field

    @Test func fieldArithmeticMatchesAReferenceAtTheLimbBounds() {
        var random = TestRandom(seed: 25519)
        func element(below bound: UInt64) -> FieldElement {
            // Half the time a limb at or next to its bound: carries are checked where they are largest.
            func limb() -> UInt64 {
                Bool.random(using: &random) ? bound - 1 - UInt64.random(in: 0...3, using: &random) : UInt64.random(in: 0..<bound, using: &random)
            }
            return FieldElement(l0: limb(), l1: limb(), l2: limb(), l3: limb(), l4: limb())
        }
        for _ in 0..<2000 {
            let a = element(below: 1 << 54)
            let b = element(below: 1 << 54)
            #expect((a * b).encoded == Reference(a).times(Reference(b)).bytes)
            #expect(a.squared().encoded == Reference(a).times(Reference(a)).bytes)
            #expect((a * b).isBelow(1 << 52) && a.squared().isBelow(1 << 52))
            let c = element(below: 1 << 55)
            let e = element(below: 1 << 53)
            #expect((c - e).encoded == Reference(c).minus(Reference(e)).bytes)
            #expect((c - e).isBelow(1 << 52))
            #expect((e + e).encoded == Reference(e).plus(Reference(e)).bytes)
            #expect(a.encoded == Reference(a).bytes)
        }
        // Values at p and just around it encode reduced.
        let p = FieldElement(l0: (1 << 51) - 19, l1: (1 << 51) - 1, l2: (1 << 51) - 1, l3: (1 << 51) - 1, l4: (1 << 51) - 1)
        #expect(p.isZero)
        #expect((p + .one).encoded == FieldElement.one.encoded)
        #expect((p - .one).encoded == Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")!)
    }

    @Test func inversionAndPublishedConstants() {
        var random = TestRandom(seed: 7)
        for _ in 0..<50 {
            let a = random.bytes(32).withUnsafeBytes { FieldElement(bytes: $0) }
            guard !a.isZero else { continue }
            #expect((a * a.inverted()).isEqual(to: .one))
        }
        // RFC 8032 5.1: d = -121665/121666 and sqrt(-1), as published (little-endian).
        #expect(EdwardsPoint.d.encoded == Hex.decode("a3785913ca4deb75abd841414d0a700098e879777940c78c73fe6f2bee6c0352")!)
        #expect(FieldElement.sqrtMinusOne.encoded == Hex.decode("b0a00e4a271beec478e42fad0618432fa7d7fb3d99004d2b0bdfc14f8024832b")!)
        #expect(FieldElement.sqrtMinusOne.squared().isEqual(to: -FieldElement.one))
        // B: y = 4/5, its encoding round trips.
        #expect((EdwardsPoint.base.y * FieldElement(5)).isEqual(to: FieldElement(4)))
        #expect(EdwardsPoint.base.encoded == [0x58] + [UInt8](repeating: 0x66, count: 31))
    }

    // MARK: Points and tables

    @Test func fixedBaseMultiplicationMatchesLibsodium() {
        var random = TestRandom(seed: 11)
        let doubledTable = FixedBaseTable(EdwardsPoint.base.doubled(times: 1))
        for round in 0..<200 {
            var scalar = random.bytes(32)
            scalar[31] &= 0x0f  // below 2^252 < L
            if round == 0 { scalar = [1] + [UInt8](repeating: 0, count: 31) }
            if round == 1 { scalar = [UInt8](repeating: 0xff, count: 31) + [0x0f] }
            var expected = [UInt8](repeating: 0, count: 32)
            #expect(crypto_scalarmult_ed25519_base_noclamp(&expected, scalar) == 0)
            #expect(multiply(FixedBaseTable.base, scalar) == expected)
            // The table of any point: [k]·(2·B) = [2k]·B.
            var twice = [UInt8](repeating: 0, count: 32)
            var two = [2] + [UInt8](repeating: 0, count: 31)
            var product = [UInt8](repeating: 0, count: 32)
            crypto_core_ed25519_scalar_mul(&product, scalar, &two)
            #expect(crypto_scalarmult_ed25519_base_noclamp(&twice, product) == 0)
            #expect(multiply(doubledTable, scalar) == twice)
        }
    }

    @Test func signedDigitsRecomposeTheScalar() {
        var random = TestRandom(seed: 3)
        for round in 0..<500 {
            var scalar = random.bytes(32)
            scalar[31] &= 0x1f
            if round == 0 { scalar = [UInt8](repeating: 0xff, count: 31) + [0x1f] }  // 2^253 - 1
            if round == 1 {  // every digit exactly 32: bit 5 of each 6-bit group
                scalar = [UInt8](repeating: 0, count: 32)
                for position in 0..<42 { scalar[(6 * position + 5) / 8] |= 1 << ((6 * position + 5) % 8) }
            }
            var digits = [Int8](repeating: 0, count: FixedBaseTable.digitCount)
            scalar.withUnsafeBytes { bytes in digits.withUnsafeMutableBufferPointer { FixedBaseTable.signedDigits(bytes, into: $0) } }
            #expect(digits.allSatisfy { (-32...32).contains($0) })
            // Σ digits[i]·64^i, added bit-position by bit-position into base 2^8 with signed carries.
            var rebuilt = [Int](repeating: 0, count: 34)
            for (position, digit) in digits.enumerated() {
                let shift = 6 * position
                rebuilt[shift / 8] += Int(digit) << (shift % 8)
            }
            for index in 0..<33 {
                let carry = rebuilt[index] >> 8
                rebuilt[index] -= carry << 8
                rebuilt[index + 1] += carry
            }
            #expect(rebuilt.prefix(32).map { UInt8($0) } == scalar && rebuilt[32] == 0 && rebuilt[33] == 0)
        }
    }

    @Test func smallOrderPointsAreTheListedOnes() {
        for y in EdwardsPoint.smallOrderY {
            for sign: UInt8 in [0, 0x80] {
                var encoding = y
                encoding[31] |= sign
                let point = encoding.withUnsafeBytes { EdwardsPoint(decoding: $0) }
                #expect(point != nil)
                if let point { #expect(point.doubled(times: 3).encoded == EdwardsPoint.identity.encoded) }
                #expect(crypto_core_ed25519_is_valid_point(encoding) == 0)
                #expect(encoding.withUnsafeBytes { EdwardsPoint.hasSmallOrder($0) })
            }
        }
        // p and p + 1 (0 and 1 again) are caught too; B and a few multiples are not.
        for encoding in [
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        ] {
            #expect(Hex.decode(encoding)!.withUnsafeBytes { EdwardsPoint.hasSmallOrder($0) })
        }
        #expect(!EdwardsPoint.base.encoded.withUnsafeBytes { EdwardsPoint.hasSmallOrder($0) })
    }

    // MARK: Verification against libsodium

    @Test func rfc8032KnownAnswers() throws {
        // RFC 8032 7.1, TEST 1 (empty message) and TEST 3 (two bytes).
        let cases = [
            (
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            ),
            (
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
            ),
        ]
        for (key, message, signature) in cases {
            let prepared = Ed25519PreparedKey(try Ed25519PublicKey(rawRepresentation: Hex.decode(key)!))
            #expect(prepared.isValidSignature(Hex.decode(signature)!, for: Hex.decode(message)!))
            #expect(!prepared.isValidSignature(Hex.decode(signature)!, for: Hex.decode(message)! + [0]))
        }
    }

    @Test func agreesWithLibsodiumOnValidAndTamperedSignatures() throws {
        var random = TestRandom(seed: 8032)
        var accepted = 0
        for _ in 0..<8 {
            let signer = try Ed25519PrivateKey(seed: random.bytes(32))
            let prepared = Ed25519PreparedKey(signer.publicKey)
            #expect(prepared.acceptsSignatures)
            for _ in 0..<20 {
                let message = random.bytes(Int.random(in: 0...300, using: &random))
                let signature = signer.signature(for: message)
                #expect(prepared.isValidSignature(signature, for: message))
                accepted += 1
                // One flipped bit anywhere in the signature or the message.
                var badSignature = signature
                badSignature[Int.random(in: 0..<64, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
                expectAgreement(prepared, badSignature, message, expectValid: false)
                if !message.isEmpty {
                    var badMessage = message
                    badMessage[Int.random(in: 0..<message.count, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
                    expectAgreement(prepared, signature, badMessage, expectValid: false)
                }
                // S + L: the same S modulo L, not canonical.
                var plusL = signature
                var carry = 0
                for index in 0..<32 {
                    let sum = Int(signature[32 + index]) + Int(Self.groupOrder[index]) + carry
                    plusL[32 + index] = UInt8(sum & 0xff)
                    carry = sum >> 8
                }
                if carry == 0 { expectAgreement(prepared, plusL, message, expectValid: false) }
                // R plus a point of small order.
                for y in EdwardsPoint.smallOrderY where y != EdwardsPoint.smallOrderY[1] {
                    var sum = [UInt8](repeating: 0, count: 32)
                    guard crypto_core_ed25519_add(&sum, Array(signature[0..<32]), y) == 0 else { continue }
                    expectAgreement(prepared, sum + signature[32...], message, expectValid: false)
                }
            }
        }
        #expect(accepted == 160)  // 8 keys, 20 messages each
    }

    @Test func rejectsASmallOrderREvenWhereTheEquationHolds() throws {
        // R = the identity and S = k·a, k = SHA-512(R ‖ A ‖ M): [S]B - [k]A = R holds, and only the
        // small-order test on R (libsodium's) rejects this signature that says nothing.
        var random = TestRandom(seed: 0x1d)
        let seed = random.bytes(32)
        let signer = try Ed25519PrivateKey(seed: seed)
        let prepared = Ed25519PreparedKey(signer.publicKey)
        let a = secretScalar(seed)
        let r = [1] + [UInt8](repeating: 0, count: 31)
        for _ in 0..<4 {
            let message = random.bytes(16)
            var digest = [UInt8](repeating: 0, count: 64)
            let hashed = r + signer.publicKey.rawRepresentation + message
            crypto_hash_sha512(&digest, hashed, UInt64(hashed.count))
            var k = [UInt8](repeating: 0, count: 32)
            crypto_core_ed25519_scalar_reduce(&k, digest)
            var s = [UInt8](repeating: 0, count: 32)
            crypto_core_ed25519_scalar_mul(&s, k, a)
            // The equation holds: [S]B = [k]A.
            var sB = [UInt8](repeating: 0, count: 32)
            var kA = [UInt8](repeating: 0, count: 32)
            #expect(crypto_scalarmult_ed25519_base_noclamp(&sB, s) == 0)
            #expect(crypto_scalarmult_ed25519_noclamp(&kA, k, signer.publicKey.rawRepresentation) == 0)
            #expect(sB == kA)
            expectAgreement(prepared, r + s, message, expectValid: false)
        }
    }

    @Test func agreesWithLibsodiumOnKeysWithATorsionPart() throws {
        // A' = A + T, T of order 2, 4 or 8, is not of small order itself, so libsodium checks
        // signatures with it: [S]B - [k]A' = R - [k]T, which equals R exactly when the order of T
        // divides k. A verifier that reduced k any further, or multiplied by the cofactor, would
        // disagree on some of these.
        var random = TestRandom(seed: 1_255_19)
        var outcomes: Set<Bool> = []
        for y in EdwardsPoint.smallOrderY where y != EdwardsPoint.smallOrderY[1] {
            for _ in 0..<2 {
                let seed = random.bytes(32)
                let signer = try Ed25519PrivateKey(seed: seed)
                var mixed = [UInt8](repeating: 0, count: 32)
                try #require(crypto_core_ed25519_add(&mixed, signer.publicKey.rawRepresentation, y) == 0)
                let prepared = Ed25519PreparedKey(try Ed25519PublicKey(rawRepresentation: mixed))
                for _ in 0..<40 {
                    let message = random.bytes(Int.random(in: 0...64, using: &random))
                    // libsodium signs with the public key the secret key carries: A' here.
                    var signature = [UInt8](repeating: 0, count: 64)
                    let secret = seed + mixed
                    crypto_sign_detached(&signature, nil, message, UInt64(message.count), secret)
                    outcomes.insert(expectAgreement(prepared, signature, message, expectValid: nil))
                }
            }
        }
        #expect(outcomes == [true, false])
    }

    @Test func rejectsTheKeysLibsodiumRejects() throws {
        var random = TestRandom(seed: 99)
        var keys: [[UInt8]] = []
        for y in EdwardsPoint.smallOrderY { keys += [y, y.prefix(31) + [y[31] | 0x80]] }
        for low in 0xed...0xff { keys.append([UInt8(low)] + [UInt8](repeating: 0xff, count: 30) + [0x7f]) }  // p ... 2^255 - 1
        for low in 0xed...0xef { keys.append([UInt8(low)] + [UInt8](repeating: 0xff, count: 31)) }  // the same, sign bit set
        // y for which no x exists.
        while keys.count < 80 {
            let y = random.bytes(32)
            if y.withUnsafeBytes({ EdwardsPoint(decoding: $0) }) == nil { keys.append(y) }
        }
        for key in keys {
            let prepared = Ed25519PreparedKey(try Ed25519PublicKey(rawRepresentation: key))
            #expect(!prepared.acceptsSignatures, "key \(Hex.encode(key))")
            // A signature libsodium makes "with" that key: libsodium rejects it, and so must we.
            let message = random.bytes(20)
            var signature = [UInt8](repeating: 0, count: 64)
            crypto_sign_detached(&signature, nil, message, UInt64(message.count), random.bytes(32) + key)
            try expectAgreement(key, signature, message, expectValid: false)
        }
    }

    @Test func agreesWithLibsodiumOnRandomBytes() throws {
        var random = TestRandom(seed: 42)
        let signer = try Ed25519PrivateKey(seed: random.bytes(32))
        // Random 32-byte keys: about half are points; those get a table like any key.
        let keys = [signer.publicKey.rawRepresentation] + (0..<6).map { _ in random.bytes(32) }
        let prepared = try keys.map { Ed25519PreparedKey(try Ed25519PublicKey(rawRepresentation: $0)) }
        for round in 0..<300 {
            var signature = random.bytes(64)
            if round % 2 == 0 { signature[63] &= 0x0f }  // canonical S, so the equation itself is reached
            expectAgreement(prepared[round % prepared.count], signature, random.bytes(round % 50), expectValid: nil)
        }
        #expect(!prepared[0].isValidSignature([], for: []))
        #expect(!prepared[0].isValidSignature(signer.signature(for: [1]) + [0], for: [1]))
    }

    // MARK: Review additions

    @Test func encodingReducesEveryValueTheCarryPassTakes() {
        // `encoded` takes limbs up to 2^63 - 1 through one carry pass to a value below 2p, then
        // subtracts p at most once. Check it at the edges of both steps against the reference:
        // limbs at their largest, and values from p - 40 to p + 40 and from 2^255 - 40 to 2^255 + 40
        // (limb 0 above 2^51 after the carry pass lands there).
        let top = (UInt64(1) << 63) - 1
        let mask = FieldElement.mask
        var elements = [
            FieldElement(l0: top, l1: top, l2: top, l3: top, l4: top),
            FieldElement(l0: 0, l1: 0, l2: 0, l3: 0, l4: top),
            FieldElement(l0: top, l1: 0, l2: 0, l3: 0, l4: 0),
            FieldElement(l0: mask, l1: mask, l2: mask, l3: mask, l4: top),
        ]
        for offset in 0...80 {
            let delta = UInt64(offset)
            // p - 40 + offset: limb 0 is 2^51 - 19 - 40 + offset, the others all ones.
            elements.append(FieldElement(l0: mask - 18 - 40 + delta, l1: mask, l2: mask, l3: mask, l4: mask))
            // 2^255 - 40 + offset, the part at and above 2^51 of limb 0 left uncarried.
            elements.append(FieldElement(l0: mask + 1 - 40 + delta, l1: mask, l2: mask, l3: mask, l4: mask))
            // The same value written with limb 0 carrying 2^51 and more (what a carry pass gives).
            elements.append(FieldElement(l0: (1 << 51) + 19 * 4096 + delta, l1: mask, l2: mask, l3: mask, l4: mask))
        }
        for element in elements {
            #expect(element.encoded == Reference(element).bytes, "limbs \([element.l0, element.l1, element.l2, element.l3, element.l4])")
            #expect(element.encoded[31] & 0x80 == 0)
        }
    }

    @Test func rejectsNonCanonicalEncodingsOfR() throws {
        // R with y from p to 2^255 - 1, either sign, and an otherwise honest S: the computed R is
        // always encoded canonically, so none can match; libsodium 1.0.18 agrees.
        var random = TestRandom(seed: 0x7f)
        let signer = try Ed25519PrivateKey(seed: random.bytes(32))
        let prepared = Ed25519PreparedKey(signer.publicKey)
        let message = random.bytes(24)
        let signature = signer.signature(for: message)
        for low in 0xed...0xff {
            for sign: UInt8 in [0x7f, 0xff] {
                let r = [UInt8(low)] + [UInt8](repeating: 0xff, count: 30) + [sign]
                expectAgreement(prepared, r + signature[32...], message, expectValid: false)
            }
        }
    }

    @Test func agreesWithLibsodiumWhenRAndTheKeyBothHaveATorsionPart() throws {
        // A' = aB + T_A, R = rB + T_R, S = r + k·a: [S]B - [k]A' = rB - k·T_A, which is R exactly
        // when T_R = -k·T_A. With T_A of order 8 and every T_R in turn, some of these signatures
        // hold (cofactorless, as libsodium checks) and most do not.
        var random = TestRandom(seed: 0x8_7a)
        let torsion = torsionPoints()
        var outcomes: [Bool: Int] = [:]
        for keyIndex in 0..<2 {
            let seed = random.bytes(32)
            let signer = try Ed25519PrivateKey(seed: seed)
            var mixed = [UInt8](repeating: 0, count: 32)
            try #require(crypto_core_ed25519_add(&mixed, signer.publicKey.rawRepresentation, torsion[4 + 2 * keyIndex]) == 0)
            let prepared = Ed25519PreparedKey(try Ed25519PublicKey(rawRepresentation: mixed))
            let a = secretScalar(seed)
            for _ in 0..<3 {
                let message = random.bytes(12)
                var nonce = [UInt8](repeating: 0, count: 32)
                crypto_core_ed25519_scalar_reduce(&nonce, random.bytes(64))
                var r0 = [UInt8](repeating: 0, count: 32)
                try #require(crypto_scalarmult_ed25519_base_noclamp(&r0, nonce) == 0)
                for t in torsion {
                    var r = [UInt8](repeating: 0, count: 32)
                    try #require(crypto_core_ed25519_add(&r, r0, t) == 0)
                    var digest = [UInt8](repeating: 0, count: 64)
                    let hashed = r + mixed + message
                    crypto_hash_sha512(&digest, hashed, UInt64(hashed.count))
                    var k = [UInt8](repeating: 0, count: 32)
                    crypto_core_ed25519_scalar_reduce(&k, digest)
                    var ka = [UInt8](repeating: 0, count: 32)
                    var s = [UInt8](repeating: 0, count: 32)
                    crypto_core_ed25519_scalar_mul(&ka, k, a)
                    crypto_core_ed25519_scalar_add(&s, nonce, ka)
                    outcomes[expectAgreement(prepared, r + s, message, expectValid: nil), default: 0] += 1
                }
            }
        }
        #expect(outcomes[true, default: 0] > 0 && outcomes[false, default: 0] > 0, "\(outcomes)")
    }

    @Test func theInstalledLibsodiumIsTheOneReproduced() throws {
        // Debian bookworm's libsodium 1.0.18 (what CI installs) must be recognised: otherwise every
        // prepared key quietly hands its checks to libsodium and the differential tests above compare
        // libsodium with itself.
        let is1018 = sodium_library_version_major() == 10 && sodium_library_version_minor() == 3
        #expect(Ed25519PreparedKey.reproducesLinkedLibsodium == is1018, "libsodium \(String(cString: sodium_version_string()))")
        // The probe tells 1.0.18 from the two other behaviours it is there to catch, simulated: a
        // cofactored check (libsodium after 1.0.18) and S taken below 2^253 (ED25519_COMPAT).
        func libsodium(_ signature: [UInt8], _ message: [UInt8], _ key: [UInt8]) -> Bool {
            crypto_sign_verify_detached(signature, message, UInt64(message.count), key) == 0
        }
        #expect(Ed25519PreparedKey.checksAs1018(libsodium))
        #expect(!Ed25519PreparedKey.checksAs1018 { libsodium($0, $1, $2) || cofactoredCheckHolds($0, $1, $2) })
        #expect(
            !Ed25519PreparedKey.checksAs1018 { signature, message, key in
                // S from L to 2^253 - 1 taken as S - L, as a check that never asks S < L does.
                var reduced = signature
                guard signature[63] < 0x20, !signature.suffix(32).withUnsafeBytes({ Ed25519PreparedKey.isBelowGroupOrder($0) }) else {
                    return libsodium(signature, message, key)
                }
                var borrow = 0
                for index in 0..<32 {
                    let difference = Int(signature[32 + index]) - Int(Self.groupOrder[index]) - borrow
                    reduced[32 + index] = UInt8(truncatingIfNeeded: difference)
                    borrow = difference < 0 ? 1 : 0
                }
                return libsodium(reduced, message, key)
            })
        // The probe's first signature is one a cofactored check accepts: under A' = A + T (T of order
        // 8), R - ([S]B - [k]A') = -k·T is of small order but not the identity when 8 does not divide
        // k. 1.0.18 and the prepared key reject it.
        var random = TestRandom(seed: 0xc0f)
        let seed = random.bytes(32)
        let signer = try Ed25519PrivateKey(seed: seed)
        var mixed = [UInt8](repeating: 0, count: 32)
        try #require(crypto_core_ed25519_add(&mixed, signer.publicKey.rawRepresentation, torsionPoints()[4]) == 0)
        let prepared = Ed25519PreparedKey(try Ed25519PublicKey(rawRepresentation: mixed))
        let point = try #require(mixed.withUnsafeBytes { EdwardsPoint(decoding: $0) })
        let table = FixedBaseTable(point)
        var checked = 0
        for round in 0..<16 where checked < 2 {
            let message = [UInt8(round)]
            var signature = [UInt8](repeating: 0, count: 64)
            crypto_sign_detached(&signature, nil, message, UInt64(message.count), seed + mixed)
            var digest = [UInt8](repeating: 0, count: 64)
            let hashed = Array(signature[0..<32]) + mixed + message
            crypto_hash_sha512(&digest, hashed, UInt64(hashed.count))
            var k = [UInt8](repeating: 0, count: 32)
            crypto_core_ed25519_scalar_reduce(&k, digest)
            guard k[0] & 7 != 0 else { continue }
            checked += 1
            expectAgreement(prepared, signature, message, expectValid: false)
            // R - [S]B + [k]A', by our own point arithmetic: of order 2, 4 or 8, not the identity.
            let r = try #require(signature.prefix(32).withUnsafeBytes { EdwardsPoint(decoding: $0) })
            let sB = product(FixedBaseTable.base, Array(signature[32...]))
            let kA = product(table, k)
            let difference = r.adding(EdwardsPoint(x: -sB.x, y: sB.y, z: sB.z, t: -sB.t).cached).adding(kA.cached)
            #expect(difference.encoded != EdwardsPoint.identity.encoded)
            #expect(difference.doubled(times: 3).encoded == EdwardsPoint.identity.encoded)
        }
        #expect(checked == 2)
    }

    // MARK: Helpers

    /// Checks that our verdict is libsodium's (and `expectValid`'s, when given); returns it.
    @discardableResult
    private func expectAgreement(_ key: [UInt8], _ signature: [UInt8], _ message: [UInt8], expectValid: Bool?) throws -> Bool {
        try expectAgreement(Ed25519PreparedKey(Ed25519PublicKey(rawRepresentation: key)), signature, message, expectValid: expectValid)
    }

    @discardableResult
    private func expectAgreement(_ prepared: Ed25519PreparedKey, _ signature: [UInt8], _ message: [UInt8], expectValid: Bool?) -> Bool {
        let key = prepared.publicKey.rawRepresentation
        let sodium = crypto_sign_verify_detached(signature, message, UInt64(message.count), key) == 0
        let ours = prepared.isValidSignature(signature, for: message)
        #expect(ours == sodium, "key \(Hex.encode(key)) signature \(Hex.encode(signature)) message \(Hex.encode(message))")
        if let expectValid { #expect(sodium == expectValid) }
        return sodium
    }

    private static let groupOrder = Hex.decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")!

    /// [scalar]P through the table, as a point.
    private func product(_ table: FixedBaseTable, _ scalar: [UInt8]) -> EdwardsPoint {
        var digits = [Int8](repeating: 0, count: FixedBaseTable.digitCount)
        scalar.withUnsafeBytes { bytes in digits.withUnsafeMutableBufferPointer { FixedBaseTable.signedDigits(bytes, into: $0) } }
        var point = EdwardsPoint.identity
        digits.withUnsafeBufferPointer { table.accumulate($0, negated: false, into: &point) }
        return point
    }

    /// Whether R - [S]B + [k]A is of small order (a cofactored check, by our own point arithmetic),
    /// S below L and both points decoded; the pre-checks on A and R are left to the caller.
    private func cofactoredCheckHolds(_ signature: [UInt8], _ message: [UInt8], _ key: [UInt8]) -> Bool {
        let s = Array(signature[32...])
        guard s.withUnsafeBytes({ Ed25519PreparedKey.isBelowGroupOrder($0) }),
            let a = key.withUnsafeBytes({ EdwardsPoint(decoding: $0) }),
            let r = signature.prefix(32).withUnsafeBytes({ EdwardsPoint(decoding: $0) })
        else { return false }
        var digest = [UInt8](repeating: 0, count: 64)
        let hashed = Array(signature[0..<32]) + key + message
        crypto_hash_sha512(&digest, hashed, UInt64(hashed.count))
        var k = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&k, digest)
        let sB = product(FixedBaseTable.base, s)
        let kA = product(FixedBaseTable(a), k)
        let difference = r.adding(EdwardsPoint(x: -sB.x, y: sB.y, z: sB.z, t: -sB.t).cached).adding(kA.cached)
        return difference.doubled(times: 3).encoded == EdwardsPoint.identity.encoded
    }

    /// The eight points of small order (the identity first; 4...7 are of order 8).
    private func torsionPoints() -> [[UInt8]] {
        let y = EdwardsPoint.smallOrderY
        func negative(_ encoding: [UInt8]) -> [UInt8] { encoding.prefix(31) + [encoding[31] | 0x80] }
        return [y[1], y[2], y[0], negative(y[0]), y[3], negative(y[3]), y[4], negative(y[4])]
    }

    /// The secret scalar a of a libsodium seed (RFC 8032 5.1.5), reduced modulo L.
    private func secretScalar(_ seed: [UInt8]) -> [UInt8] {
        var expanded = [UInt8](repeating: 0, count: 64)
        crypto_hash_sha512(&expanded, seed, 32)
        var secret = Array(expanded[0..<32]) + [UInt8](repeating: 0, count: 32)
        secret[0] &= 248
        secret[31] = (secret[31] & 127) | 64
        var a = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&a, secret)
        return a
    }

    /// [scalar]P through the table, as verification does.
    private func multiply(_ table: FixedBaseTable, _ scalar: [UInt8]) -> [UInt8] {
        var digits = [Int8](repeating: 0, count: FixedBaseTable.digitCount)
        scalar.withUnsafeBytes { bytes in digits.withUnsafeMutableBufferPointer { FixedBaseTable.signedDigits(bytes, into: $0) } }
        var point = EdwardsPoint.identity
        digits.withUnsafeBufferPointer { table.accumulate($0, negated: false, into: &point) }
        return point.encoded
    }
}

/// Arithmetic modulo p on plain 256-bit numbers (four 64-bit words), written independently of
/// ``FieldElement``: schoolbook products, 2^256 folded back as 38.
private struct Reference {
    var words: [UInt64]  // little-endian, value below 2^256

    init(words: [UInt64]) { self.words = words }

    init(_ element: FieldElement) {
        // Σ limb_i · 2^(51·i), each term shifted into place on 320 bits, then folded.
        var wide = [UInt64](repeating: 0, count: 6)
        for (index, limb) in [element.l0, element.l1, element.l2, element.l3, element.l4].enumerated() {
            let shift = 51 * index
            let word = shift / 64
            let bit = shift % 64
            var carry = Reference.add(&wide, at: word, limb << bit)
            if bit > 0 { carry += Reference.add(&wide, at: word + 1, limb >> (64 - bit)) }
            precondition(carry == 0)
        }
        self.init(words: Reference.fold(wide))
    }

    /// Adds `value` at word `index`, carrying up; returns the carry out of the top.
    @discardableResult
    static func add(_ words: inout [UInt64], at index: Int, _ value: UInt64) -> UInt64 {
        var carry = value
        var index = index
        while carry != 0 && index < words.count {
            let (sum, overflow) = words[index].addingReportingOverflow(carry)
            words[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
        return carry
    }

    /// A number of any number of words, reduced below 2^256 modulo p (2^256 = 38 mod p).
    static func fold(_ words: [UInt64]) -> [UInt64] {
        var value = words
        while value.count > 4 {
            let high = Array(value[4...])
            var low = Array(value[0..<4]) + [0, 0]
            for (index, word) in high.enumerated() {
                let product = word.multipliedFullWidth(by: 38)
                add(&low, at: index, product.low)
                add(&low, at: index + 1, product.high)
            }
            while low.count > 4 && low.last == 0 { low.removeLast() }
            value = low
        }
        return value
    }

    func times(_ other: Reference) -> Reference {
        var product = [UInt64](repeating: 0, count: 9)
        for i in 0..<4 {
            for j in 0..<4 {
                let partial = words[i].multipliedFullWidth(by: other.words[j])
                Reference.add(&product, at: i + j, partial.low)
                Reference.add(&product, at: i + j + 1, partial.high)
            }
        }
        return Reference(words: Reference.fold(product))
    }

    func plus(_ other: Reference) -> Reference {
        var sum = words + [0]
        for index in 0..<4 { Reference.add(&sum, at: index, other.words[index]) }
        return Reference(words: Reference.fold(sum))
    }

    func minus(_ other: Reference) -> Reference {
        // a + (p - b), b reduced below p first.
        let b = other.reduced
        var negated = [UInt64](repeating: 0, count: 4)
        var borrow = false
        for index in 0..<4 {
            let (d1, o1) = Reference.p[index].subtractingReportingOverflow(b[index])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            negated[index] = d2
            borrow = o1 || o2
        }
        return plus(Reference(words: negated))
    }

    static let p: [UInt64] = [0xFFFF_FFFF_FFFF_FFED, .max, .max, 0x7FFF_FFFF_FFFF_FFFF]

    /// The value reduced below p.
    var reduced: [UInt64] {
        var value = words
        func atLeastP() -> Bool {
            for index in (0..<4).reversed() where value[index] != Reference.p[index] { return value[index] > Reference.p[index] }
            return true
        }
        while atLeastP() {
            var borrow = false
            for index in 0..<4 {
                let (d1, o1) = value[index].subtractingReportingOverflow(Reference.p[index])
                let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
                value[index] = d2
                borrow = o1 || o2
            }
        }
        return value
    }

    var bytes: [UInt8] {
        reduced.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    }
}
