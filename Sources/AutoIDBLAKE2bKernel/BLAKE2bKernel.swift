// AutoIDBLAKE2bKernel: BLAKE2b (RFC 7693) compression in Swift, written from the RFC.
//
// 1. the scalar compression function and one-shot hash (any CPU), used for single messages;
// 2. a many-message kernel generic over a lane type (`BLAKE2bVector`): lane i of every vector
//    belongs to a different message, so N messages are hashed side by side with the RFC's scalar
//    algorithm executed on N-lane vectors. It is `@inlinable` and specialised inside the ISA
//    module that instantiates it (AutoIDBLAKE2bAVX2, built with -mavx2); this module itself is
//    compiled for the baseline CPU.
//
// This module is always compiled with -O (Package.swift), so debug builds and `swift test` get
// the optimised code, and stdlib SIMD operations are inlined rather than emitted as shared weak
// symbols (see Benchmarks/BLAKE3-NOTES.md for the SIGILL that caused).
//
// Scalar compression:
// Written from the RFC. The whole function is straight-line code: the 12 rounds are unrolled by
// `@inline(__always)` with the message schedule (SIGMA) passed as integer literals, so every
// message word is a load at a constant offset from the block pointer and every rotation is a
// constant `ror`. The 16 working words are locals (SROA keeps them in registers, spilling a few).
// It reads the block straight from the caller's memory, unaligned and little-endian.

#if _endian(big)
#error("AutoIDBLAKE2bKernel assumes a little-endian CPU for the many-message kernel's vector loads.")
#endif

// MARK: - 1. Scalar

/// BLAKE2b initialisation vector (RFC 7693 section 2.6; the SHA-512 IV). The values are also
/// written out as literals where they are used, so they fold into immediate operands.
public let blake2bIV: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
    0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179
)

/// The chaining value h[0...7].
public struct BLAKE2bChain: Sendable {
    public var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    /// The IV with the parameter block's first word (digest length, key length, fanout 1, depth 1)
    /// folded in; every other parameter word of plain sequential BLAKE2b is zero.
    @inlinable @inline(__always)
    public init(outputByteCount: Int, keyByteCount: Int) {
        h0 = 0x6a09_e667_f3bc_c908 ^ 0x0101_0000 ^ UInt64(truncatingIfNeeded: keyByteCount << 8 | outputByteCount)
        h1 = 0xbb67_ae85_84ca_a73b
        h2 = 0x3c6e_f372_fe94_f82b
        h3 = 0xa54f_f53a_5f1d_36f1
        h4 = 0x510e_527f_ade6_82d1
        h5 = 0x9b05_688c_2b3e_6c1f
        h6 = 0x1f83_d9ab_fb41_bd6b
        h7 = 0x5be0_cd19_137e_2179
    }

    /// Writes the first `count` (1...64) bytes of the little-endian chaining value to `out`.
    @inline(__always)
    public func store(_ out: UnsafeMutableRawPointer, count: Int) {
        if count == 32 {
            out.storeBytes(of: h0.littleEndian, toByteOffset: 0, as: UInt64.self)
            out.storeBytes(of: h1.littleEndian, toByteOffset: 8, as: UInt64.self)
            out.storeBytes(of: h2.littleEndian, toByteOffset: 16, as: UInt64.self)
            out.storeBytes(of: h3.littleEndian, toByteOffset: 24, as: UInt64.self)
            return
        }
        var words = (
            h0.littleEndian, h1.littleEndian, h2.littleEndian, h3.littleEndian,
            h4.littleEndian, h5.littleEndian, h6.littleEndian, h7.littleEndian
        )
        withUnsafeBytes(of: &words) { out.copyMemory(from: $0.baseAddress!, byteCount: count) }
    }
}

/// Rotate right by a constant; LLVM turns the shift pair into one `ror` (`rorx` with BMI2).
@inline(__always)
private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 {
    (x &>> n) | (x &<< (64 &- n))
}

/// Message word `i` of the block (little-endian, unaligned).
@inline(__always)
private func word(_ m: UnsafeRawPointer, _ i: Int) -> UInt64 {
    UInt64(littleEndian: m.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self))
}

/// The G mixing function (RFC 7693 section 3.1).
@inline(__always)
private func mix(_ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64, _ x: UInt64, _ y: UInt64) {
    a = a &+ b &+ x
    d = rotr(d ^ a, 32)
    c = c &+ d
    b = rotr(b ^ c, 24)
    a = a &+ b &+ y
    d = rotr(d ^ a, 16)
    c = c &+ d
    b = rotr(b ^ c, 63)
}

