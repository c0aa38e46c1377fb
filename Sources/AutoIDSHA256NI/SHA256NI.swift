// AutoIDSHA256NI: SHA-256 compression with the x86 SHA extensions, one message at a time or two
// interleaved. Built with `-O -Xcc -msha -Xcc -mssse3` (Package.swift); call only when
// `CPUFeatures.shaRequirements` are met (AutoIDLog's SHA256Blocks decides, once).
//
// Why two at a time: `sha256rnds2` has a latency of several cycles and each pair of rounds needs the
// last one's result, so one message keeps the unit mostly idle; two independent messages (two Merkle
// nodes of one level, two leaves, two inclusion proofs) fill the gaps. Measured on the build machine
// (AMD EPYC, 2 vCPUs): OpenSSL's SHA256_Transform (which uses the same instructions) about 70-130 ns
// per block, one message here about the same, two interleaved about 40-60 ns per block.
//
// The schedule follows FIPS 180-4 section 6.2.2 with four message words per step: W[t..t+3] =
// msg2(msg1(W[t-16..t-13], W[t-12..t-9]) + W[t-7..t-4], W[t-4..t-1]), and the state kept as the
// instruction wants it, A B E F and C D G H (lanes 3 to 0).

#if arch(x86_64)
import AutoIDSHA256Intrinsics

/// SHA-256 of messages already padded to whole 64-byte blocks (FIPS 180-4 section 5.1.1), from the
/// standard initial value; the 32-byte digest is written big-endian as the standard defines it.
public enum SHA256NI {
    /// Hashes one padded message of `blockCount` blocks at `blocks` into `digest` (32 bytes).
    public static func hash(padded blocks: UnsafeRawPointer, blockCount: Int, into digest: UnsafeMutableRawPointer) {
        let k = roundConstants
        var abef = initialABEF
        var cdgh = initialCDGH
        for index in 0..<blockCount { compress(&abef, &cdgh, blocks + 64 * index, k) }
        store(abef, cdgh, into: digest)
    }

    /// Hashes two padded messages of `blockCount` blocks each, interleaved, into `digestA` and `digestB`.
    public static func hash2(
        padded a: UnsafeRawPointer, _ b: UnsafeRawPointer, blockCount: Int, into digestA: UnsafeMutableRawPointer, _ digestB: UnsafeMutableRawPointer
    ) {
        let k = roundConstants
        var abef0 = initialABEF
        var cdgh0 = initialCDGH
        var abef1 = initialABEF
        var cdgh1 = initialCDGH
        for index in 0..<blockCount { compress(&abef0, &cdgh0, a + 64 * index, &abef1, &cdgh1, b + 64 * index, k) }
        store(abef0, cdgh0, into: digestA)
        store(abef1, cdgh1, into: digestB)
    }

    /// Bytes of the state ``compress(_:blockCount:state:)`` carries from call to call (the eight
    /// working words, laid out as the instructions want them: opaque to callers).
    public static let stateBytes = 32

    /// Writes H(0), the state before the first block, into `state` (``stateBytes`` bytes).
    public static func initialize(state: UnsafeMutableRawPointer) {
        state.storeBytes(of: initialABEF, as: SIMD4<UInt32>.self)
        state.storeBytes(of: initialCDGH, toByteOffset: 16, as: SIMD4<UInt32>.self)
    }

    /// Compresses `blockCount` whole 64-byte blocks at `blocks` into `state`, for a message hashed in
    /// pieces; the caller pads the last block (FIPS 180-4 section 5.1.1) and reads the digest with
    /// ``digest(state:into:)``.
    public static func compress(_ blocks: UnsafeRawPointer, blockCount: Int, state: UnsafeMutableRawPointer) {
        let k = roundConstants
        var abef = state.loadUnaligned(as: SIMD4<UInt32>.self)
        var cdgh = state.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
        for index in 0..<blockCount { compress(&abef, &cdgh, blocks + 64 * index, k) }
        state.storeBytes(of: abef, as: SIMD4<UInt32>.self)
        state.storeBytes(of: cdgh, toByteOffset: 16, as: SIMD4<UInt32>.self)
    }

    /// Writes the 32-byte digest that `state` holds into `digest`.
    public static func digest(state: UnsafeRawPointer, into digest: UnsafeMutableRawPointer) {
        store(state.loadUnaligned(as: SIMD4<UInt32>.self), state.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self), into: digest)
    }

    /// K[0..63] of FIPS 180-4 section 4.2.2, four per vector, in memory that lives as long as the process
    /// (written once, before any reader can see it; read-only after).
    nonisolated(unsafe) static let roundConstants: UnsafePointer<SIMD4<UInt32>> = {
        let words: [UInt32] = [
            0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
            0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
            0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
            0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
            0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
            0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
            0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
            0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
        ]
        let vectors = UnsafeMutablePointer<SIMD4<UInt32>>.allocate(capacity: 16)
        for index in 0..<16 {
            vectors[index] = SIMD4(words[4 * index], words[4 * index + 1], words[4 * index + 2], words[4 * index + 3])
        }
        return UnsafePointer(vectors)
    }()
}

// The eight working words are kept as `sha256rnds2` holds them, A B E F and C D G H (lanes 3 to 0), in
// plain vectors rather than a struct: a struct of this module would get value-witness helpers (weak,
// mergeable symbols compiled with the SHA flags) that SymbolTests rightly refuses.
extension SHA256NI {
    /// H(0) of FIPS 180-4 section 5.3.3, as A B E F and C D G H.
    @inline(__always) static var initialABEF: SIMD4<UInt32> { SIMD4(0x9b05_688c, 0x510e_527f, 0xbb67_ae85, 0x6a09_e667) }
    @inline(__always) static var initialCDGH: SIMD4<UInt32> { SIMD4(0x5be0_cd19, 0x1f83_d9ab, 0xa54f_f53a, 0x3c6e_f372) }

