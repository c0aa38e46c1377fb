// The 8-lane AVX2 kernel, written for AVX2's 16 vector registers (hand-written; the generated
// AVX2Kernel.swift calls it for hashChunks8 / hashParents8, and for hashChunksStrided8 when every
// block is whole).
//
// The generic kernel (AutoIDBLAKE3Kernel) compresses one block per out-of-line call and keeps the
// chaining values, counters and flags in a small memory context. With AVX2's 16 registers that ran
// at 0.87-0.93x the reference's AVX2 assembly on data in cache (Benchmarks/blake3-kernels.sh;
// Benchmarks/BLAKE3-NOTES.md "AVX2 kernel, third round"). Here one out-of-line function runs the
// whole block loop of a group of 8 inputs, as the reference does (`avx2Groups8`), and another that of
// two groups side by side (`avx2Pairs8`):
//   - the 8 chaining values stay in registers from block to block (no store and reload per block);
//   - the message is transposed into a stack buffer with full 32-byte stores (no 16-byte halves that
//     a 32-byte load cannot take from the store buffer, see `avx2Transpose8`) and read by the
//     additions as memory operands;
//   - counters, block length and flags are memory operands, the IV constants too; no call per block;
//   - the 7 rounds read the message and the rotation tables through 7 per-round pointers that all
//     point at the same buffers but come from memory the optimiser cannot see through (TRICK 5 and
//     TRICK 6 of AutoIDBLAKE3Kernel), so no load is merged into a long-lived register value, and the
//     addressing is base + displacement (no index register: on Intel cores an indexed memory operand
//     of a three-operand AVX instruction is split into two micro-ops).
//   - groups go through the rounds two at a time (`avx2Pairs8`), their G functions alternating, as in
//     the AVX-512 kernel (`avx512Pairs16`): 8 independent chains of dependent instructions instead of
//     4. With 16 registers for 32 state vectors this spills (about 620 stack accesses per two-group
//     block step, 310 per group and block against 75 for one group alone), and still measured faster
//     on a Zen 5 running this code (256 KiB 4.36 -> 5.10 GB/s, 1.20x the reference's AVX2 assembly; AMD
//     cores since Zen 2 forward stack stores to loads cheaply). llvm-mca, which assumes no load waits
//     for a store, predicts 9-18% fewer cycles per byte on Haswell, Skylake, Zen 2 and Zen 3
//     (Benchmarks/kernel-mca); not measured on an AVX2-only CPU. The module is compiled with LLVM's
//     machine scheduler off, which otherwise moves one group's rounds ahead of the other's.
// Same result as the generic kernel, bit for bit: the official vectors run through it (tests).

import AutoIDBLAKE3Intrinsics
import AutoIDBLAKE3Kernel

private typealias V8 = SIMD8<UInt32>

/// Stack memory of one `avx2HashMany8` call: the transposed message, the rotation tables (8 copies of
/// rot16 / rot8, one per G, so every `vpshufb` folds its own table load: one shared pair held in
/// registers measured 119 instead of 83 stack accesses per block, and slower), an all-zero vector,
/// and the pointers the loop reads them through: 7 per-round message pointers, one to `zero`, 8 table
/// pointers. They are filled here, outside the out-of-line loop, so the loop cannot see that they
/// are equal (TRICK 5).
private struct AVX2Workspace8 {
    typealias Row = (V8, V8, V8, V8, V8, V8, V8, V8, V8, V8, V8, V8, V8, V8, V8, V8)
    var message: Row
    var tables: Row
    var zero: V8
    var messagePointers:
        (
            UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?,
            UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?
        )
    var tablePointers:
        (
            UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?,
            UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?
        )
    /// The second group's message and its 7 per-round pointers (and one unused), when two groups go
    /// through the rounds side by side.
    var secondMessage: Row
    var secondMessagePointers:
        (
            UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?,
            UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?
        )
}