/// The 16-word working vector.
private struct Work {
    var v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15: UInt64
}

/// One round: four column mixes, then four diagonal mixes, with message words picked by one row
/// of SIGMA (always literals here, so the loads have constant offsets).
@inline(__always)
private func round(
    _ v: inout Work, _ m: UnsafeRawPointer,
    _ s0: Int, _ s1: Int, _ s2: Int, _ s3: Int, _ s4: Int, _ s5: Int, _ s6: Int, _ s7: Int,
    _ s8: Int, _ s9: Int, _ s10: Int, _ s11: Int, _ s12: Int, _ s13: Int, _ s14: Int, _ s15: Int
) {
    mix(&v.v0, &v.v4, &v.v8, &v.v12, word(m, s0), word(m, s1))
    mix(&v.v1, &v.v5, &v.v9, &v.v13, word(m, s2), word(m, s3))
    mix(&v.v2, &v.v6, &v.v10, &v.v14, word(m, s4), word(m, s5))
    mix(&v.v3, &v.v7, &v.v11, &v.v15, word(m, s6), word(m, s7))
    mix(&v.v0, &v.v5, &v.v10, &v.v15, word(m, s8), word(m, s9))
    mix(&v.v1, &v.v6, &v.v11, &v.v12, word(m, s10), word(m, s11))
    mix(&v.v2, &v.v7, &v.v8, &v.v13, word(m, s12), word(m, s13))
    mix(&v.v3, &v.v4, &v.v9, &v.v14, word(m, s14), word(m, s15))
}

