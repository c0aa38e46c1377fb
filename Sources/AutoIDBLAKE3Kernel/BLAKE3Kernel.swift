// AutoIDBLAKE3Kernel: the BLAKE3 compression function and many-input kernels, generic over the
// lane type, plus the baseline-CPU (portable) instances of them.
//
// Everything is in ONE file on purpose: this module is always compiled with -O (Package.swift),
// and in debug builds (non-whole-module mode) the optimiser can only specialise generic code whose
// body is in the same file. Split across files, the portable kernel ran unspecialised, through
// protocol witnesses, ~100x slower in `swift test`.
//
// Sections: 1. constants  2. lane type  3. compression function  4. many-input kernels
//           5. baseline (portable) instances
//
// The tricks used for speed are explained where they are used:
//   TRICK 1 — lanes = independent inputs (section 2)
//   TRICK 2 — out-of-line compression (section 3)
//   TRICK 3 — transposing message words (section 4)
//   TRICK 4 — software prefetch from pure Swift (section 4)
//   TRICK 5 — message words as memory operands: per-round laundered pointers (section 3)
//   TRICK 6 — one byte shuffle per 16/8-bit rotation: run-time tables (section 3; the
//             shuffle itself is in AutoIDBLAKE3Intrinsics)

// The prefetch instruction (TRICK 4), inlined from there.
import AutoIDBLAKE3Intrinsics

#if _endian(big)
#error("AutoIDBLAKE3Kernel assumes a little-endian CPU (message words are loaded as-is).")
#endif

// MARK: - 1. Constants (BLAKE3 specification, section 2)

/// The BLAKE3 IV: the same eight words as SHA-256's initial hash value.
public let blake3IV: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A,
    0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19
)

/// Domain-separation flags (the `d` input of the compression function).
public enum BLAKE3Flags {
    public static let chunkStart: UInt32 = 1 << 0
    public static let chunkEnd: UInt32 = 1 << 1
    public static let parent: UInt32 = 1 << 2
    public static let root: UInt32 = 1 << 3
    public static let keyedHash: UInt32 = 1 << 4
    public static let deriveKeyContext: UInt32 = 1 << 5
    public static let deriveKeyMaterial: UInt32 = 1 << 6
}

/// Sizes in bytes.
public enum BLAKE3Size {
    public static let block = 64
    public static let chunk = 1024
    public static let blocksPerChunk = 16
    public static let key = 32
    public static let chainingValue = 32
}

// MARK: - 2. Lane type

// The lane type the generic kernels are written over.
//
// TRICK 1 — lanes = independent inputs. The kernels never vectorise *within* one compression
// (the row/diagonal shuffling scheme); instead lane `i` of every vector belongs to a different,
// independent input: chunk `i` for leaf hashing, parent node `i` for parent hashing. Each of the
// 16 state words and 16 message words is one vector, and the compression function below is
// literally the spec's scalar compression function, executed on N inputs at once.
//
// `UInt32` itself is the 1-lane case (the portable kernel); `SIMD4/8/16<UInt32>` are the 4/8/16
// lane cases used by the SSE4.1/AVX2/AVX-512 targets. Everything is `@inlinable`, so the code is
// specialised — and its instructions selected — inside the *calling* module, with that module's
// target flags. This module itself is compiled for the baseline CPU.

