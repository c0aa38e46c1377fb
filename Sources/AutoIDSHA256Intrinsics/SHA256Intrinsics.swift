// AutoIDSHA256Intrinsics: the three SHA-256 instructions of the x86 SHA extensions (SHA-NI), reached
// through `Builtin` as AutoIDBLAKE3Intrinsics reaches `pshufb` (TRICK 6 there): Swift has no other way
// to name an LLVM intrinsic with its real types and attributes, and `Builtin` needs `-parse-stdlib`,
// which is confined to this tiny module.
//
// The wrappers are `@_alwaysEmitIntoClient @inline(__always)`: they are inlined into AutoIDSHA256NI and
// compiled with its flags (`-Xcc -msha`). This module's own never-called copies are compiled with
// `-Xcc -msha` too (Package.swift), so they can be compiled at all. Call them only after the CPU check
// (`CPUFeatures.shaRequirements`).

import Swift

#if arch(x86_64)
/// `sha256rnds2`: two SHA-256 rounds. `cdgh` holds the working variables C, D, G, H (lanes 3, 2, 1, 0),
/// `abef` holds A, B, E, F, and lanes 0 and 1 of `wk` hold W[t] + K[t] for the two rounds. Returns the
/// new A, B, E, F; the old `abef` becomes the next call's C, D, G, H.
@_alwaysEmitIntoClient @inline(__always)
public func sha256Rounds2(_ cdgh: SIMD4<UInt32>, _ abef: SIMD4<UInt32>, _ wk: SIMD4<UInt32>) -> SIMD4<UInt32> {
    var result = SIMD4<UInt32>()
    result._storage._value = Builtin.int_x86_sha256rnds2(cdgh._storage._value, abef._storage._value, wk._storage._value)
    return result
}

/// `sha256msg1`: the σ0 part of the message schedule for W[t..t+3], from W[t-16..t-13] (`a`) and
/// W[t-12..t-9] (`b`).
@_alwaysEmitIntoClient @inline(__always)
public func sha256Message1(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> {
    var result = SIMD4<UInt32>()
    result._storage._value = Builtin.int_x86_sha256msg1(a._storage._value, b._storage._value)
    return result
}

/// `sha256msg2`: completes W[t..t+3] from the partial sums `a` and W[t-4..t-1] (`b`), adding σ1.
@_alwaysEmitIntoClient @inline(__always)
public func sha256Message2(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> {
    var result = SIMD4<UInt32>()
    result._storage._value = Builtin.int_x86_sha256msg2(a._storage._value, b._storage._value)
    return result
}
#endif
