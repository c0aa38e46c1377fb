// AutoIDBLAKE3Intrinsics: the byte-shuffle instruction (SSSE3 `pshufb` / AVX2 `vpshufb`) with a
// table that is a run-time value, for the BLAKE3 rotations by 16 and 8 bits; and the software
// prefetch the many-chunk kernel issues (TRICK 4 in AutoIDBLAKE3Kernel).
//
// TRICK 6 — why this module exists, and why it is compiled with `-parse-stdlib`.
// With the rotations written as plain Swift (`(x >> 8) &+ (x << 24)`), LLVM forms one rotate per
// rotation and lowers the 16- and 8-bit ones to byte shuffles with constant tables. The X86
// back end then "distributes" the rot-8 shuffle over the XOR that feeds it, because the XOR's
// other operand is itself a shuffle (the rot-16 result):
//     rot8(rot16(t) ^ a)  →  rot24(t) ^ rot8(a)
// which needs two shuffles instead of one (rot16(t) is still needed elsewhere): 220 instead of
// 112 `vpshufb` per compression. clang does the same to C written with `_mm256_shuffle_epi8`.
// The combine only fires when it can read the shuffle table; with a table the compiler cannot
// see (loaded from memory), every rotation stays one `vpshufb` (checked with objdump).
// A byte shuffle with a *variable* table cannot be written in ordinary Swift; LLVM's intrinsic
// can be reached in two ways:
//   - `@_silgen_name("llvm.x86.ssse3.pshuf.b.128")` (a body-less function named after the
//     intrinsic; the kernel once reached prefetch this way): does NOT work here. Swift passes 32-byte vectors as two 16-byte halves (wrong intrinsic
//     signature for the 256-bit one), and it declares the function without LLVM's "reads no
//     memory" attribute, so the instruction selector fails ("Cannot select: intrinsic").
//   - `Builtin.int_x86_avx2_pshuf_b` (how the standard library reaches LLVM intrinsics): IRGen
//     declares the real intrinsic with its real types and attributes. `Builtin` is only visible
//     to modules compiled with `-parse-stdlib`, which also changes other defaults (explicit
//     `import Swift`, dynamic exclusivity checks, weaker inlining of generic stdlib code), so it
//     is confined to this tiny module.
//
// The wrappers are `@_alwaysEmitIntoClient @inline(__always)`: their code is inlined into the
// calling ISA module and compiled with that module's flags. This module still emits a (never
// called) copy of each; it is compiled with `-Xcc -mavx2` (Package.swift) so that copy can be
// compiled at all. SymbolTests checks that no ISA module calls or defines an out-of-line copy.
//
// Only call these from code compiled with the matching instruction set (AVX2 / SSSE3) and run
// after the CPU check. If a future compiler drops `Builtin.int_*`, this fails to compile (loudly);
// the lane types can then go back to the plain rotation (`rotateRight(x, by: 16)`).

import Swift

/// `prefetcht0` (x86) / `prfm pldl1keep` (arm64) of the cache line at `address`: LLVM's
/// `llvm.prefetch(address, read = 0, locality = 3 (all cache levels), data cache = 1)`. Never faults,
/// whatever the address. Through `Builtin`, IRGen declares the intrinsic with its real attributes
/// (`nounwind`); a `@_silgen_name("llvm.prefetch.p0")` declaration lacks them, and ThreadSanitizer's
/// instrumentation then turns each call into an `invoke`, which the IR verifier rejects.
@_alwaysEmitIntoClient @inline(__always)
public func blake3Prefetch(_ address: UnsafeRawPointer) {
    Builtin.int_prefetch_RawPointer(address._rawValue, Int32(0)._value, Int32(3)._value, Int32(1)._value)
}

#if arch(x86_64)
/// AVX2 `vpshufb`: byte `i` of the result is byte `table[i] & 15` of the same 16-byte half of `x`.
@_alwaysEmitIntoClient @inline(__always)
public func blake3BytePermute(_ x: SIMD8<UInt32>, table: SIMD8<UInt32>) -> SIMD8<UInt32> {
    let bytes = unsafeBitCast(x, to: SIMD32<UInt8>.self)
    let indices = unsafeBitCast(table, to: SIMD32<UInt8>.self)
    var result = SIMD32<UInt8>()
    result._storage._value = Builtin.int_x86_avx2_pshuf_b(bytes._storage._value, indices._storage._value)
    return unsafeBitCast(result, to: SIMD8<UInt32>.self)
}

/// SSSE3 `pshufb` (VEX-encoded when the caller is compiled with AVX): byte `i` of the result is
/// byte `table[i] & 15` of `x`.
@_alwaysEmitIntoClient @inline(__always)
public func blake3BytePermute(_ x: SIMD4<UInt32>, table: SIMD4<UInt32>) -> SIMD4<UInt32> {
    let bytes = unsafeBitCast(x, to: SIMD16<UInt8>.self)
    let indices = unsafeBitCast(table, to: SIMD16<UInt8>.self)
    var result = SIMD16<UInt8>()
    result._storage._value = Builtin.int_x86_ssse3_pshuf_b_128(bytes._storage._value, indices._storage._value)
    return unsafeBitCast(result, to: SIMD4<UInt32>.self)
}
#endif