public protocol BLAKE3Vector: BitwiseCopyable {
    /// Number of independent inputs processed side by side.
    static var laneCount: Int { get }
    init(repeating value: UInt32)
    /// Lane `i` of the vector.
    func lane(_ i: Int) -> UInt32
    /// Sets lane `i`.
    mutating func setLane(_ i: Int, to value: UInt32)
    static func &+ (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    /// Rotate every lane right by `n` bits (0 < n < 32); `n` is a constant at every call site.
    ///
    /// Written `(x >> n) &+ (x << (32 - n))` rather than with `|` (same value: the two shifted
    /// parts share no bits). Why: the stdlib implements SIMD shifts and `|` lane by lane, and LLVM
    /// re-vectorises them. With `|` it first recognises a *scalar* rotate per lane, and for SSE4.1
    /// (no vector rotate instruction) its cost model then keeps four scalar `rol`s with
    /// extract/insert around them: 0.37 GB/s. `&+` has a real vector implementation in the stdlib,
    /// so the vector shape survives and becomes pslld/psrld/por or pshufb: 1.57 GB/s. AVX2 and
    /// AVX-512 code (vpshufb / vprold) is unchanged by this.
    static func rotateRight(_ x: Self, by n: UInt32) -> Self
    /// De-interleave the concatenation `a ‖ b`: its even-indexed lanes, then its odd-indexed lanes.
    /// Only used to transpose message words (see `blake3LoadTransposed`).
    static func unzip(_ a: Self, _ b: Self) -> (even: Self, odd: Self)
    /// Loads one 64-byte block from each of the N inputs (input `i` at `base + i * stride`) and
    /// stores it transposed: `message[j]` = word `j` of every input. `scratch` holds N vectors.
    /// Default: `blake3LoadTransposed` (generic, unzip-based); lane types may do better.
    static func loadTransposed(
        _ base: UnsafeRawPointer, stride: Int,
        into message: UnsafeMutablePointer<Self>, scratch: UnsafeMutablePointer<Self>)
    /// Stores the 8 chaining-value vectors `cv` as N consecutive 32-byte chaining values (lane 0
    /// first) at `out`. Default: lane by lane.
    static func storeChainingValues(_ cv: UnsafePointer<Self>, to out: UnsafeMutableRawPointer)
    /// The rotations by 16 and 8 bits, given a table (see TRICK 6 in AutoIDBLAKE3Intrinsics):
    /// lane types with a byte-shuffle instruction implement them as one shuffle with `table`,
    /// which the compression function reads from memory (so the compiler cannot see it).
    /// Default: `rotateRight(x, by: 16 / 8)`, table ignored.
    static func rotateRight16(_ x: Self, table: Self) -> Self
    static func rotateRight8(_ x: Self, table: Self) -> Self
    /// The tables passed to `rotateRight16` / `rotateRight8`. Default: zero (unused).
    static var rotateRight16Table: Self { get }
    static var rotateRight8Table: Self { get }
}

extension BLAKE3Vector {
    @inlinable @inline(__always)
    public static func loadTransposed(
        _ base: UnsafeRawPointer, stride: Int,
        into message: UnsafeMutablePointer<Self>, scratch: UnsafeMutablePointer<Self>
    ) {
        blake3LoadTransposed(base, stride: stride, into: message, scratch: scratch)
    }
    @inlinable @inline(__always)
    public static func storeChainingValues(_ cv: UnsafePointer<Self>, to out: UnsafeMutableRawPointer) {
        let words = out.assumingMemoryBound(to: UInt32.self)
        for i in 0..<laneCount {
            for j in 0..<8 { words[8 * i + j] = cv[j].lane(i) }
        }
    }
    @inlinable @inline(__always)
    public static func rotateRight16(_ x: Self, table: Self) -> Self { rotateRight(x, by: 16) }
    @inlinable @inline(__always)
    public static func rotateRight8(_ x: Self, table: Self) -> Self { rotateRight(x, by: 8) }
    @inlinable @inline(__always) public static var rotateRight16Table: Self { Self(repeating: 0) }
    @inlinable @inline(__always) public static var rotateRight8Table: Self { Self(repeating: 0) }
}

extension UInt32: BLAKE3Vector {
    @inlinable @inline(__always) public static var laneCount: Int { 1 }
    @inlinable @inline(__always) public init(repeating value: UInt32) { self = value }
    @inlinable @inline(__always) public func lane(_ i: Int) -> UInt32 { self }
    @inlinable @inline(__always) public mutating func setLane(_ i: Int, to value: UInt32) { self = value }
    @inlinable @inline(__always) public static func rotateRight(_ x: UInt32, by n: UInt32) -> UInt32 {
        (x &>> n) &+ (x &<< (32 &- n))
    }
    @inlinable @inline(__always) public static func unzip(_ a: UInt32, _ b: UInt32) -> (even: UInt32, odd: UInt32) {
        (a, b)
    }
}

extension SIMD4: BLAKE3Vector where Scalar == UInt32 {
    @inlinable @inline(__always) public static var laneCount: Int { 4 }
    @inlinable @inline(__always) public func lane(_ i: Int) -> UInt32 { self[i] }
    @inlinable @inline(__always) public mutating func setLane(_ i: Int, to value: UInt32) { self[i] = value }
    @inlinable @inline(__always) public static func rotateRight(_ x: Self, by n: UInt32) -> Self {
        (x &>> n) &+ (x &<< (32 &- n))
    }
    @inlinable @inline(__always) public static func unzip(_ a: Self, _ b: Self) -> (even: Self, odd: Self) {
        let ab = SIMD8(lowHalf: a, highHalf: b)
        return (ab.evenHalf, ab.oddHalf)
    }
}

extension SIMD8: BLAKE3Vector where Scalar == UInt32 {
    @inlinable @inline(__always) public static var laneCount: Int { 8 }
    @inlinable @inline(__always) public func lane(_ i: Int) -> UInt32 { self[i] }
    @inlinable @inline(__always) public mutating func setLane(_ i: Int, to value: UInt32) { self[i] = value }
    @inlinable @inline(__always) public static func rotateRight(_ x: Self, by n: UInt32) -> Self {
        (x &>> n) &+ (x &<< (32 &- n))
    }
    @inlinable @inline(__always) public static func unzip(_ a: Self, _ b: Self) -> (even: Self, odd: Self) {
        let ab = SIMD16(lowHalf: a, highHalf: b)
        return (ab.evenHalf, ab.oddHalf)
    }
}

extension SIMD16: BLAKE3Vector where Scalar == UInt32 {
    @inlinable @inline(__always) public static var laneCount: Int { 16 }
    @inlinable @inline(__always) public func lane(_ i: Int) -> UInt32 { self[i] }
    @inlinable @inline(__always) public mutating func setLane(_ i: Int, to value: UInt32) { self[i] = value }
    @inlinable @inline(__always) public static func rotateRight(_ x: Self, by n: UInt32) -> Self {
        (x &>> n) &+ (x &<< (32 &- n))
    }
    @inlinable @inline(__always) public static func unzip(_ a: Self, _ b: Self) -> (even: Self, odd: Self) {
        let ab = SIMD32(lowHalf: a, highHalf: b)
        return (ab.evenHalf, ab.oddHalf)
    }
}

// MARK: - 3. Compression function

// The BLAKE3 compression function (spec section 2.2), generic over the lane type.
//
// With `V == UInt32` this is exactly the scalar compression function of the spec; with
// `V == SIMD16<UInt32>` the very same statements compress 16 independent blocks at once.

/// The quarter-round `G` (spec 2.2): mixes message words `x` and `y` into state words a, b, c, d.
@inlinable @inline(__always)
func g<V: BLAKE3Vector>(
    _ a: inout V, _ b: inout V, _ c: inout V, _ d: inout V, _ x: V, _ y: V,
    _ t16: V, _ t8: V
) {
    a = a &+ b &+ x
    d = V.rotateRight16(d ^ a, table: t16)
    c = c &+ d
    b = V.rotateRight(b ^ c, by: 12)
    a = a &+ b &+ y
    d = V.rotateRight8(d ^ a, table: t8)
    c = c &+ d
    b = V.rotateRight(b ^ c, by: 7)
}

/// The 16 message word indices of one round, in the order its 8 G functions take them (two each).
public typealias BLAKE3RoundWords = (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)

/// Calls `round(r, words)` for the 7 rounds of the compression function, in order: round 0 takes the
/// message words in order, each next round the message permutation of the one before (spec 2.2, table
/// 3: 2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8). The one copy of the schedule every kernel
/// uses; inlined, the indices are constants and no data moves.
@inlinable @inline(__always)
public func blake3ForEachRound(_ round: (_ r: Int, _ words: BLAKE3RoundWords) -> Void) {
    var s: BLAKE3RoundWords = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    @inline(__always) func permute() {
        s = (s.2, s.6, s.3, s.10, s.7, s.0, s.4, s.13, s.1, s.11, s.12, s.5, s.9, s.14, s.15, s.8)
    }
    round(0, s)
    permute()
    round(1, s)
    permute()
    round(2, s)
    permute()
    round(3, s)
    permute()
    round(4, s)
    permute()
    round(5, s)
    permute()
    round(6, s)
}

/// The 7 rounds of the compression function (spec 2.2), applied to the state `v0...v15` in place
/// (no feed-forward), with the 16 message vectors read from memory at `message`.
///
/// TRICK 5 — message words as memory operands. The state needs all 16 vector registers of AVX2,
/// so the message must stay in memory and be read by the additions (`vpaddd mem, reg`), as in
/// hand-written assembly. Written naively (load each word once, or load it at every use), LLVM
/// merges the 7 loads of each word into one and keeps the 16 words live across all rounds: they
/// get spilled, i.e. copied to a second stack area first (~32 extra moves per block, plus spills
/// of the state). Here round `r` reads through its own pointer `message + roundOffsets[r]`; the
/// offsets are all zero, but they come from memory the compiler cannot see through, so it cannot
/// prove the 7 pointers equal and cannot merge the loads: each load has one use and is folded
/// into its addition. Cost: 7 scalar loads per compression. (If a future optimiser saw through
/// this, the code would only be slower, never wrong.)
///
/// The message schedule (spec table 3) is applied to the word *indices*, which are constants
/// after inlining: no data moves.
@inlinable @inline(__always)
func blake3Rounds<V: BLAKE3Vector>(
    _ v0: inout V, _ v1: inout V, _ v2: inout V, _ v3: inout V,
    _ v4: inout V, _ v5: inout V, _ v6: inout V, _ v7: inout V,
    _ v8: inout V, _ v9: inout V, _ v10: inout V, _ v11: inout V,
    _ v12: inout V, _ v13: inout V, _ v14: inout V, _ v15: inout V,
    message: UnsafeRawPointer, tables: UnsafeRawPointer, roundOffsets: UnsafePointer<Int>
) {
    // One round (spec 2.2): mix the columns, then the diagonals.
    blake3ForEachRound { r, i in
        let m = message + roundOffsets[r]
        @inline(__always) func w(_ i: Int) -> V { m.load(fromByteOffset: i &* MemoryLayout<V>.stride, as: V.self) }
        // The rotation tables of G number k: 16 vectors (8 copies of the two tables) at distinct
        // addresses, also offset per round, so that each `vpshufb` reads its own and the load
        // folds into it as a memory operand instead of occupying 2 of the 16 registers for the
        // whole function (TRICK 6; measured: fewer spills).
        let t = tables + roundOffsets[r]
        @inline(__always) func t16(_ k: Int) -> V { t.load(fromByteOffset: (2 &* k) &* MemoryLayout<V>.stride, as: V.self) }
        @inline(__always) func t8(_ k: Int) -> V { t.load(fromByteOffset: (2 &* k &+ 1) &* MemoryLayout<V>.stride, as: V.self) }
        g(&v0, &v4, &v8, &v12, w(i.0), w(i.1), t16(0), t8(0))
        g(&v1, &v5, &v9, &v13, w(i.2), w(i.3), t16(1), t8(1))
        g(&v2, &v6, &v10, &v14, w(i.4), w(i.5), t16(2), t8(2))
        g(&v3, &v7, &v11, &v15, w(i.6), w(i.7), t16(3), t8(3))
        g(&v0, &v5, &v10, &v15, w(i.8), w(i.9), t16(4), t8(4))
        g(&v1, &v6, &v11, &v12, w(i.10), w(i.11), t16(5), t8(5))
        g(&v2, &v7, &v8, &v13, w(i.12), w(i.13), t16(6), t8(6))
        g(&v3, &v4, &v9, &v14, w(i.14), w(i.15), t16(7), t8(7))
    }
}

/// The 7 rounds of the compression function, applied in place to the 16-word state `s`
/// (laid out as in the spec: v0...v15), with the 16 message words `message`.
/// `roundOffsets` must point to 7 zeros (see TRICK 5 in `blake3Rounds`), `tables` to 8 copies of
/// (`V.rotateRight16Table`, `V.rotateRight8Table`).
///
/// On entry `s` holds `cv[0..<8], IV[0..<4], counterLow, counterHigh, blockLength, flags`;
/// on exit it holds the state after the 7 rounds, *before* the final feed-forward XORs.
/// Used by the scalar `blake3Compress`, which needs the full 16-word output.
@inlinable @inline(never)
public func blake3CompressRounds<V: BLAKE3Vector>(
    _ s: UnsafeMutablePointer<V>, _ message: UnsafePointer<V>, tables: UnsafeRawPointer, roundOffsets: UnsafePointer<Int>
) {
    var v0 = s[0]
    var v1 = s[1]
    var v2 = s[2]
    var v3 = s[3]
    var v4 = s[4]
    var v5 = s[5]
    var v6 = s[6]
    var v7 = s[7]
    var v8 = s[8]
    var v9 = s[9]
    var v10 = s[10]
    var v11 = s[11]
    var v12 = s[12]
    var v13 = s[13]
    var v14 = s[14]
    var v15 = s[15]
    blake3Rounds(
        &v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15,
        message: UnsafeRawPointer(message), tables: tables, roundOffsets: roundOffsets)
    s[0] = v0
    s[1] = v1
    s[2] = v2
    s[3] = v3
    s[4] = v4
    s[5] = v5
    s[6] = v6
    s[7] = v7
    s[8] = v8
    s[9] = v9
    s[10] = v10
    s[11] = v11
    s[12] = v12
    s[13] = v13
    s[14] = v14
    s[15] = v15
}

/// The layout of the small buffer (`context`) that `blake3CompressBlock` works on, in units of
/// one vector `V`: 8 chaining-value vectors (in and out), then counterLow, counterHigh,
/// blockLength, flags, 8 copies of the two rotation tables (TRICK 6), then 8 `Int`s: the 7 zero
/// round offsets (TRICK 5).
public enum BLAKE3BlockContext {
    @inlinable @inline(__always) public static func roundOffsetsByteOffset<V: BLAKE3Vector>(_: V.Type) -> Int {
        28 * MemoryLayout<V>.stride
    }
    /// Total size in bytes (a multiple of 64).
    @inlinable @inline(__always) public static func byteCount<V: BLAKE3Vector>(_: V.Type) -> Int {
        (roundOffsetsByteOffset(V.self) + 8 * MemoryLayout<Int>.stride + 63) & ~63
    }
}

/// One compression of N blocks (N = V.laneCount) that only needs the new chaining values
/// (chunk blocks and parents, i.e. everything but the root).
///
/// TRICK 2 — out-of-line compression. This is `@inline(never)`: inlined into the many-block
/// loop, LLVM interleaves the loop's loads and bookkeeping with the rounds and the 32 live
/// vectors spill badly (measured 1.3 GB/s inlined vs 5.3 GB/s out of line). Being `@inlinable`
/// it is still *specialised* in the calling module for the concrete `V`, so each ISA target gets
/// its own private copy compiled with its own instructions.
///
/// `context` (see `BLAKE3BlockContext`): the chaining values are read, replaced by the new ones;
/// the IV words are constants here (memory operands / broadcasts), not copied through memory.
/// `message`: the 16 transposed message vectors.
@inlinable @inline(never)
public func blake3CompressBlock<V: BLAKE3Vector>(_: V.Type, _ context: UnsafeMutableRawPointer, _ message: UnsafeRawPointer) {
    let s = context.assumingMemoryBound(to: V.self)
    let roundOffsets = (context + BLAKE3BlockContext.roundOffsetsByteOffset(V.self)).assumingMemoryBound(to: Int.self)
    var v0 = s[0]
    var v1 = s[1]
    var v2 = s[2]
    var v3 = s[3]
    var v4 = s[4]
    var v5 = s[5]
    var v6 = s[6]
    var v7 = s[7]
    var v8 = V(repeating: blake3IV.0)
    var v9 = V(repeating: blake3IV.1)
    var v10 = V(repeating: blake3IV.2)
    var v11 = V(repeating: blake3IV.3)
    var v12 = s[8]
    var v13 = s[9]
    var v14 = s[10]
    var v15 = s[11]
    blake3Rounds(
        &v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15,
        message: message, tables: UnsafeRawPointer(s + 12), roundOffsets: roundOffsets)
    s[0] = v0 ^ v8
    s[1] = v1 ^ v9
    s[2] = v2 ^ v10
    s[3] = v3 ^ v11
    s[4] = v4 ^ v12
    s[5] = v5 ^ v13
    s[6] = v6 ^ v14
    s[7] = v7 ^ v15
}

/// Fills `s` with the compression function's initial state (spec 2.2).
@inlinable @inline(__always)
public func blake3InitState<V: BLAKE3Vector>(
    _ s: UnsafeMutablePointer<V>, cv: UnsafePointer<V>,
    counterLow: V, counterHigh: V, blockLength: V, flags: V
) {
    for i in 0..<8 { s[i] = cv[i] }
    s[8] = V(repeating: blake3IV.0)
    s[9] = V(repeating: blake3IV.1)
    s[10] = V(repeating: blake3IV.2)
    s[11] = V(repeating: blake3IV.3)
    s[12] = counterLow
    s[13] = counterHigh
    s[14] = blockLength
    s[15] = flags
}

/// The portable scalar compression function, as in the spec:
/// `compress(h, m, t, b, d)` → 16 output words (the full extended output; its first 8 words are the
/// new chaining value). `cv` is 8 words, `block` 64 bytes (little-endian words), `out` 16 words.
/// `out` may alias `cv`. (Not `@inlinable`: compiled once, optimised, in this module.)
public func blake3Compress(
    cv: UnsafePointer<UInt32>, block: UnsafeRawPointer, counter: UInt64,
    blockLength: UInt32, flags: UInt32, out: UnsafeMutablePointer<UInt32>
) {
    // 40 state / message / cv words, 16 rotation-table words (unused by the scalar rotation),
    // 7 zero round offsets (TRICK 5).
    withUnsafeTemporaryAllocation(byteCount: 56 * 4 + 8 * 8, alignment: 16) { raw in
        let s = raw.baseAddress!.bindMemory(to: UInt32.self, capacity: 56)
        let m = s + 16
        let h = s + 32
        let tables = s + 40
        tables.initialize(repeating: 0, count: 16)
        let roundOffsets = (raw.baseAddress! + 224).bindMemory(to: Int.self, capacity: 8)
        roundOffsets.initialize(repeating: 0, count: 8)
        for i in 0..<8 { h[i] = cv[i] }
        for i in 0..<16 { m[i] = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        blake3InitState(
            s, cv: h, counterLow: UInt32(truncatingIfNeeded: counter),
            counterHigh: UInt32(truncatingIfNeeded: counter >> 32),
            blockLength: blockLength, flags: flags)
        blake3CompressRounds(s, m, tables: UnsafeRawPointer(tables), roundOffsets: roundOffsets)
        // Feed-forward (spec 2.2, last step).
        for i in 0..<8 {
            out[i] = s[i] ^ s[i + 8]
            out[i + 8] = s[i + 8] ^ h[i]
        }
    }
}

// MARK: - 4. Many-input kernels

// TRICK 4 — software prefetch from pure Swift. The lanes read N chunks 1 KiB apart, 64 bytes
// at a time: a pattern the hardware prefetchers do not follow (1 KiB streams, split over 4 KiB
// pages), so without help every block stalls on DRAM (measured: ~40% of the time on a 1 GiB
// input). The C/asm implementations issue `prefetcht0` a few blocks ahead; Swift has no
// prefetch API, so `blake3Prefetch` (AutoIDBLAKE3Intrinsics) reaches LLVM's `llvm.prefetch`
// through `Builtin`: a single `prefetcht0` (x86) / `prfm` (arm64). Correctness does not depend
// on it. Prefetches never fault, so prefetching past the end of the input is harmless.
// (Tried first: touching the next chunks with ordinary loads. Those block retirement until
// the data arrives, and cost as much as they saved. Until 2026-12 this was a body-less
// `@_silgen_name("llvm.prefetch.p0")` function, which LLVM declares without `nounwind`: under
// ThreadSanitizer every such call became an `invoke`, which the IR verifier rejects for an
// intrinsic, so `-sanitize=thread` could not build the package.)

// Hash N whole chunks, or N parent nodes, at once (N = V.laneCount).

/// TRICK 3 — transposing message words. In memory, input `i`'s block is 16 consecutive words;
/// the kernel needs vector `j` = word `j` of every input (lane `i` = input `i`). We load whole
/// N-word rows (one row = N words of one input) and transpose each N×N tile in registers.
///
/// The transpose uses only `unzip` (de-interleave of two vectors). View the N×N tile as N·N
/// words in row-major order, index = (row, column) in binary. Unzipping rows (2r, 2r+1) into
/// rows r and r + N/2, for all r, is a perfect unshuffle of the whole tile: it rotates the index
/// bits right by one. After log2(N) passes the index is rotated by log2(N) bits, i.e. row and
/// column are swapped: the tile is transposed. Costs ~15% of the kernel; needs no gathers.
///
/// `base` points at input 0's block; input `i`'s block is at `base + i * stride`.
/// `message` receives 16 vectors; `scratch` must hold N vectors.
@inlinable @inline(__always)
public func blake3LoadTransposed<V: BLAKE3Vector>(
    _ base: UnsafeRawPointer, stride: Int,
    into message: UnsafeMutablePointer<V>, scratch: UnsafeMutablePointer<V>
) {
    let n = V.laneCount
    var word = 0
    while word < 16 {
        let tile = message + word
        for i in 0..<n {
            tile[i] = base.loadUnaligned(fromByteOffset: i * stride + 4 * word, as: V.self)
        }
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
        word += n
    }
}

/// The 8-lane transposition (`loadTransposed` of 8-lane types; `message` is 16 vectors of 8 words).
/// With `halves: 1`, only words 0-7 (8 vectors): also used to store 8 chaining values, since
/// transposing the 8 CV vectors (vector j = word j of every lane) gives the 8 CVs one after the
/// other. `message` need not be aligned.
///
/// For each half block (words 0-7, 8-15): load 8 rows (8 words of one input each) and transpose
/// the 8×8 tile with the textbook AVX sequence: interleave 32-bit words within 128-bit halves
/// (`unpcklps` / `unpckhps`), then 64-bit pairs (`unpcklpd` / `unpckhpd`), then exchange 128-bit
/// halves (`vperm2f128` / `vinsertf128`): 24 shuffles per 8 vectors instead of 48 (`vshufps` +
/// `vpermpd` pairs) for the generic unzip version.
///
/// How it is written matters. Each stage builds its result lane by lane from two vectors, which
/// LLVM turns into one two-input shuffle. But LLVM also simplifies "lane k of a shuffle" to "lane
/// k' of its input": had the 64-bit stage been written on 32-bit lanes, its lanes would have been
/// traced back through the first stage to four inputs, and the result would have been a chain of
/// inserts and blends. Alternating the lane type between stages (32-bit words, then 64-bit pairs,
/// then 128-bit halves) hides the previous stage behind a bit cast and keeps each stage one
/// instruction per vector. (Checked with objdump.)
@inlinable @inline(__always)
public func blake3LoadTransposed8x8(
    _ base: UnsafeRawPointer, stride: Int, into message: UnsafeMutableRawPointer,
    halves: Int = 2
) {
    typealias Words = SIMD8<UInt32>
    typealias Pairs = SIMD4<UInt64>
    @inline(__always) func lo32(_ a: Words, _ b: Words) -> Pairs {
        unsafeBitCast(Words(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5]), to: Pairs.self)
    }
    @inline(__always) func hi32(_ a: Words, _ b: Words) -> Pairs {
        unsafeBitCast(Words(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7]), to: Pairs.self)
    }
    @inline(__always) func lo64(_ a: Pairs, _ b: Pairs) -> Words {
        unsafeBitCast(Pairs(a[0], b[0], a[2], b[2]), to: Words.self)
    }
    @inline(__always) func hi64(_ a: Pairs, _ b: Pairs) -> Words {
        unsafeBitCast(Pairs(a[1], b[1], a[3], b[3]), to: Words.self)
    }
    for half in 0..<halves {
        let offset = 32 * half
        @inline(__always) func row(_ i: Int) -> Words {
            base.loadUnaligned(fromByteOffset: i &* stride &+ offset, as: Words.self)
        }
        let r0 = row(0)
        let r1 = row(1)
        let r2 = row(2)
        let r3 = row(3)
        let r4 = row(4)
        let r5 = row(5)
        let r6 = row(6)
        let r7 = row(7)
        let a0 = lo32(r0, r1)
        let a1 = hi32(r0, r1)
        let a2 = lo32(r2, r3)
        let a3 = hi32(r2, r3)
        let a4 = lo32(r4, r5)
        let a5 = hi32(r4, r5)
        let a6 = lo32(r6, r7)
        let a7 = hi32(r6, r7)
        // b_j = word j of inputs 0-3 ‖ word j+4 of inputs 0-3; c_j the same for inputs 4-7.
        let b0 = lo64(a0, a2)
        let b1 = hi64(a0, a2)
        let b2 = lo64(a1, a3)
        let b3 = hi64(a1, a3)
        let c0 = lo64(a4, a6)
        let c1 = hi64(a4, a6)
        let c2 = lo64(a5, a7)
        let c3 = hi64(a5, a7)
        let out = message + 8 * 32 * half
        @inline(__always) func put(_ j: Int, _ b: Words, _ c: Words) {
            out.storeBytes(of: Words(lowHalf: b.lowHalf, highHalf: c.lowHalf), toByteOffset: 32 * j, as: Words.self)
            out.storeBytes(of: Words(lowHalf: b.highHalf, highHalf: c.highHalf), toByteOffset: 32 * (j + 4), as: Words.self)
        }
        put(0, b0, c0)
        put(1, b1, c1)
        put(2, b2, c2)
        put(3, b3, c3)
    }
}