/// Hashes `groups` groups of 8 inputs of `blockCount` 64-byte blocks (input `i` of group `g` at
/// `input + (8 g + i) * inputStride`); same contract as `blake3HashMany` with 8 lanes.
@inline(__always)
func avx2HashMany8(
    input: UnsafeRawPointer, inputStride: Int, blockCount: Int, groups: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, out: UnsafeMutableRawPointer
) {
    let zero = V8(repeating: 0)
    let row: AVX2Workspace8.Row = (zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero)
    var workspace = AVX2Workspace8(
        message: row, tables: row, zero: zero,
        messagePointers: (nil, nil, nil, nil, nil, nil, nil, nil), tablePointers: (nil, nil, nil, nil, nil, nil, nil, nil),
        secondMessage: row, secondMessagePointers: (nil, nil, nil, nil, nil, nil, nil, nil))
    withUnsafeMutablePointer(to: &workspace) { w in
        let raw = UnsafeMutableRawPointer(w)
        let message = raw + MemoryLayout<AVX2Workspace8>.offset(of: \.message)!
        let tables = raw + MemoryLayout<AVX2Workspace8>.offset(of: \.tables)!
        let rot16 = V8(0x0100_0302, 0x0504_0706, 0x0908_0B0A, 0x0D0C_0F0E, 0x0100_0302, 0x0504_0706, 0x0908_0B0A, 0x0D0C_0F0E)
        let rot8 = V8(0x0003_0201, 0x0407_0605, 0x080B_0A09, 0x0C0F_0E0D, 0x0003_0201, 0x0407_0605, 0x080B_0A09, 0x0C0F_0E0D)
        for k in 0..<8 {
            tables.storeBytes(of: rot16, toByteOffset: 64 * k, as: V8.self)
            tables.storeBytes(of: rot8, toByteOffset: 64 * k + 32, as: V8.self)
        }
        let pointers = (raw + MemoryLayout<AVX2Workspace8>.offset(of: \.messagePointers)!)
            .bindMemory(to: UnsafeRawPointer.self, capacity: 16)
        for r in 0..<8 {
            pointers[r] = UnsafeRawPointer(message)  // 0-6; 7 is replaced below
            pointers[8 + r] = UnsafeRawPointer(tables)
        }
        pointers[7] = UnsafeRawPointer(raw + MemoryLayout<AVX2Workspace8>.offset(of: \.zero)!)
        let secondMessage = raw + MemoryLayout<AVX2Workspace8>.offset(of: \.secondMessage)!
        let secondPointers = (raw + MemoryLayout<AVX2Workspace8>.offset(of: \.secondMessagePointers)!)
            .bindMemory(to: UnsafeRawPointer.self, capacity: 8)
        for r in 0..<8 { secondPointers[r] = UnsafeRawPointer(secondMessage) }
        let pairs = groups / 2
        if pairs > 0 {
            avx2Pairs8(
                input: input, inputStride: inputStride, blockCount: blockCount, pairs: pairs, key: key,
                counter: counter, incrementCounter: incrementCounter, flags: flags, flagsStart: flagsStart,
                flagsEnd: flagsEnd, out: out, message: message, secondMessage: secondMessage, pointers: UnsafePointer(pointers),
                secondPointers: UnsafePointer(secondPointers))
        }
        if groups % 2 == 1 {
            let first = groups &- 1
            avx2Groups8(
                input: input + first &* 8 &* inputStride, inputStride: inputStride, blockCount: blockCount, groups: 1, key: key,
                counter: counter &+ (incrementCounter ? UInt64(first &* 8) : 0), incrementCounter: incrementCounter,
                flags: flags, flagsStart: flagsStart, flagsEnd: flagsEnd, out: out + first &* 256, message: message,
                pointers: UnsafePointer(pointers))
        }
    }
}

