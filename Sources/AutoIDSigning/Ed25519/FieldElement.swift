/// An element of the field GF(p), p = 2^255 - 19, in five 51-bit limbs:
/// `l0 + l1·2^51 + l2·2^102 + l3·2^153 + l4·2^204`.
///
/// Limbs are kept loosely reduced rather than below 2^51, and every operation states the limb bounds
/// it takes and gives, so that no 64-bit limb and no 128-bit product can overflow:
///
/// - ``*`` and ``squared()`` take limbs below 2^54 and give limbs below 2^52 ("reduced"),
/// - ``+`` takes limbs below 2^53 and gives their sum (below 2^54),
/// - ``-`` takes a minuend below 2^55 and a subtrahend below 2^53 and gives reduced limbs.
///
/// Debug builds check the bounds at every multiplication and subtraction.
///
/// Only public values (keys, signatures, messages) ever pass through here: the code is not constant
/// time and must never see a secret.
struct FieldElement: Sendable {
    var l0, l1, l2, l3, l4: UInt64

    static let mask: UInt64 = (1 << 51) - 1
    static let zero = FieldElement(l0: 0, l1: 0, l2: 0, l3: 0, l4: 0)
    static let one = FieldElement(l0: 1, l1: 0, l2: 0, l3: 0, l4: 0)

    /// A small value.
    init(_ value: UInt64) {
        precondition(value < 1 << 51)
        self.init(l0: value, l1: 0, l2: 0, l3: 0, l4: 0)
    }

    init(l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64, l4: UInt64) {
        self.l0 = l0
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
        self.l4 = l4
    }