/// Stack memory for `blake3HashMany`: 80 vectors (context, message, transposition scratch; the
/// scalar case needs the most vectors: the 8 round offsets alone take 16 `UInt32` slots).
///
/// Not `withUnsafeTemporaryAllocation`: that uses the heap (malloc + free on every call, i.e.
/// every 8 chunks, ~4% of the AVX2 kernel's instructions) when the alignment exceeds 16 bytes,
/// as it does for 32- and 64-byte vectors, or the size exceeds 1 KiB. A local struct is always
/// on the stack, aligned for `V`; the price is zeroing it once per call.
@frozen @usableFromInline
struct BLAKE3Workspace<V: BLAKE3Vector> {
    @usableFromInline typealias Row = (V, V, V, V, V, V, V, V, V, V, V, V, V, V, V, V)
    @usableFromInline var rows: (Row, Row, Row, Row, Row)
    @inlinable @inline(__always) init() {
        let z = V(repeating: 0)
        let row: Row = (z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z)
        rows = (row, row, row, row, row)
    }
}

/// Hashes `groups` groups of `V.laneCount` inputs of `blockCount` 64-byte blocks each, one group
/// side by side (input `i` of the group in lane `i`), and writes their 32-byte chaining values
/// (group 0 lane 0 first) to `out`.
///
/// - `input`: input `i` of group `g` starts at `input + (g * V.laneCount + i) * inputStride`.
/// - `key`: the 8-word key / initial chaining value shared by all inputs.
/// - `counter`: the counter `t` of the first input; input `k` (counting across groups) uses
///   `counter + k` if `incrementCounter` (chunks), else all use `counter` (parents use 0).
/// - `flags` on every block, plus `flagsStart` on the first and `flagsEnd` on the last.
/// - `lastBlockLength`: the length recorded for the last block (1...64; the kernel still reads
///   64 bytes, so a shorter last block must be zero padded in memory); every other block is 64.
/// Doing many groups per call amortises the set-up (workspace, tables, key) over them.
/// Group `g`'s outputs are written after all its inputs are read, and lie before group `g + 1`'s
/// inputs when `out == input` and `inputStride >= 32` (parents hashed in place).
/// May prefetch (never reads) memory past the end of the inputs: see TRICK 4.
@inlinable @inline(__always)
public func blake3HashMany<V: BLAKE3Vector>(
    _ lanes: V.Type, input: UnsafeRawPointer, inputStride: Int, blockCount: Int, groups: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, lastBlockLength: UInt32 = UInt32(BLAKE3Size.block),
    out: UnsafeMutableRawPointer
) {
    let n = V.laneCount
    let contextBytes = BLAKE3BlockContext.byteCount(V.self)
    var workspace = BLAKE3Workspace<V>()
    precondition(contextBytes + (16 + n) * MemoryLayout<V>.stride <= MemoryLayout<BLAKE3Workspace<V>>.size)
    withUnsafeMutableBytes(of: &workspace) { raw in
        let context = raw.baseAddress!
        let state = context.bindMemory(to: V.self, capacity: 28)
        let roundOffsets = (context + BLAKE3BlockContext.roundOffsetsByteOffset(V.self))
            .bindMemory(to: Int.self, capacity: 8)
        let message = (context + contextBytes).bindMemory(to: V.self, capacity: 16 + n)
        let scratch = message + 16
        state[10] = V(repeating: UInt32(BLAKE3Size.block))
        for k in 0..<8 {
            state[12 + 2 * k] = V.rotateRight16Table
            state[13 + 2 * k] = V.rotateRight8Table
        }
        roundOffsets.initialize(repeating: 0, count: 8)
        for group in 0..<groups {
            let groupInput = input + group * n * inputStride
            for i in 0..<8 { state[i] = V(repeating: key[i]) }
            var counterLow = V(repeating: 0)
            var counterHigh = V(repeating: 0)
            for i in 0..<n {
                let t = counter &+ (incrementCounter ? UInt64(group * n + i) : 0)
                counterLow.setLane(i, to: UInt32(truncatingIfNeeded: t))
                counterHigh.setLane(i, to: UInt32(truncatingIfNeeded: t >> 32))
            }
            state[8] = counterLow
            state[9] = counterHigh
            for block in 0..<blockCount {
                if blockCount > 1 {
                    // TRICK 4 (see blake3Prefetch): prefetch 4 blocks ahead in every lane; near
                    // the end of the chunks, the first blocks of the next N chunks instead.
                    let ahead =
                        block + 4 < blockCount
                        ? groupInput + (block + 4) * BLAKE3Size.block
                        : groupInput + n * inputStride + (block + 4 - blockCount) * BLAKE3Size.block
                    for lane in 0..<n { blake3Prefetch(ahead + lane * inputStride) }
                }
                V.loadTransposed(
                    groupInput + block * BLAKE3Size.block, stride: inputStride,
                    into: message, scratch: scratch)
                var blockFlags = flags
                if block == 0 { blockFlags |= flagsStart }
                if block == blockCount - 1 { blockFlags |= flagsEnd }
                state[11] = V(repeating: blockFlags)
                if lastBlockLength != UInt32(BLAKE3Size.block) {
                    // Constant-folded away for whole chunks and parents (the default).
                    state[10] = V(repeating: block == blockCount - 1 ? lastBlockLength : UInt32(BLAKE3Size.block))
                }
                blake3CompressBlock(V.self, context, UnsafeRawPointer(message))
            }
            V.storeChainingValues(state, to: out + BLAKE3Size.chainingValue * n * group)
        }
    }
}