/// The group and block loops for `pairs` pairs of groups, their rounds side by side (as
/// `avx512Pairs16` in AutoIDBLAKE3AVX512). `pointers` as for `avx2Groups8`; `secondPointers`: 7
/// pointers to `secondMessage`.
@inline(never)
private func avx2Pairs8(
    input: UnsafeRawPointer, inputStride: Int, blockCount: Int, pairs: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, out: UnsafeMutableRawPointer,
    message: UnsafeMutableRawPointer, secondMessage: UnsafeMutableRawPointer, pointers: UnsafePointer<UnsafeRawPointer>,
    secondPointers: UnsafePointer<UnsafeRawPointer>
) {
    let laneOffsets = V8(0, 1, 2, 3, 4, 5, 6, 7)
    for pair in 0..<pairs {
        let firstInput = input + pair &* 16 &* inputStride
        let secondInput = firstInput + 8 &* inputStride
        var cv0 = V8(repeating: key[0])
        var cv1 = V8(repeating: key[1])
        var cv2 = V8(repeating: key[2])
        var cv3 = V8(repeating: key[3])
        var cv4 = V8(repeating: key[4])
        var cv5 = V8(repeating: key[5])
        var cv6 = V8(repeating: key[6])
        var cv7 = V8(repeating: key[7])
        var dv0 = cv0
        var dv1 = cv1
        var dv2 = cv2
        var dv3 = cv3
        var dv4 = cv4
        var dv5 = cv5
        var dv6 = cv6
        var dv7 = cv7
        @inline(__always) func counters(_ group: Int) -> (V8, V8) {
            let base = counter &+ (incrementCounter ? UInt64(group &* 8) : 0)
            let baseLow = V8(repeating: UInt32(truncatingIfNeeded: base))
            let low = incrementCounter ? baseLow &+ laneOffsets : baseLow
            let high = V8(repeating: UInt32(truncatingIfNeeded: base >> 32))
                .replacing(with: V8(repeating: UInt32(truncatingIfNeeded: (base >> 32) &+ 1)), where: low .< baseLow)
            return (low, high)
        }
        let (counterLow, counterHigh) = counters(2 &* pair)
        let (secondLow, secondHigh) = counters(2 &* pair &+ 1)
        for block in 0..<blockCount {
            if blockCount > 1 {
                // TRICK 4 for both groups, 2 blocks ahead in each of the 16 lanes (the bytes in flight
                // of avx2Groups8's 4 blocks in 8 lanes); near the end of the chunks, the next pair's.
                let next = block &+ 2
                let aheadOffset: Int = next < blockCount ? next &* 64 : 16 &* inputStride &+ (next &- blockCount) &* 64
                let ahead = firstInput + aheadOffset
                let secondAhead = secondInput + aheadOffset
                for lane in 0..<8 {
                    blake3Prefetch(ahead + lane &* inputStride)
                    blake3Prefetch(secondAhead + lane &* inputStride)
                }
            }
            let zero = pointers[7].load(as: V8.self)
            avx2Transpose8(firstInput + block &* 64, stride: inputStride, into: message, zero: zero)
            avx2Transpose8(secondInput + block &* 64, stride: inputStride, into: secondMessage, zero: zero)
            var blockFlags = flags
            if block == 0 { blockFlags |= flagsStart }
            if block == blockCount &- 1 { blockFlags |= flagsEnd }
            var v0 = cv0
            var v1 = cv1
            var v2 = cv2
            var v3 = cv3
            var v4 = cv4
            var v5 = cv5
            var v6 = cv6
            var v7 = cv7
            var v8 = V8(repeating: 0x6A09_E667)
            var v9 = V8(repeating: 0xBB67_AE85)
            var v10 = V8(repeating: 0x3C6E_F372)
            var v11 = V8(repeating: 0xA54F_F53A)
            var v12 = counterLow
            var v13 = counterHigh
            var v14 = V8(repeating: 64)
            var v15 = V8(repeating: blockFlags)
            var w0 = dv0
            var w1 = dv1
            var w2 = dv2
            var w3 = dv3
            var w4 = dv4
            var w5 = dv5
            var w6 = dv6
            var w7 = dv7
            var w8 = V8(repeating: 0x6A09_E667)
            var w9 = V8(repeating: 0xBB67_AE85)
            var w10 = V8(repeating: 0x3C6E_F372)
            var w11 = V8(repeating: 0xA54F_F53A)
            var w12 = secondLow
            var w13 = secondHigh
            var w14 = V8(repeating: 64)
            var w15 = V8(repeating: blockFlags)
            avx2RoundsPair8(
                &v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15,
                &w0, &w1, &w2, &w3, &w4, &w5, &w6, &w7, &w8, &w9, &w10, &w11, &w12, &w13, &w14, &w15,
                pointers: pointers, secondPointers: secondPointers)
            cv0 = v0 ^ v8
            cv1 = v1 ^ v9
            cv2 = v2 ^ v10
            cv3 = v3 ^ v11
            cv4 = v4 ^ v12
            cv5 = v5 ^ v13
            cv6 = v6 ^ v14
            cv7 = v7 ^ v15
            dv0 = w0 ^ w8
            dv1 = w1 ^ w9
            dv2 = w2 ^ w10
            dv3 = w3 ^ w11
            dv4 = w4 ^ w12
            dv5 = w5 ^ w13
            dv6 = w6 ^ w14
            dv7 = w7 ^ w15
        }
        // Both groups' CVs, after all their inputs are read (parents may be hashed in place).
        var cvs = (cv0, cv1, cv2, cv3, cv4, cv5, cv6, cv7)
        var dvs = (dv0, dv1, dv2, dv3, dv4, dv5, dv6, dv7)
        let pairOut = out + 512 &* pair
        withUnsafeBytes(of: &cvs) { bytes in
            blake3LoadTransposed8x8(bytes.baseAddress!, stride: 32, into: pairOut, halves: 1)
        }
        withUnsafeBytes(of: &dvs) { bytes in
            blake3LoadTransposed8x8(bytes.baseAddress!, stride: 32, into: pairOut + 256, halves: 1)
        }
    }
}