    /// Four big-endian message words from `block` at byte `offset`.
    @inline(__always)
    static func load(_ block: UnsafeRawPointer, _ offset: Int) -> SIMD4<UInt32> {
        SIMD4(
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)),
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)),
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
    }

    /// W[t..t+3] from the previous sixteen words, held as four vectors `w0` (oldest) to `w3`.
    @inline(__always)
    static func schedule(_ w0: SIMD4<UInt32>, _ w1: SIMD4<UInt32>, _ w2: SIMD4<UInt32>, _ w3: SIMD4<UInt32>) -> SIMD4<UInt32> {
        sha256Message2(sha256Message1(w0, w1) &+ SIMD4(w2[1], w2[2], w2[3], w3[0]), w3)
    }

    /// Four rounds with message words `w` and constants `k`.
    @inline(__always)
    static func rounds(_ abef: inout SIMD4<UInt32>, _ cdgh: inout SIMD4<UInt32>, _ w: SIMD4<UInt32>, _ k: SIMD4<UInt32>) {
        let wk = w &+ k
        cdgh = sha256Rounds2(cdgh, abef, wk)
        abef = sha256Rounds2(abef, cdgh, SIMD4(wk[2], wk[3], wk[2], wk[3]))
    }

    /// One compression of the 64-byte `block`.
    @inline(__always)
    static func compress(_ abef: inout SIMD4<UInt32>, _ cdgh: inout SIMD4<UInt32>, _ block: UnsafeRawPointer, _ k: UnsafePointer<SIMD4<UInt32>>) {
        var a = abef
        var c = cdgh
        var w0 = load(block, 0)
        var w1 = load(block, 16)
        var w2 = load(block, 32)
        var w3 = load(block, 48)
        rounds(&a, &c, w0, k[0])
        rounds(&a, &c, w1, k[1])
        rounds(&a, &c, w2, k[2])
        rounds(&a, &c, w3, k[3])
        for step in stride(from: 4, to: 16, by: 4) {
            w0 = schedule(w0, w1, w2, w3)
            rounds(&a, &c, w0, k[step])
            w1 = schedule(w1, w2, w3, w0)
            rounds(&a, &c, w1, k[step + 1])
            w2 = schedule(w2, w3, w0, w1)
            rounds(&a, &c, w2, k[step + 2])
            w3 = schedule(w3, w0, w1, w2)
            rounds(&a, &c, w3, k[step + 3])
        }
        abef &+= a
        cdgh &+= c
    }

    /// One compression each of two independent states, interleaved instruction by instruction.
    @inline(__always)
    static func compress(
        _ abef0: inout SIMD4<UInt32>, _ cdgh0: inout SIMD4<UInt32>, _ block0: UnsafeRawPointer,
        _ abef1: inout SIMD4<UInt32>, _ cdgh1: inout SIMD4<UInt32>, _ block1: UnsafeRawPointer, _ k: UnsafePointer<SIMD4<UInt32>>
    ) {
        var a0 = abef0
        var c0 = cdgh0
        var a1 = abef1
        var c1 = cdgh1
        var v0 = load(block0, 0)
        var v1 = load(block0, 16)
        var v2 = load(block0, 32)
        var v3 = load(block0, 48)
        var u0 = load(block1, 0)
        var u1 = load(block1, 16)
        var u2 = load(block1, 32)
        var u3 = load(block1, 48)
        rounds(&a0, &c0, v0, k[0])
        rounds(&a1, &c1, u0, k[0])
        rounds(&a0, &c0, v1, k[1])
        rounds(&a1, &c1, u1, k[1])
        rounds(&a0, &c0, v2, k[2])
        rounds(&a1, &c1, u2, k[2])
        rounds(&a0, &c0, v3, k[3])
        rounds(&a1, &c1, u3, k[3])
        for step in stride(from: 4, to: 16, by: 4) {
            v0 = schedule(v0, v1, v2, v3)
            u0 = schedule(u0, u1, u2, u3)
            rounds(&a0, &c0, v0, k[step])
            rounds(&a1, &c1, u0, k[step])
            v1 = schedule(v1, v2, v3, v0)
            u1 = schedule(u1, u2, u3, u0)
            rounds(&a0, &c0, v1, k[step + 1])
            rounds(&a1, &c1, u1, k[step + 1])
            v2 = schedule(v2, v3, v0, v1)
            u2 = schedule(u2, u3, u0, u1)
            rounds(&a0, &c0, v2, k[step + 2])
            rounds(&a1, &c1, u2, k[step + 2])
            v3 = schedule(v3, v0, v1, v2)
            u3 = schedule(u3, u0, u1, u2)
            rounds(&a0, &c0, v3, k[step + 3])
            rounds(&a1, &c1, u3, k[step + 3])
        }
        abef0 &+= a0
        cdgh0 &+= c0
        abef1 &+= a1
        cdgh1 &+= c1
    }

    /// The digest: A to H, each big-endian.
    @inline(__always)
    static func store(_ abef: SIMD4<UInt32>, _ cdgh: SIMD4<UInt32>, into digest: UnsafeMutableRawPointer) {
        let low = SIMD4(abef[3], abef[2], cdgh[3], cdgh[2])
        let high = SIMD4(abef[1], abef[0], cdgh[1], cdgh[0])
        for lane in 0..<4 {
            digest.storeBytes(of: low[lane].bigEndian, toByteOffset: 4 * lane, as: UInt32.self)
            digest.storeBytes(of: high[lane].bigEndian, toByteOffset: 16 + 4 * lane, as: UInt32.self)
        }
    }
}
#endif