/// Hashes `groups * V.laneCount` whole, consecutive 1024-byte chunks starting at `input`; chunk
/// `i` gets counter `counter + i`. Writes their chaining values to `out`.
@inlinable @inline(__always)
public func blake3HashChunks<V: BLAKE3Vector>(
    _ lanes: V.Type, input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, counter: UInt64,
    flags: UInt32, out: UnsafeMutableRawPointer
) {
    blake3HashMany(
        lanes, input: input, inputStride: BLAKE3Size.chunk, blockCount: BLAKE3Size.blocksPerChunk,
        groups: groups, key: key, counter: counter, incrementCounter: true, flags: flags,
        flagsStart: BLAKE3Flags.chunkStart, flagsEnd: BLAKE3Flags.chunkEnd, out: out)
}

/// Hashes `groups * V.laneCount` chunks that all have the same counter: chunk `i` is `blockCount`
/// blocks (1...16) at `input + i * stride`, the last of them `lastBlockLength` bytes (1...64, zero
/// padded to 64 in memory). This is chunk `counter` of many messages of one shape lying `stride`
/// bytes apart: the lanes are always full, however few chunks each message has. Writes their
/// chaining values to `out` (lane order).
@inlinable @inline(__always)
public func blake3HashChunksStrided<V: BLAKE3Vector>(
    _ lanes: V.Type, input: UnsafeRawPointer, stride: Int, groups: Int, blockCount: Int, lastBlockLength: UInt32,
    key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32, out: UnsafeMutableRawPointer
) {
    blake3HashMany(
        lanes, input: input, inputStride: stride, blockCount: blockCount, groups: groups, key: key,
        counter: counter, incrementCounter: false, flags: flags, flagsStart: BLAKE3Flags.chunkStart,
        flagsEnd: BLAKE3Flags.chunkEnd, lastBlockLength: lastBlockLength, out: out)
}