/// The 7 rounds of two groups, in place, side by side: each G of the first group (v) is followed by
/// the same G of the second (w). Tables as for `avx2Rounds8`, shared.
@inline(__always)
private func avx2RoundsPair8(
    _ v0: inout V8, _ v1: inout V8, _ v2: inout V8, _ v3: inout V8,
    _ v4: inout V8, _ v5: inout V8, _ v6: inout V8, _ v7: inout V8,
    _ v8: inout V8, _ v9: inout V8, _ v10: inout V8, _ v11: inout V8,
    _ v12: inout V8, _ v13: inout V8, _ v14: inout V8, _ v15: inout V8,
    _ w0: inout V8, _ w1: inout V8, _ w2: inout V8, _ w3: inout V8,
    _ w4: inout V8, _ w5: inout V8, _ w6: inout V8, _ w7: inout V8,
    _ w8: inout V8, _ w9: inout V8, _ w10: inout V8, _ w11: inout V8,
    _ w12: inout V8, _ w13: inout V8, _ w14: inout V8, _ w15: inout V8,
    pointers: UnsafePointer<UnsafeRawPointer>, secondPointers: UnsafePointer<UnsafeRawPointer>
) {
    blake3ForEachRound { r, s in
        let m = pointers[r]
        let n = secondPointers[r]
        let t = pointers[8 + r]
        @inline(__always) func x(_ i: Int) -> V8 { m.load(fromByteOffset: 32 &* i, as: V8.self) }
        @inline(__always) func y(_ i: Int) -> V8 { n.load(fromByteOffset: 32 &* i, as: V8.self) }
        @inline(__always) func t16(_ k: Int) -> V8 { t.load(fromByteOffset: 64 &* k, as: V8.self) }
        @inline(__always) func t8(_ k: Int) -> V8 { t.load(fromByteOffset: 64 &* k &+ 32, as: V8.self) }
        g(&v0, &v4, &v8, &v12, x(s.0), x(s.1), t16(0), t8(0))
        g(&w0, &w4, &w8, &w12, y(s.0), y(s.1), t16(0), t8(0))
        g(&v1, &v5, &v9, &v13, x(s.2), x(s.3), t16(1), t8(1))
        g(&w1, &w5, &w9, &w13, y(s.2), y(s.3), t16(1), t8(1))
        g(&v2, &v6, &v10, &v14, x(s.4), x(s.5), t16(2), t8(2))
        g(&w2, &w6, &w10, &w14, y(s.4), y(s.5), t16(2), t8(2))
        g(&v3, &v7, &v11, &v15, x(s.6), x(s.7), t16(3), t8(3))
        g(&w3, &w7, &w11, &w15, y(s.6), y(s.7), t16(3), t8(3))
        g(&v0, &v5, &v10, &v15, x(s.8), x(s.9), t16(4), t8(4))
        g(&w0, &w5, &w10, &w15, y(s.8), y(s.9), t16(4), t8(4))
        g(&v1, &v6, &v11, &v12, x(s.10), x(s.11), t16(5), t8(5))
        g(&w1, &w6, &w11, &w12, y(s.10), y(s.11), t16(5), t8(5))
        g(&v2, &v7, &v8, &v13, x(s.12), x(s.13), t16(6), t8(6))
        g(&w2, &w7, &w8, &w13, y(s.12), y(s.13), t16(6), t8(6))
        g(&v3, &v4, &v9, &v14, x(s.14), x(s.15), t16(7), t8(7))
        g(&w3, &w4, &w9, &w14, y(s.14), y(s.15), t16(7), t8(7))
    }
}

