// AVX2 entry point of the many-message BLAKE2b kernel.
//
// This module is compiled with -O -Xcc -mavx2 (Package.swift), so the generic kernel from
// AutoIDBLAKE2bKernel specialised here uses AVX2 instructions. Call it ONLY after the run-time
// check (AutoIDHashing uses AutoIDCPU's `InstructionSet.avx2.isSupported`, which requires exactly the
// features -mavx2 lets the compiler use): on an older CPU it faults (SIGILL).
//
// The lane type is private to this module so that the specialisations' (weak) symbol names can
// never collide with a baseline copy from another module; see Benchmarks/BLAKE3-NOTES.md.

import AutoIDBLAKE2bKernel

public enum BLAKE2bAVX2 {
    /// BLAKE2b-256 of `count` messages, four at a time in the four 64-bit lanes of a ymm register;
    /// digest i is written to `out + 32 i`.
    @inline(never)
    public static func hash256Many(_ messages: UnsafePointer<UnsafeRawBufferPointer>, count: Int, out: UnsafeMutableRawPointer) {
        blake2b256Many(Lanes4.self, messages, count: count, out: out)
    }
}

/// `SIMD4<UInt64>` under a name private to this module (see the top of this file).
private struct Lanes4: BLAKE2bVector {
    var v: SIMD4<UInt64>
    @inline(__always) init(_ v: SIMD4<UInt64>) { self.v = v }
    @inline(__always) static var laneCount: Int { 4 }
    @inline(__always) init(repeating value: UInt64) { v = SIMD4(repeating: value) }
    @inline(__always) func lane(_ i: Int) -> UInt64 { v[i] }
    /// A blend with a lane mask, not `v[i] = value`: with a run-time `i` that spills the vector,
    /// stores the lane and reloads the vector, and the reload stalls (store-forwarding failure).
    @inline(__always) mutating func setLane(_ i: Int, to value: UInt64) {
        let mask = SIMD4<UInt64>(0, 1, 2, 3) .== SIMD4(repeating: UInt64(truncatingIfNeeded: i))
        v.replace(with: SIMD4(repeating: value), where: mask)
    }
    @inline(__always) static func &+ (lhs: Self, rhs: Self) -> Self { Self(lhs.v &+ rhs.v) }
    @inline(__always) static func ^ (lhs: Self, rhs: Self) -> Self { Self(lhs.v ^ rhs.v) }
    @inline(__always) static func rotateRight(_ x: Self, by n: UInt64) -> Self {
        Self((x.v &>> n) &+ (x.v &<< (64 &- n)))
    }
    @inline(__always) static func unzip(_ a: Self, _ b: Self) -> (even: Self, odd: Self) {
        let ab = SIMD8(lowHalf: a.v, highHalf: b.v)
        return (Self(ab.evenHalf), Self(ab.oddHalf))
    }
}