/// Hashes `groups * V.laneCount` parent nodes: parent `i`'s block is the 64 bytes (left CV ‖
/// right CV) at `input + 64 * i`. Writes their chaining values to `out` (which may equal `input`,
/// see `blake3HashMany`).
@inlinable @inline(__always)
public func blake3HashParents<V: BLAKE3Vector>(
    _ lanes: V.Type, input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, flags: UInt32,
    out: UnsafeMutableRawPointer
) {
    blake3HashMany(
        lanes, input: input, inputStride: BLAKE3Size.block, blockCount: 1, groups: groups,
        key: key, counter: 0, incrementCounter: false, flags: flags | BLAKE3Flags.parent,
        flagsStart: 0, flagsEnd: 0, out: out)
}

// MARK: - 5. Baseline (portable) instances

// Non-SIMD-ISA instances of the generic kernels, compiled for the baseline CPU (no extra
// -m flags), so they run on any CPU. This module is always built with -O (Package.swift): the
// portable kernel is the fallback and must not be 50x slower in debug builds.
//
// These use plain `UInt32`/`SIMD<n><UInt32>` lanes: their specialisations are weak symbols that
// another module could also emit, which is harmless as long as no module built with ISA flags
// specialises over these plain types (the ISA modules use private lane types).

/// The 1-lane instance of the generic kernel: plain scalar code, runs on any CPU.
public enum BLAKE3Portable {
    @inline(never)
    public static func hashChunks(
        _ input: UnsafeRawPointer, count: Int, key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashChunks(UInt32.self, input: input, groups: count, key: key, counter: counter, flags: flags, out: out)
    }