    /// The 32 little-endian bytes at `bytes`, bit 255 ignored. Values from p to 2^255 - 1 are taken
    /// modulo p (callers that must reject them check ``isCanonicalEncoding(_:)`` first).
    init(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count >= 32)
        let w0 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let w1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let w2 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let w3 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        l0 = w0 & Self.mask
        l1 = (w0 >> 51 | w1 << 13) & Self.mask
        l2 = (w1 >> 38 | w2 << 26) & Self.mask
        l3 = (w2 >> 25 | w3 << 39) & Self.mask
        l4 = (w3 >> 12) & Self.mask
    }

    /// Whether the 32 bytes, bit 255 ignored, encode a value below p.
    static func isCanonicalEncoding(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // The values from p = 2^255 - 19 to 2^255 - 1: bytes 1...30 all 0xff, byte 31 0x7f (bit 255
        // ignored), byte 0 at least 0xed.
        guard bytes[31] & 0x7f == 0x7f, bytes[0] >= 0xed else { return true }
        for index in 1...30 where bytes[index] != 0xff { return true }
        return false
    }

    /// The canonical encoding: the value reduced below p, 32 little-endian bytes (bit 255 clear).
    var encoded: [UInt8] {
        var reduced = carried()
        // reduced < 2p now (see carried()), so q = floor((v + 19) / 2^255) is 1 exactly when v >= p.
        var q = (reduced.l0 &+ 19) >> 51
        q = (reduced.l1 &+ q) >> 51
        q = (reduced.l2 &+ q) >> 51
        q = (reduced.l3 &+ q) >> 51
        q = (reduced.l4 &+ q) >> 51
        // v - q·p = v + 19q - q·2^255: add 19q, carry through, drop bit 255 (the chain's top carry).
        reduced.l0 &+= 19 &* q
        _ = reduced.carryChain()
        let words = [
            reduced.l0 | reduced.l1 << 51,
            reduced.l1 >> 13 | reduced.l2 << 38,
            reduced.l2 >> 26 | reduced.l3 << 25,
            reduced.l3 >> 39 | reduced.l4 << 12,
        ]
        var bytes = [UInt8](repeating: 0, count: 32)
        for (index, word) in words.enumerated() {
            for byte in 0..<8 { bytes[index * 8 + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
        }
        return bytes
    }

    /// Whether the value, reduced below p, is odd (the "negative" of RFC 8032's encoding).
    var isNegative: Bool { encoded[0] & 1 == 1 }

    /// Whether the value is 0 modulo p.
    var isZero: Bool { encoded.allSatisfy { $0 == 0 } }

    /// One carry pass: limbs below 2^63 in, limbs below 2^52 out, value unchanged modulo p. The result
    /// is below 2p: limb 0 below 2^51 + 19·2^12, the others below 2^51 + 2^12.
    @inline(__always)
    func carried() -> FieldElement {
        var r = self
        let top = r.carryChain()
        r.l0 &+= 19 &* top  // 2^255 = 19 (mod p)
        return r
    }

    /// Carries each limb's bits above 51 into the next, limb 0 to limb 4, and returns what limb 4
    /// carries out (the multiple of 2^255), leaving every limb below 2^51.
    @inline(__always)
    private mutating func carryChain() -> UInt64 {
        l1 &+= l0 >> 51
        l0 &= Self.mask
        l2 &+= l1 >> 51
        l1 &= Self.mask
        l3 &+= l2 >> 51
        l2 &= Self.mask
        l4 &+= l3 >> 51
        l3 &= Self.mask
        let top = l4 >> 51
        l4 &= Self.mask
        return top
    }

    /// Limbs below 2^53 each in, the limb-wise sum out (below 2^54), no carries.
    @inline(__always)
    static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(l0: a.l0 &+ b.l0, l1: a.l1 &+ b.l1, l2: a.l2 &+ b.l2, l3: a.l3 &+ b.l3, l4: a.l4 &+ b.l4)
    }

    /// `a + 8p - b`, carried: `a` below 2^55, `b` below 2^53, reduced limbs out.
    @inline(__always)
    static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        assert(a.isBelow(1 << 55) && b.isBelow(1 << 53), "field subtraction out of bounds")
        // 8p in limbs: 8·(2^51 - 19), then four times 8·(2^51 - 1); every limb above 2^53 > b's.
        let r = FieldElement(
            l0: a.l0 &+ 0x3F_FFFF_FFFF_FF68 &- b.l0, l1: a.l1 &+ 0x3F_FFFF_FFFF_FFF8 &- b.l1,
            l2: a.l2 &+ 0x3F_FFFF_FFFF_FFF8 &- b.l2, l3: a.l3 &+ 0x3F_FFFF_FFFF_FFF8 &- b.l3,
            l4: a.l4 &+ 0x3F_FFFF_FFFF_FFF8 &- b.l4)
        return r.carried()
    }

    /// `-a` (limbs below 2^53 in, reduced out).
    static prefix func - (a: FieldElement) -> FieldElement { .zero - a }

    /// The product (limbs below 2^54 in, reduced out).
    @inline(__always)
    static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        assert(a.isBelow(1 << 54) && b.isBelow(1 << 54), "field multiplication out of bounds")
        // 2^255 = 19 (mod p): the parts of the product at 2^255 and above come back times 19. Each
        // product below 2^54 · 19·2^54 < 2^113, each sum of five below 2^116.
        let b1 = b.l1 &* 19
        let b2 = b.l2 &* 19
        let b3 = b.l3 &* 19
        let b4 = b.l4 &* 19
        let t0 = wide(a.l0, b.l0) &+ wide(a.l1, b4) &+ wide(a.l2, b3) &+ wide(a.l3, b2) &+ wide(a.l4, b1)
        let t1 = wide(a.l0, b.l1) &+ wide(a.l1, b.l0) &+ wide(a.l2, b4) &+ wide(a.l3, b3) &+ wide(a.l4, b2)
        let t2 = wide(a.l0, b.l2) &+ wide(a.l1, b.l1) &+ wide(a.l2, b.l0) &+ wide(a.l3, b4) &+ wide(a.l4, b3)
        let t3 = wide(a.l0, b.l3) &+ wide(a.l1, b.l2) &+ wide(a.l2, b.l1) &+ wide(a.l3, b.l0) &+ wide(a.l4, b4)
        let t4 = wide(a.l0, b.l4) &+ wide(a.l1, b.l3) &+ wide(a.l2, b.l2) &+ wide(a.l3, b.l1) &+ wide(a.l4, b.l0)
        return reduce(t0, t1, t2, t3, t4)
    }

    /// The square (limbs below 2^54 in, reduced out): ``*`` with the repeated products folded.
    @inline(__always)
    func squared() -> FieldElement {
        assert(isBelow(1 << 54), "field squaring out of bounds")
        let d0 = l0 &* 2
        let d1 = l1 &* 2
        let a3x19 = l3 &* 19
        let a4x19 = l4 &* 19
        let t0 = wide(l0, l0) &+ wide(d1, a4x19) &+ wide(l2 &* 2, a3x19)
        let t1 = wide(d0, l1) &+ wide(l2 &* 2, a4x19) &+ wide(l3, a3x19)
        let t2 = wide(d0, l2) &+ wide(l1, l1) &+ wide(l3 &* 2, a4x19)
        let t3 = wide(d0, l3) &+ wide(d1, l2) &+ wide(l4, a4x19)
        let t4 = wide(d0, l4) &+ wide(d1, l3) &+ wide(l2, l2)
        return Self.reduce(t0, t1, t2, t3, t4)
    }

    /// The square taken `count` times in a row.
    func squared(times count: Int) -> FieldElement {
        var r = self
        for _ in 0..<count { r = r.squared() }
        return r
    }

    /// Five 128-bit column sums (each below 2^117) carried into reduced limbs.
    @inline(__always)
    private static func reduce(_ t0: UInt128, _ t1: UInt128, _ t2: UInt128, _ t3: UInt128, _ t4: UInt128) -> FieldElement {
        let m = UInt128(mask)
        let c1 = t1 &+ (t0 >> 51)
        let c2 = t2 &+ (c1 >> 51)
        let c3 = t3 &+ (c2 >> 51)
        let c4 = t4 &+ (c3 >> 51)
        // The top carry is below 2^66; times 19 it still fits 128 bits. Limb 0 then takes one more
        // carry into limb 1, which stays below 2^51 + 2^21.
        let c0 = (t0 & m) &+ (c4 >> 51) &* 19
        return FieldElement(
            l0: UInt64(truncatingIfNeeded: c0 & m),
            l1: UInt64(truncatingIfNeeded: c1 & m) &+ UInt64(truncatingIfNeeded: c0 >> 51),
            l2: UInt64(truncatingIfNeeded: c2 & m),
            l3: UInt64(truncatingIfNeeded: c3 & m),
            l4: UInt64(truncatingIfNeeded: c4 & m))
    }

    func isBelow(_ bound: UInt64) -> Bool {
        l0 < bound && l1 < bound && l2 < bound && l3 < bound && l4 < bound
    }

    // MARK: Powers

    /// `(self^(2^250 - 1), self^11)`: the common start of inversion, square roots and ``sqrtMinusOne``.
    private func power2250Minus1() -> (FieldElement, FieldElement) {
        let z2 = squared()
        let z9 = z2.squared(times: 2) * self
        let z11 = z9 * z2
        let z2_5_0 = z11.squared() * z9  // 2^5 - 1
        let z2_10_0 = z2_5_0.squared(times: 5) * z2_5_0
        let z2_20_0 = z2_10_0.squared(times: 10) * z2_10_0
        let z2_40_0 = z2_20_0.squared(times: 20) * z2_20_0
        let z2_50_0 = z2_40_0.squared(times: 10) * z2_10_0
        let z2_100_0 = z2_50_0.squared(times: 50) * z2_50_0
        let z2_200_0 = z2_100_0.squared(times: 100) * z2_100_0
        let z2_250_0 = z2_200_0.squared(times: 50) * z2_50_0
        return (z2_250_0, z11)
    }

    /// The inverse, `self^(p - 2) = self^(2^255 - 21)` (0 for 0).
    func inverted() -> FieldElement {
        let (z2_250_0, z11) = power2250Minus1()
        return z2_250_0.squared(times: 5) * z11
    }

    /// `self^((p - 5) / 8) = self^(2^252 - 3)`, the exponent of the square-root computation.
    func power2252Minus3() -> FieldElement {
        let (z2_250_0, _) = power2250Minus1()
        return z2_250_0.squared(times: 2) * self
    }

    /// A square root of -1: 2^((p - 1) / 4) = 2^(2^253 - 5).
    static let sqrtMinusOne: FieldElement = {
        let two = FieldElement(2)
        let (z2_250_0, _) = two.power2250Minus1()
        return z2_250_0.squared(times: 3) * two.squared() * two
    }()

    /// Equality of the values modulo p.
    func isEqual(to other: FieldElement) -> Bool { encoded == other.encoded }
}

/// The full 128-bit product of two limbs.
@inline(__always)
private func wide(_ a: UInt64, _ b: UInt64) -> UInt128 {
    UInt128(a) &* UInt128(b)
}