extension BLAKE2bChain {
    /// Compresses one 128-byte block at `block` into the chaining value. `t0`/`t1` is the byte
    /// counter after this block (low/high word), `last` marks the final block.
    @inline(never)
    public mutating func compress(_ block: UnsafeRawPointer, t0: UInt64, t1: UInt64, last: Bool) {
        let m = block
        var v = Work(
            v0: h0, v1: h1, v2: h2, v3: h3, v4: h4, v5: h5, v6: h6, v7: h7,
            v8: 0x6a09_e667_f3bc_c908, v9: 0xbb67_ae85_84ca_a73b,
            v10: 0x3c6e_f372_fe94_f82b, v11: 0xa54f_f53a_5f1d_36f1,
            v12: 0x510e_527f_ade6_82d1 ^ t0, v13: 0x9b05_688c_2b3e_6c1f ^ t1,
            v14: 0x1f83_d9ab_fb41_bd6b ^ (last ? ~0 : 0), v15: 0x5be0_cd19_137e_2179)
        round(&v, m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        round(&v, m, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3)
        round(&v, m, 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4)
        round(&v, m, 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8)
        round(&v, m, 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13)
        round(&v, m, 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9)
        round(&v, m, 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11)
        round(&v, m, 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10)
        round(&v, m, 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5)
        round(&v, m, 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0)
        round(&v, m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        round(&v, m, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3)
        h0 ^= v.v0 ^ v.v8
        h1 ^= v.v1 ^ v.v9
        h2 ^= v.v2 ^ v.v10
        h3 ^= v.v3 ^ v.v11
        h4 ^= v.v4 ^ v.v12
        h5 ^= v.v5 ^ v.v13
        h6 ^= v.v6 ^ v.v14
        h7 ^= v.v7 ^ v.v15
    }
}

/// Zero-padded 128-byte block on the stack, for the final (partial) block.
public struct BLAKE2bBlock {
    public var w:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    @inlinable public init() {}
}

/// One-shot BLAKE2b of `count` bytes at `input` (unkeyed), `outputByteCount` (1...64) bytes to `output`.
/// Full blocks are compressed in place; only the last (possibly partial, possibly empty) block is copied.
public func blake2bOneShot(_ input: UnsafeRawPointer?, _ count: Int, _ output: UnsafeMutableRawPointer, _ outputByteCount: Int) {
    var chain = BLAKE2bChain(outputByteCount: outputByteCount, keyByteCount: 0)
    var p = input ?? UnsafeRawPointer(bitPattern: 1)!  // never dereferenced when count == 0
    var left = count
    var t: UInt64 = 0
    while left > 128 {
        t &+= 128
        chain.compress(p, t0: t, t1: 0, last: false)
        p += 128
        left &-= 128
    }
    t &+= UInt64(truncatingIfNeeded: left)
    var block = BLAKE2bBlock()
    withUnsafeMutableBytes(of: &block.w) { b in
        if left > 0 { b.baseAddress!.copyMemory(from: p, byteCount: left) }
        chain.compress(b.baseAddress!, t0: t, t1: 0, last: true)
    }
    chain.store(output, count: outputByteCount)
}

// MARK: - 2. Many messages side by side

/// The lane type of the many-message kernel: N independent UInt64 lanes, one message per lane.
/// The ISA modules implement it with a type private to them (weak-symbol pitfall, BLAKE3-NOTES.md).
public protocol BLAKE2bVector: BitwiseCopyable {
    /// Number of messages processed side by side.
    static var laneCount: Int { get }
    init(repeating value: UInt64)
    func lane(_ i: Int) -> UInt64
    mutating func setLane(_ i: Int, to value: UInt64)
    static func &+ (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    /// Rotate every lane right by the constant `n` (0 < n < 64). Implementations should write it
    /// `(x &>> n) &+ (x &<< (64 &- n))` (see BLAKE3Vector.rotateRight for why `&+`, not `|`).
    static func rotateRight(_ x: Self, by n: UInt64) -> Self
    /// De-interleave `a ‖ b`: its even-indexed lanes, then its odd-indexed lanes (for the transpose).
    static func unzip(_ a: Self, _ b: Self) -> (even: Self, odd: Self)
}

@inlinable @inline(__always)
func blake2bMixV<V: BLAKE2bVector>(_ a: inout V, _ b: inout V, _ c: inout V, _ d: inout V, _ x: V, _ y: V) {
    a = a &+ b &+ x
    d = V.rotateRight(d ^ a, by: 32)
    c = c &+ d
    b = V.rotateRight(b ^ c, by: 24)
    a = a &+ b &+ y
    d = V.rotateRight(d ^ a, by: 16)
    c = c &+ d
    b = V.rotateRight(b ^ c, by: 63)
}

/// The 16 working vectors.
@usableFromInline
struct BLAKE2bWorkV<V: BLAKE2bVector> {
    @usableFromInline var v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15: V

    @inlinable @inline(__always)
    init(_ h: UnsafePointer<V>, t: V, f: V) {
        v0 = h[0]
        v1 = h[1]
        v2 = h[2]
        v3 = h[3]
        v4 = h[4]
        v5 = h[5]
        v6 = h[6]
        v7 = h[7]
        v8 = V(repeating: 0x6a09_e667_f3bc_c908)
        v9 = V(repeating: 0xbb67_ae85_84ca_a73b)
        v10 = V(repeating: 0x3c6e_f372_fe94_f82b)
        v11 = V(repeating: 0xa54f_f53a_5f1d_36f1)
        v12 = V(repeating: 0x510e_527f_ade6_82d1) ^ t
        v13 = V(repeating: 0x9b05_688c_2b3e_6c1f)
        v14 = V(repeating: 0x1f83_d9ab_fb41_bd6b) ^ f
        v15 = V(repeating: 0x5be0_cd19_137e_2179)
    }

    @inlinable @inline(__always)
    mutating func round(
        _ m: UnsafePointer<V>,
        _ s0: Int, _ s1: Int, _ s2: Int, _ s3: Int, _ s4: Int, _ s5: Int, _ s6: Int, _ s7: Int,
        _ s8: Int, _ s9: Int, _ s10: Int, _ s11: Int, _ s12: Int, _ s13: Int, _ s14: Int, _ s15: Int
    ) {
        blake2bMixV(&v0, &v4, &v8, &v12, m[s0], m[s1])
        blake2bMixV(&v1, &v5, &v9, &v13, m[s2], m[s3])
        blake2bMixV(&v2, &v6, &v10, &v14, m[s4], m[s5])
        blake2bMixV(&v3, &v7, &v11, &v15, m[s6], m[s7])
        blake2bMixV(&v0, &v5, &v10, &v15, m[s8], m[s9])
        blake2bMixV(&v1, &v6, &v11, &v12, m[s10], m[s11])
        blake2bMixV(&v2, &v7, &v8, &v13, m[s12], m[s13])
        blake2bMixV(&v3, &v4, &v9, &v14, m[s14], m[s15])
    }
}

/// Compresses one block per lane: `h` holds 8 chaining vectors (updated), `m` 16 transposed
/// message vectors, `t` the per-lane byte counters, `f` all-ones in lanes whose block is the last.
@inlinable @inline(__always)
public func blake2bCompressV<V: BLAKE2bVector>(_ h: UnsafeMutablePointer<V>, _ m: UnsafePointer<V>, t: V, f: V) {
    var v = BLAKE2bWorkV(UnsafePointer(h), t: t, f: f)
    v.round(m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    v.round(m, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3)
    v.round(m, 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4)
    v.round(m, 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8)
    v.round(m, 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13)
    v.round(m, 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9)
    v.round(m, 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11)
    v.round(m, 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10)
    v.round(m, 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5)
    v.round(m, 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0)
    v.round(m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    v.round(m, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3)
    h[0] = h[0] ^ v.v0 ^ v.v8
    h[1] = h[1] ^ v.v1 ^ v.v9
    h[2] = h[2] ^ v.v2 ^ v.v10
    h[3] = h[3] ^ v.v3 ^ v.v11
    h[4] = h[4] ^ v.v4 ^ v.v12
    h[5] = h[5] ^ v.v5 ^ v.v13
    h[6] = h[6] ^ v.v6 ^ v.v14
    h[7] = h[7] ^ v.v7 ^ v.v15
}

/// Loads 16 message words from each lane's 128-byte block (`blocks[i]` for lane i) into 16
/// vectors, word-major: `message[w]` lane i = word w of block i. Loads N consecutive words of
/// each block as one vector, then transposes each N×N tile with log2(N) rounds of `unzip`.
@inlinable @inline(__always)
public func blake2bLoadTransposed<V: BLAKE2bVector>(
    _ blocks: UnsafePointer<UnsafeRawPointer>, into message: UnsafeMutablePointer<V>, scratch: UnsafeMutablePointer<V>
) {
    let n = V.laneCount
    var word = 0
    while word < 16 {
        let tile = message + word
        for i in 0..<n {
            tile[i] = blocks[i].loadUnaligned(fromByteOffset: 8 * word, as: V.self)
        }
        blake2bTranspose(tile, scratch: scratch)
        word += n
    }
}

/// Transposes the N×N tile of words in `tile[0..<N]` (N = `V.laneCount`) in place, with log2(N)
/// rounds of `unzip` through `scratch` (N vectors): lane i of vector j becomes lane j of vector i.
@inlinable @inline(__always)
public func blake2bTranspose<V: BLAKE2bVector>(_ tile: UnsafeMutablePointer<V>, scratch: UnsafeMutablePointer<V>) {
    let n = V.laneCount
    var src = tile
    var dst = scratch
    var width = n
    while width > 1 {
        for r in 0..<(n / 2) {
            let (even, odd) = V.unzip(src[2 * r], src[2 * r + 1])
            dst[r] = even
            dst[r + n / 2] = odd
        }
        swap(&src, &dst)
        width /= 2
    }
    if src != tile {
        for i in 0..<n { tile[i] = src[i] }
    }
}

/// BLAKE2b-256 (unkeyed) of `count` messages, `V.laneCount` at a time; digest i goes to
/// `out + 32 i`. Lanes are refilled as soon as their message ends, so messages of different
/// lengths keep every lane busy until the last few. Full blocks are read in place; each message's
/// last block is copied into a zero-padded per-lane buffer.
@inlinable @inline(__always)
public func blake2b256Many<V: BLAKE2bVector>(
    _: V.Type, _ messages: UnsafePointer<UnsafeRawBufferPointer>, count: Int, out: UnsafeMutableRawPointer
) {
    let n = V.laneCount
    let h0Init: UInt64 = 0x6a09_e667_f3bc_c908 ^ 0x0101_0020  // 32-byte digest, no key
    let hInit: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        h0Init, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179
    )
    // Each temporary allocation stays at or under 1 KiB for 4 lanes: above that size the stdlib
    // asks the runtime whether the stack has room (swift_stdlib_isStackAllocationSafe), per call.
    withUnsafeTemporaryAllocation(of: V.self, capacity: 8) { chain in
        withUnsafeTemporaryAllocation(of: V.self, capacity: 16) { messageVectors in
            withUnsafeTemporaryAllocation(of: V.self, capacity: 16) { scratchVectors in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * n) { ints in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { counters in
                        withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: 2 * n) { pointers in
                            withUnsafeTemporaryAllocation(byteCount: 128 * n, alignment: 16) { pad in
                                let h = chain.baseAddress!
                                let message = messageVectors.baseAddress!
                                let scratch = scratchVectors.baseAddress!
                                let job = ints.baseAddress!
                                let left = job + n  // left < 0: last block done
                                let t = counters.baseAddress!
                                let next = pointers.baseAddress!
                                let block = next + n
                                let padBase = pad.baseAddress!
                                withUnsafeBytes(of: hInit) { words in
                                    for k in 0..<8 { h[k] = V(repeating: words.load(fromByteOffset: 8 * k, as: UInt64.self)) }
                                }
                                var nextMessage = 0
                                var active = 0
                                /// Gives lane i the next message (chaining value reset to the IV), or idles it.
                                @inline(__always) func assign(_ i: Int) {
                                    if nextMessage < count {
                                        let msg = messages[nextMessage]
                                        job[i] = nextMessage
                                        left[i] = msg.count
                                        next[i] = msg.baseAddress ?? UnsafeRawPointer(padBase)
                                        t[i] = 0
                                        nextMessage += 1
                                        active += 1
                                    } else {
                                        job[i] = -1
                                        left[i] = 0
                                    }
                                }
                                for i in 0..<n { assign(i) }
                                while active > 0 {
                                    var tv = V(repeating: 0)
                                    var fv = V(repeating: 0)
                                    for i in 0..<n {
                                        let padI = padBase + 128 * i
                                        if job[i] < 0 {
                                            block[i] = UnsafeRawPointer(padI)
                                            continue
                                        }
                                        let l = left[i]
                                        if l > 128 {
                                            block[i] = next[i]
                                            next[i] += 128
                                            left[i] = l - 128
                                            t[i] &+= 128
                                        } else {
                                            if l > 0 { padI.copyMemory(from: next[i], byteCount: l) }
                                            (padI + l).initializeMemory(as: UInt8.self, repeating: 0, count: 128 - l)
                                            block[i] = UnsafeRawPointer(padI)
                                            t[i] &+= UInt64(truncatingIfNeeded: l)
                                            left[i] = -1
                                            fv.setLane(i, to: ~0)
                                        }
                                        tv.setLane(i, to: t[i])
                                    }
                                    blake2bLoadTransposed(UnsafePointer(block), into: message, scratch: scratch)
                                    blake2bCompressV(h, UnsafePointer(message), t: tv, f: fv)
                                    var finished = 0
                                    for i in 0..<n where job[i] >= 0 && left[i] < 0 { finished += 1 }
                                    if n == 4 && MemoryLayout<V>.size == 32 && UInt64(1).littleEndian == 1 && finished == 4 {
                                        // Every lane ended its message (short messages of one block, the
                                        // common case): the first four chaining vectors hold word w of each
                                        // digest in lane i, so their 4×4 transpose is the four digests, one
                                        // vector each (little-endian words, as stored one by one below),
                                        // and every lane starts again from the IV.
                                        for k in 0..<4 { message[k] = h[k] }
                                        blake2bTranspose(message, scratch: scratch)
                                        for i in 0..<4 { (out + 32 * job[i]).storeBytes(of: message[i], as: V.self) }
                                        active -= 4
                                        for i in 0..<4 { assign(i) }
                                        withUnsafeBytes(of: hInit) { words in
                                            for k in 0..<8 { h[k] = V(repeating: words.load(fromByteOffset: 8 * k, as: UInt64.self)) }
                                        }
                                        continue
                                    }
                                    for i in 0..<n where job[i] >= 0 && left[i] < 0 {
                                        let o = out + 32 * job[i]
                                        o.storeBytes(of: h[0].lane(i).littleEndian, toByteOffset: 0, as: UInt64.self)
                                        o.storeBytes(of: h[1].lane(i).littleEndian, toByteOffset: 8, as: UInt64.self)
                                        o.storeBytes(of: h[2].lane(i).littleEndian, toByteOffset: 16, as: UInt64.self)
                                        o.storeBytes(of: h[3].lane(i).littleEndian, toByteOffset: 24, as: UInt64.self)
                                        active -= 1
                                        assign(i)
                                        if job[i] >= 0 {
                                            withUnsafeBytes(of: hInit) { words in
                                                for k in 0..<8 { h[k].setLane(i, to: words.load(fromByteOffset: 8 * k, as: UInt64.self)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