    @inline(never)
    public static func hashParents(
        _ input: UnsafeRawPointer, count: Int, key: UnsafePointer<UInt32>, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashParents(UInt32.self, input: input, groups: count, key: key, flags: flags, out: out)
    }

    @inline(never)
    public static func hashChunksStrided(
        _ input: UnsafeRawPointer, stride: Int, count: Int, blockCount: Int, lastBlockLength: UInt32,
        key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32, out: UnsafeMutableRawPointer
    ) {
        blake3HashChunksStrided(
            UInt32.self, input: input, stride: stride, groups: count, blockCount: blockCount,
            lastBlockLength: lastBlockLength, key: key, counter: counter, flags: flags, out: out)
    }
}

/// The 16/8/4-lane generic kernel compiled for the baseline CPU. Only for tests: it runs
/// everywhere and is the same source as the AVX-512/AVX2/SSE4.1 kernels, so it checks the
/// 16-lane logic (e.g. the 16×16 transpose) on machines that cannot run AVX-512.
public enum BLAKE3GenericBaseline {
    @inline(never)
    public static func hashChunks16(
        _ input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashChunks(SIMD16<UInt32>.self, input: input, groups: groups, key: key, counter: counter, flags: flags, out: out)
    }
    @inline(never)
    public static func hashChunks8(
        _ input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashChunks(SIMD8<UInt32>.self, input: input, groups: groups, key: key, counter: counter, flags: flags, out: out)
    }
    @inline(never)
    public static func hashChunks4(
        _ input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashChunks(SIMD4<UInt32>.self, input: input, groups: groups, key: key, counter: counter, flags: flags, out: out)
    }
    @inline(never)
    public static func hashParents16(
        _ input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashParents(SIMD16<UInt32>.self, input: input, groups: groups, key: key, flags: flags, out: out)
    }
    @inline(never)
    public static func hashChunksStrided16(
        _ input: UnsafeRawPointer, stride: Int, groups: Int, blockCount: Int, lastBlockLength: UInt32,
        key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32, out: UnsafeMutableRawPointer
    ) {
        blake3HashChunksStrided(
            SIMD16<UInt32>.self, input: input, stride: stride, groups: groups, blockCount: blockCount,
            lastBlockLength: lastBlockLength, key: key, counter: counter, flags: flags, out: out)
    }
    @inline(never)
    public static func hashParents8(
        _ input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashParents(SIMD8<UInt32>.self, input: input, groups: groups, key: key, flags: flags, out: out)
    }
    @inline(never)
    public static func hashChunksStrided8(
        _ input: UnsafeRawPointer, stride: Int, groups: Int, blockCount: Int, lastBlockLength: UInt32,
        key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32, out: UnsafeMutableRawPointer
    ) {
        blake3HashChunksStrided(
            SIMD8<UInt32>.self, input: input, stride: stride, groups: groups, blockCount: blockCount,
            lastBlockLength: lastBlockLength, key: key, counter: counter, flags: flags, out: out)
    }
    @inline(never)
    public static func hashParents4(
        _ input: UnsafeRawPointer, groups: Int, key: UnsafePointer<UInt32>, flags: UInt32,
        out: UnsafeMutableRawPointer
    ) {
        blake3HashParents(SIMD4<UInt32>.self, input: input, groups: groups, key: key, flags: flags, out: out)
    }
    @inline(never)
    public static func hashChunksStrided4(
        _ input: UnsafeRawPointer, stride: Int, groups: Int, blockCount: Int, lastBlockLength: UInt32,
        key: UnsafePointer<UInt32>, counter: UInt64, flags: UInt32, out: UnsafeMutableRawPointer
    ) {
        blake3HashChunksStrided(
            SIMD4<UInt32>.self, input: input, stride: stride, groups: groups, blockCount: blockCount,
            lastBlockLength: lastBlockLength, key: key, counter: counter, flags: flags, out: out)
    }
}