/// The group and block loops. `pointers`: 7 message pointers (all equal to `message`), a pointer to
/// an all-zero vector, then 8 table pointers (all equal); see `AVX2Workspace8`. Loop unswitching
/// makes two copies of the block loop: with prefetch (chunks) and without (parents, 1 block).
@inline(never)
private func avx2Groups8(
    input: UnsafeRawPointer, inputStride: Int, blockCount: Int, groups: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, out: UnsafeMutableRawPointer,
    message: UnsafeMutableRawPointer, pointers: UnsafePointer<UnsafeRawPointer>
) {
    let laneOffsets = V8(0, 1, 2, 3, 4, 5, 6, 7)
    for group in 0..<groups {
        let groupInput = input + group &* 8 &* inputStride
        var cv0 = V8(repeating: key[0])
        var cv1 = V8(repeating: key[1])
        var cv2 = V8(repeating: key[2])
        var cv3 = V8(repeating: key[3])
        var cv4 = V8(repeating: key[4])
        var cv5 = V8(repeating: key[5])
        var cv6 = V8(repeating: key[6])
        var cv7 = V8(repeating: key[7])
        // Counters: counter + 8 group + lane for chunks (with the carry into the high word), counter
        // for parents.
        let base = counter &+ (incrementCounter ? UInt64(group &* 8) : 0)
        let baseLow = V8(repeating: UInt32(truncatingIfNeeded: base))
        let counterLow = incrementCounter ? baseLow &+ laneOffsets : baseLow
        let counterHigh = V8(repeating: UInt32(truncatingIfNeeded: base >> 32))
            .replacing(with: V8(repeating: UInt32(truncatingIfNeeded: (base >> 32) &+ 1)), where: counterLow .< baseLow)
        for block in 0..<blockCount {
            if blockCount > 1 {
                // TRICK 4: prefetch 4 blocks ahead in every lane; near the end of the chunks, the
                // first blocks of the next 8 chunks instead.
                let next = block &+ 4
                let aheadOffset: Int = next < blockCount ? next &* 64 : 8 &* inputStride &+ (next &- blockCount) &* 64
                let ahead = groupInput + aheadOffset
                for lane in 0..<8 { blake3Prefetch(ahead + lane &* inputStride) }
            }
            avx2Transpose8(groupInput + block &* 64, stride: inputStride, into: message, zero: pointers[7].load(as: V8.self))
            var blockFlags = flags
            if block == 0 { blockFlags |= flagsStart }
            if block == blockCount &- 1 { blockFlags |= flagsEnd }
            var v0 = cv0
            var v1 = cv1
            var v2 = cv2
            var v3 = cv3
            var v4 = cv4
            var v5 = cv5
            var v6 = cv6
            var v7 = cv7
            var v8 = V8(repeating: 0x6A09_E667)
            var v9 = V8(repeating: 0xBB67_AE85)
            var v10 = V8(repeating: 0x3C6E_F372)
            var v11 = V8(repeating: 0xA54F_F53A)
            var v12 = counterLow
            var v13 = counterHigh
            var v14 = V8(repeating: 64)
            var v15 = V8(repeating: blockFlags)
            avx2Rounds8(
                &v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15,
                pointers: pointers)
            cv0 = v0 ^ v8
            cv1 = v1 ^ v9
            cv2 = v2 ^ v10
            cv3 = v3 ^ v11
            cv4 = v4 ^ v12
            cv5 = v5 ^ v13
            cv6 = v6 ^ v14
            cv7 = v7 ^ v15
        }
        // Transposing the 8 CV vectors (vector j = word j of every lane) gives the 8 CVs in order.
        var cvs = (cv0, cv1, cv2, cv3, cv4, cv5, cv6, cv7)
        withUnsafeBytes(of: &cvs) { bytes in
            blake3LoadTransposed8x8(bytes.baseAddress!, stride: 32, into: out + 256 &* group, halves: 1)
        }
    }
}

@inline(__always)
private func rotr12(_ x: V8) -> V8 { SIMD8.rotateRight(x, by: 12) }
@inline(__always)
private func rotr7(_ x: V8) -> V8 { SIMD8.rotateRight(x, by: 7) }

/// The quarter-round G (BLAKE3 spec 2.2) with the 16/8 rotations as one `vpshufb` each. The message
/// word is added first (`a + x + b`, as the reference does): that addition does not wait for `b`,
/// which the previous G has just produced (measured: 4.36 -> 4.48 GB/s, 4 MiB input).
@inline(__always)
private func g(_ a: inout V8, _ b: inout V8, _ c: inout V8, _ d: inout V8, _ x: V8, _ y: V8, _ t16: V8, _ t8: V8) {
    a = a &+ x &+ b
    d = blake3BytePermute(d ^ a, table: t16)
    c = c &+ d
    b = rotr12(b ^ c)
    a = a &+ y &+ b
    d = blake3BytePermute(d ^ a, table: t8)
    c = c &+ d
    b = rotr7(b ^ c)
}

/// The 7 rounds, in place, message and tables read through the per-round pointers.
@inline(__always)
private func avx2Rounds8(
    _ v0: inout V8, _ v1: inout V8, _ v2: inout V8, _ v3: inout V8,
    _ v4: inout V8, _ v5: inout V8, _ v6: inout V8, _ v7: inout V8,
    _ v8: inout V8, _ v9: inout V8, _ v10: inout V8, _ v11: inout V8,
    _ v12: inout V8, _ v13: inout V8, _ v14: inout V8, _ v15: inout V8,
    pointers: UnsafePointer<UnsafeRawPointer>
) {
    blake3ForEachRound { r, s in
        let m = pointers[r]
        let t = pointers[8 + r]
        @inline(__always) func w(_ i: Int) -> V8 { m.load(fromByteOffset: 32 &* i, as: V8.self) }
        @inline(__always) func t16(_ k: Int) -> V8 { t.load(fromByteOffset: 64 &* k, as: V8.self) }
        @inline(__always) func t8(_ k: Int) -> V8 { t.load(fromByteOffset: 64 &* k &+ 32, as: V8.self) }
        g(&v0, &v4, &v8, &v12, w(s.0), w(s.1), t16(0), t8(0))
        g(&v1, &v5, &v9, &v13, w(s.2), w(s.3), t16(1), t8(1))
        g(&v2, &v6, &v10, &v14, w(s.4), w(s.5), t16(2), t8(2))
        g(&v3, &v7, &v11, &v15, w(s.6), w(s.7), t16(3), t8(3))
        g(&v0, &v5, &v10, &v15, w(s.8), w(s.9), t16(4), t8(4))
        g(&v1, &v6, &v11, &v12, w(s.10), w(s.11), t16(5), t8(5))
        g(&v2, &v7, &v8, &v13, w(s.12), w(s.13), t16(6), t8(6))
        g(&v3, &v4, &v9, &v14, w(s.14), w(s.15), t16(7), t8(7))
    }
}

/// Loads one 64-byte block of each of 8 inputs (`base + i * stride`) and stores it transposed at
/// `message` (16 vectors: vector j = word j of every input): the 8x8 transpose of
/// `blake3LoadTransposed8x8` (32-bit interleaves, 64-bit interleaves, 128-bit halves; see there for
/// why the lane type alternates), with every result stored as one 32-byte store.
///
/// Why `^ zero`: a result made of the low halves of two vectors is otherwise stored by LLVM as two
/// 16-byte stores (it saves the `vinsertf128`), and the rounds then load it with one 32-byte load,
/// which cannot take its data from two stores still in the store buffer: it waits until both reach
/// the cache, at the start of every block (measured: 4.19 GB/s with the split stores, 4.3-4.4 GB/s
/// without, 4 MiB input). `zero` is an all-zero vector loaded from memory the optimiser cannot see,
/// so the XOR (8 per block, with the insert) stays and the store is one 32-byte store. Writing the
/// reference's order instead (16-byte loads and inserts first) let LLVM merge the stages into
/// blends and broadcasts.
@inline(__always)
private func avx2Transpose8(_ base: UnsafeRawPointer, stride: Int, into message: UnsafeMutableRawPointer, zero: V8) {
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
    let words = message.assumingMemoryBound(to: Words.self)
    for half in 0..<2 {
        let offset = 32 &* half
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
        let b0 = lo64(a0, a2)
        let b1 = hi64(a0, a2)
        let b2 = lo64(a1, a3)
        let b3 = hi64(a1, a3)
        let c0 = lo64(a4, a6)
        let c1 = hi64(a4, a6)
        let c2 = lo64(a5, a7)
        let c3 = hi64(a5, a7)
        let out = words + 8 &* half
        @inline(__always) func put(_ j: Int, _ b: Words, _ c: Words) {
            out[j] = Words(lowHalf: b.lowHalf, highHalf: c.lowHalf) ^ zero
            out[j &+ 4] = Words(lowHalf: b.highHalf, highHalf: c.highHalf)
        }
        put(0, b0, c0)
        put(1, b1, c1)
        put(2, b2, c2)
        put(3, b3, c3)
    }
}
