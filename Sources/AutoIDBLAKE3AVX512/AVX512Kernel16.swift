// The 16-lane AVX-512 kernel (hand-written; the generated AVX512Kernel.swift calls it for
// hashChunks16 / hashParents16, and for hashChunksStrided16 when every block is whole).
//
// The generic kernel (AutoIDBLAKE3Kernel) compresses one block per out-of-line call and keeps the
// chaining values, counters and flags in a small memory context; specialised for 16 lanes it ran at
// 0.65-0.76x the reference's AVX-512 assembly on data in cache (Benchmarks/blake3-kernels.sh;
// Benchmarks/BLAKE3-NOTES.md "AVX-512 kernel, first hand-written round"). Here, as in the 8-lane AVX2
// kernel (AVX2Kernel8.swift in AutoIDBLAKE3AVX2, whose structure this follows), one out-of-line
// function runs the whole block loop of a group of 16 inputs (`avx512Groups16`), and another that of two
// groups side by side (`avx512Pairs16`, below):
//   - the chaining values stay in registers from block to block, as far as they fit (one group: 16
//     state vectors and 8 CVs in AVX-512's 32 registers; two groups: 48 live vectors, 176 stack
//     accesses per two blocks);
//   - the rotations are single rotate instructions (`vprold`; no tables);
//   - the message is transposed (16 x 16 words) into a stack buffer with whole 64-byte stores and read
//     by the additions as memory operands, through 7 per-round pointers that all point at the same
//     buffer but come from memory the optimiser cannot see through (TRICK 5 of AutoIDBLAKE3Kernel), so
//     no load is merged into a long-lived register value; base + displacement addressing;
//   - counters, block length and flags are memory operands or broadcasts; no call per block;
//   - groups go through the rounds two at a time (`avx512Pairs16`), their G functions alternating: on
//     a core where a vector add, XOR or rotate takes 2 cycles (Zen 5), one group's 4 independent chains
//     of dependent instructions leave half the vector pipes idle; two groups give 8 chains
//     (Benchmarks/BLAKE3-NOTES.md, "Two groups side by side"). The module is compiled with LLVM's
//     machine scheduler off, which otherwise moved all of one group's rounds ahead of the other's.
// Same result as the generic kernel, bit for bit: the official vectors run through it (tests), and
// AVX512KernelTests checks it against the portable kernel directly (and ManyMessagesTests its
// strided use).

import AutoIDBLAKE3Intrinsics
import AutoIDBLAKE3Kernel

private typealias V16 = SIMD16<UInt32>

/// Stack memory of one `avx512HashMany16` call: the transposed messages of two groups (16 vectors of 16
/// words each) and, for each, 7 per-round message pointers and an unused eighth (filled here, outside the
/// out-of-line loops, so the loops cannot see that they are equal: TRICK 5). The two pointer tuples are
/// read as one table of 16 pointers: 8-byte fields, declared one after the other, so they are adjacent
/// (`avx512HashMany16` checks it).
private struct AVX512Workspace16 {
    typealias Row = (V16, V16, V16, V16, V16, V16, V16, V16, V16, V16, V16, V16, V16, V16, V16, V16)
    typealias Pointers = (
        UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?,
        UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?
    )
    var message: Row
    /// The second group's message, when two groups go through the rounds side by side.
    var secondMessage: Row
    var messagePointers: Pointers
    var secondMessagePointers: Pointers
}

/// Hashes `groups` groups of 16 inputs of `blockCount` 64-byte blocks (input `i` of group `g` at
/// `input + (16 g + i) * inputStride`); same contract as `blake3HashMany` with 16 lanes (group `g`'s
/// outputs are written after all its inputs are read, so parents may be hashed in place).
@inline(__always)
func avx512HashMany16(
    input: UnsafeRawPointer, inputStride: Int, blockCount: Int, groups: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, out: UnsafeMutableRawPointer
) {
    let zero = V16(repeating: 0)
    let row: AVX512Workspace16.Row = (zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero, zero)
    let none: AVX512Workspace16.Pointers = (nil, nil, nil, nil, nil, nil, nil, nil)
    var workspace = AVX512Workspace16(message: row, secondMessage: row, messagePointers: none, secondMessagePointers: none)
    withUnsafeMutablePointer(to: &workspace) { w in
        let raw = UnsafeMutableRawPointer(w)
        let message = raw + MemoryLayout<AVX512Workspace16>.offset(of: \.message)!
        let secondMessage = raw + MemoryLayout<AVX512Workspace16>.offset(of: \.secondMessage)!
        let first = MemoryLayout<AVX512Workspace16>.offset(of: \.messagePointers)!
        precondition(MemoryLayout<AVX512Workspace16>.offset(of: \.secondMessagePointers)! == first + 64, "pointer tables not adjacent")
        let pointers = (raw + first).bindMemory(to: UnsafeRawPointer.self, capacity: 16)
        for r in 0..<8 {
            pointers[r] = UnsafeRawPointer(message)
            pointers[8 &+ r] = UnsafeRawPointer(secondMessage)
        }
        // Two groups at a time through the rounds, side by side (see avx512Pairs16); an odd last group
        // alone.
        let pairs = groups / 2
        if pairs > 0 {
            avx512Pairs16(
                input: input, inputStride: inputStride, blockCount: blockCount, pairs: pairs, key: key,
                counter: counter, incrementCounter: incrementCounter, flags: flags, flagsStart: flagsStart,
                flagsEnd: flagsEnd, out: out, message: message, secondMessage: secondMessage, pointers: UnsafePointer(pointers))
        }
        if groups % 2 == 1 {
            let first = groups &- 1
            avx512Groups16(
                input: input + first &* 16 &* inputStride, inputStride: inputStride, blockCount: blockCount, groups: 1, key: key,
                counter: counter &+ (incrementCounter ? UInt64(first &* 16) : 0), incrementCounter: incrementCounter,
                flags: flags, flagsStart: flagsStart, flagsEnd: flagsEnd, out: out + first &* 512, message: message,
                pointers: UnsafePointer(pointers))
        }
    }
}

/// The group and block loops. `pointers`: 7 message pointers (all equal to `message`); see
/// `AVX512Workspace16`.
@inline(never)
private func avx512Groups16(
    input: UnsafeRawPointer, inputStride: Int, blockCount: Int, groups: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, out: UnsafeMutableRawPointer,
    message: UnsafeMutableRawPointer, pointers: UnsafePointer<UnsafeRawPointer>
) {
    let laneOffsets = V16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    for group in 0..<groups {
        let groupInput = input + group &* 16 &* inputStride
        var cv0 = V16(repeating: key[0])
        var cv1 = V16(repeating: key[1])
        var cv2 = V16(repeating: key[2])
        var cv3 = V16(repeating: key[3])
        var cv4 = V16(repeating: key[4])
        var cv5 = V16(repeating: key[5])
        var cv6 = V16(repeating: key[6])
        var cv7 = V16(repeating: key[7])
        // Counters: counter + 16 group + lane for chunks (with the carry into the high word), counter
        // for parents.
        let base = counter &+ (incrementCounter ? UInt64(group &* 16) : 0)
        let baseLow = V16(repeating: UInt32(truncatingIfNeeded: base))
        let counterLow = incrementCounter ? baseLow &+ laneOffsets : baseLow
        let counterHigh = V16(repeating: UInt32(truncatingIfNeeded: base >> 32))
            .replacing(with: V16(repeating: UInt32(truncatingIfNeeded: (base >> 32) &+ 1)), where: counterLow .< baseLow)
        for block in 0..<blockCount {
            if blockCount > 1 {
                // TRICK 4: prefetch 4 blocks ahead in every lane; near the end of the chunks, the
                // first blocks of the next 16 chunks instead.
                let next = block &+ 4
                let aheadOffset: Int = next < blockCount ? next &* 64 : 16 &* inputStride &+ (next &- blockCount) &* 64
                let ahead = groupInput + aheadOffset
                for lane in 0..<16 { blake3Prefetch(ahead + lane &* inputStride) }
            }
            avx512Transpose16(groupInput + block &* 64, stride: inputStride, into: message)
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
            var v8 = V16(repeating: 0x6A09_E667)
            var v9 = V16(repeating: 0xBB67_AE85)
            var v10 = V16(repeating: 0x3C6E_F372)
            var v11 = V16(repeating: 0xA54F_F53A)
            var v12 = counterLow
            var v13 = counterHigh
            var v14 = V16(repeating: 64)
            var v15 = V16(repeating: blockFlags)
            avx512Rounds16(
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
        // Vector j holds word j of the 16 CVs: transposing words 0-7 and 8-15 of the 8 vectors (two
        // 8x8 tiles) gives CVs 0-7, then 8-15, in order.
        var cvs = (cv0, cv1, cv2, cv3, cv4, cv5, cv6, cv7)
        withUnsafeBytes(of: &cvs) { bytes in
            let groupOut = out + 512 &* group
            blake3LoadTransposed8x8(bytes.baseAddress!, stride: 64, into: groupOut, halves: 1)
            blake3LoadTransposed8x8(bytes.baseAddress! + 32, stride: 64, into: groupOut + 256, halves: 1)
        }
    }
}

/// The group and block loops for `pairs` pairs of groups: groups 2p and 2p + 1 go through each block's
/// rounds side by side, their G functions alternating, so that 8 independent chains of dependent
/// instructions are in flight instead of 4. `pointers`: 7 message pointers for the first group's
/// `message`, one unused, then 7 for `secondMessage`; see `AVX512Workspace16`.
@inline(never)
private func avx512Pairs16(
    input: UnsafeRawPointer, inputStride: Int, blockCount: Int, pairs: Int,
    key: UnsafePointer<UInt32>, counter: UInt64, incrementCounter: Bool,
    flags: UInt32, flagsStart: UInt32, flagsEnd: UInt32, out: UnsafeMutableRawPointer,
    message: UnsafeMutableRawPointer, secondMessage: UnsafeMutableRawPointer, pointers: UnsafePointer<UnsafeRawPointer>
) {
    let laneOffsets = V16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    for pair in 0..<pairs {
        let firstInput = input + pair &* 32 &* inputStride
        let secondInput = firstInput + 16 &* inputStride
        var cv0 = V16(repeating: key[0])
        var cv1 = V16(repeating: key[1])
        var cv2 = V16(repeating: key[2])
        var cv3 = V16(repeating: key[3])
        var cv4 = V16(repeating: key[4])
        var cv5 = V16(repeating: key[5])
        var cv6 = V16(repeating: key[6])
        var cv7 = V16(repeating: key[7])
        var dv0 = cv0
        var dv1 = cv1
        var dv2 = cv2
        var dv3 = cv3
        var dv4 = cv4
        var dv5 = cv5
        var dv6 = cv6
        var dv7 = cv7
        // Counters as in avx512Groups16, for the first group (counter + 32 pair + lane) and the second
        // (16 more).
        @inline(__always) func counters(_ group: Int) -> (V16, V16) {
            let base = counter &+ (incrementCounter ? UInt64(group &* 16) : 0)
            let baseLow = V16(repeating: UInt32(truncatingIfNeeded: base))
            let low = incrementCounter ? baseLow &+ laneOffsets : baseLow
            let high = V16(repeating: UInt32(truncatingIfNeeded: base >> 32))
                .replacing(with: V16(repeating: UInt32(truncatingIfNeeded: (base >> 32) &+ 1)), where: low .< baseLow)
            return (low, high)
        }
        let (counterLow, counterHigh) = counters(2 &* pair)
        let (secondLow, secondHigh) = counters(2 &* pair &+ 1)
        for block in 0..<blockCount {
            if blockCount > 1 {
                // TRICK 4 for both groups, 2 blocks ahead in each of the 32 lanes (the bytes in flight of
                // avx512Groups16's 4 blocks in 16 lanes; 1 GiB in-process, GB/s against the single-group
                // loop's 9.3: 2 blocks ahead 10.0-10.3, 1 block 9.5-9.8, 3 blocks 9.8-10.1, 4 blocks 8.6,
                // 8 blocks 7.5-7.7). Near the end of the chunks, the first blocks of the next pair's
                // chunks, 32 inputs on (a prefetch past the end of the input is harmless).
                let next = block &+ 2
                let aheadOffset: Int = next < blockCount ? next &* 64 : 32 &* inputStride &+ (next &- blockCount) &* 64
                let ahead = firstInput + aheadOffset
                let secondAhead = secondInput + aheadOffset
                for lane in 0..<16 {
                    blake3Prefetch(ahead + lane &* inputStride)
                    blake3Prefetch(secondAhead + lane &* inputStride)
                }
            }
            avx512Transpose16(firstInput + block &* 64, stride: inputStride, into: message)
            avx512Transpose16(secondInput + block &* 64, stride: inputStride, into: secondMessage)
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
            var v8 = V16(repeating: 0x6A09_E667)
            var v9 = V16(repeating: 0xBB67_AE85)
            var v10 = V16(repeating: 0x3C6E_F372)
            var v11 = V16(repeating: 0xA54F_F53A)
            var v12 = counterLow
            var v13 = counterHigh
            var v14 = V16(repeating: 64)
            var v15 = V16(repeating: blockFlags)
            var w0 = dv0
            var w1 = dv1
            var w2 = dv2
            var w3 = dv3
            var w4 = dv4
            var w5 = dv5
            var w6 = dv6
            var w7 = dv7
            var w8 = V16(repeating: 0x6A09_E667)
            var w9 = V16(repeating: 0xBB67_AE85)
            var w10 = V16(repeating: 0x3C6E_F372)
            var w11 = V16(repeating: 0xA54F_F53A)
            var w12 = secondLow
            var w13 = secondHigh
            var w14 = V16(repeating: 64)
            var w15 = V16(repeating: blockFlags)
            avx512RoundsPair16(
                &v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15,
                &w0, &w1, &w2, &w3, &w4, &w5, &w6, &w7, &w8, &w9, &w10, &w11, &w12, &w13, &w14, &w15,
                pointers: pointers)
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
        let pairOut = out + 1024 &* pair
        withUnsafeBytes(of: &cvs) { bytes in
            blake3LoadTransposed8x8(bytes.baseAddress!, stride: 64, into: pairOut, halves: 1)
            blake3LoadTransposed8x8(bytes.baseAddress! + 32, stride: 64, into: pairOut + 256, halves: 1)
        }
        withUnsafeBytes(of: &dvs) { bytes in
            blake3LoadTransposed8x8(bytes.baseAddress!, stride: 64, into: pairOut + 512, halves: 1)
            blake3LoadTransposed8x8(bytes.baseAddress! + 32, stride: 64, into: pairOut + 768, halves: 1)
        }
    }
}

@inline(__always)
private func rotr(_ x: V16, _ n: UInt32) -> V16 { SIMD16.rotateRight(x, by: n) }

/// The quarter-round G (BLAKE3 spec 2.2); every rotation is one `vprord`. The message word is added
/// first (`a + x + b`, as the reference does): that addition does not wait for `b`, which the previous
/// G has just produced.
@inline(__always)
private func g(_ a: inout V16, _ b: inout V16, _ c: inout V16, _ d: inout V16, _ x: V16, _ y: V16) {
    a = a &+ x &+ b
    d = rotr(d ^ a, 16)
    c = c &+ d
    b = rotr(b ^ c, 12)
    a = a &+ y &+ b
    d = rotr(d ^ a, 8)
    c = c &+ d
    b = rotr(b ^ c, 7)
}

/// The 7 rounds, in place, the message read through the per-round pointers.
@inline(__always)
private func avx512Rounds16(
    _ v0: inout V16, _ v1: inout V16, _ v2: inout V16, _ v3: inout V16,
    _ v4: inout V16, _ v5: inout V16, _ v6: inout V16, _ v7: inout V16,
    _ v8: inout V16, _ v9: inout V16, _ v10: inout V16, _ v11: inout V16,
    _ v12: inout V16, _ v13: inout V16, _ v14: inout V16, _ v15: inout V16,
    pointers: UnsafePointer<UnsafeRawPointer>
) {
    blake3ForEachRound { r, s in
        let m = pointers[r]
        @inline(__always) func w(_ i: Int) -> V16 { m.load(fromByteOffset: 64 &* i, as: V16.self) }
        g(&v0, &v4, &v8, &v12, w(s.0), w(s.1))
        g(&v1, &v5, &v9, &v13, w(s.2), w(s.3))
        g(&v2, &v6, &v10, &v14, w(s.4), w(s.5))
        g(&v3, &v7, &v11, &v15, w(s.6), w(s.7))
        g(&v0, &v5, &v10, &v15, w(s.8), w(s.9))
        g(&v1, &v6, &v11, &v12, w(s.10), w(s.11))
        g(&v2, &v7, &v8, &v13, w(s.12), w(s.13))
        g(&v3, &v4, &v9, &v14, w(s.14), w(s.15))
    }
}

/// The 7 rounds of two groups, in place, side by side: each G of the first group (v) is followed by the
/// same G of the second (w), so the two independent chains interleave. The first group's message is read
/// through pointers 0-6, the second's through 8-14.
@inline(__always)
private func avx512RoundsPair16(
    _ v0: inout V16, _ v1: inout V16, _ v2: inout V16, _ v3: inout V16,
    _ v4: inout V16, _ v5: inout V16, _ v6: inout V16, _ v7: inout V16,
    _ v8: inout V16, _ v9: inout V16, _ v10: inout V16, _ v11: inout V16,
    _ v12: inout V16, _ v13: inout V16, _ v14: inout V16, _ v15: inout V16,
    _ w0: inout V16, _ w1: inout V16, _ w2: inout V16, _ w3: inout V16,
    _ w4: inout V16, _ w5: inout V16, _ w6: inout V16, _ w7: inout V16,
    _ w8: inout V16, _ w9: inout V16, _ w10: inout V16, _ w11: inout V16,
    _ w12: inout V16, _ w13: inout V16, _ w14: inout V16, _ w15: inout V16,
    pointers: UnsafePointer<UnsafeRawPointer>
) {
    blake3ForEachRound { r, s in
        let m = pointers[r]
        let n = pointers[8 &+ r]
        @inline(__always) func x(_ i: Int) -> V16 { m.load(fromByteOffset: 64 &* i, as: V16.self) }
        @inline(__always) func y(_ i: Int) -> V16 { n.load(fromByteOffset: 64 &* i, as: V16.self) }
        g(&v0, &v4, &v8, &v12, x(s.0), x(s.1))
        g(&w0, &w4, &w8, &w12, y(s.0), y(s.1))
        g(&v1, &v5, &v9, &v13, x(s.2), x(s.3))
        g(&w1, &w5, &w9, &w13, y(s.2), y(s.3))
        g(&v2, &v6, &v10, &v14, x(s.4), x(s.5))
        g(&w2, &w6, &w10, &w14, y(s.4), y(s.5))
        g(&v3, &v7, &v11, &v15, x(s.6), x(s.7))
        g(&w3, &w7, &w11, &w15, y(s.6), y(s.7))
        g(&v0, &v5, &v10, &v15, x(s.8), x(s.9))
        g(&w0, &w5, &w10, &w15, y(s.8), y(s.9))
        g(&v1, &v6, &v11, &v12, x(s.10), x(s.11))
        g(&w1, &w6, &w11, &w12, y(s.10), y(s.11))
        g(&v2, &v7, &v8, &v13, x(s.12), x(s.13))
        g(&w2, &w7, &w8, &w13, y(s.12), y(s.13))
        g(&v3, &v4, &v9, &v14, x(s.14), x(s.15))
        g(&w3, &w4, &w9, &w14, y(s.14), y(s.15))
    }
}

/// Loads one 64-byte block of each of 16 inputs (`base + i * stride`) and stores it transposed at
/// `message` (16 vectors: vector j = word j of every input), every result as one 64-byte store.
///
/// Four stages of 16 two-input shuffles (64 in all, as the reference's AVX-512 assembly):
///   1. interleave 32-bit words of rows (2k, 2k+1) within each 128-bit lane (`vpunpckldq/hdq`);
///   2. interleave 64-bit pairs of those (`vpunpcklqdq/hqdq`): vector X(q, k), for inputs 4q..4q+3,
///      holds in its 128-bit lane L word 4L + k of those 4 inputs;
///   3. and 4. a 4x4 transpose of 128-bit lanes (`vshufi32x4`): word 4L + k of all 16 inputs is
///      lane L of X(0, k), X(1, k), X(2, k), X(3, k).
/// The lane type alternates between stages (32-bit words, 64-bit pairs) for the reason given at
/// `blake3LoadTransposed8x8`: LLVM would otherwise trace each lane back through the earlier stages and
/// emit chains of inserts and blends instead of one shuffle per vector.
@inline(__always)
private func avx512Transpose16(_ base: UnsafeRawPointer, stride: Int, into message: UnsafeMutableRawPointer) {
    typealias Words = SIMD16<UInt32>
    typealias Pairs = SIMD8<UInt64>
    // Stage 1: 32-bit interleaves within 128-bit lanes.
    @inline(__always) func lo32(_ a: Words, _ b: Words) -> Pairs {
        unsafeBitCast(
            Words(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5], a[8], b[8], a[9], b[9], a[12], b[12], a[13], b[13]),
            to: Pairs.self)
    }
    @inline(__always) func hi32(_ a: Words, _ b: Words) -> Pairs {
        unsafeBitCast(
            Words(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7], a[10], b[10], a[11], b[11], a[14], b[14], a[15], b[15]),
            to: Pairs.self)
    }
    // Stage 2: 64-bit interleaves within 128-bit lanes.
    @inline(__always) func lo64(_ a: Pairs, _ b: Pairs) -> Words {
        unsafeBitCast(Pairs(a[0], b[0], a[2], b[2], a[4], b[4], a[6], b[6]), to: Words.self)
    }
    @inline(__always) func hi64(_ a: Pairs, _ b: Pairs) -> Words {
        unsafeBitCast(Pairs(a[1], b[1], a[3], b[3], a[5], b[5], a[7], b[7]), to: Words.self)
    }
    // Stage 3 (on words): 128-bit lanes 0, 2 of a, then 0, 2 of b; resp. 1, 3 of a and b.
    @inline(__always) func even128(_ a: Words, _ b: Words) -> Pairs {
        unsafeBitCast(
            Words(a[0], a[1], a[2], a[3], a[8], a[9], a[10], a[11], b[0], b[1], b[2], b[3], b[8], b[9], b[10], b[11]),
            to: Pairs.self)
    }
    @inline(__always) func odd128(_ a: Words, _ b: Words) -> Pairs {
        unsafeBitCast(
            Words(a[4], a[5], a[6], a[7], a[12], a[13], a[14], a[15], b[4], b[5], b[6], b[7], b[12], b[13], b[14], b[15]),
            to: Pairs.self)
    }
    // Stage 4 (on pairs): the same selections.
    @inline(__always) func even128(_ a: Pairs, _ b: Pairs) -> Words {
        unsafeBitCast(Pairs(a[0], a[1], a[4], a[5], b[0], b[1], b[4], b[5]), to: Words.self)
    }
    @inline(__always) func odd128(_ a: Pairs, _ b: Pairs) -> Words {
        unsafeBitCast(Pairs(a[2], a[3], a[6], a[7], b[2], b[3], b[6], b[7]), to: Words.self)
    }
    @inline(__always) func row(_ i: Int) -> Words { base.loadUnaligned(fromByteOffset: i &* stride, as: Words.self) }
    let words = message.assumingMemoryBound(to: Words.self)
    // X(q, k) for the 4 inputs 4q..4q+3.
    @inline(__always) func quad(_ q: Int) -> (Words, Words, Words, Words) {
        let r0 = row(4 &* q)
        let r1 = row(4 &* q &+ 1)
        let r2 = row(4 &* q &+ 2)
        let r3 = row(4 &* q &+ 3)
        let a0 = lo32(r0, r1)
        let a1 = hi32(r0, r1)
        let a2 = lo32(r2, r3)
        let a3 = hi32(r2, r3)
        return (lo64(a0, a2), hi64(a0, a2), lo64(a1, a3), hi64(a1, a3))
    }
    let x0 = quad(0)
    let x1 = quad(1)
    let x2 = quad(2)
    let x3 = quad(3)
    // For word offset k: message[4L + k] = lane L of X(0, k), X(1, k), X(2, k), X(3, k).
    @inline(__always) func put(_ k: Int, _ a: Words, _ b: Words, _ c: Words, _ d: Words) {
        let y0 = even128(a, b)  // X0.L0 X0.L2 X1.L0 X1.L2
        let y1 = odd128(a, b)  // X0.L1 X0.L3 X1.L1 X1.L3
        let z0 = even128(c, d)
        let z1 = odd128(c, d)
        words[k] = even128(y0, z0)  // lane 0 of X0..X3
        words[8 &+ k] = odd128(y0, z0)  // lane 2
        words[4 &+ k] = even128(y1, z1)  // lane 1
        words[12 &+ k] = odd128(y1, z1)  // lane 3
    }
    put(0, x0.0, x1.0, x2.0, x3.0)
    put(1, x0.1, x1.1, x2.1, x3.1)
    put(2, x0.2, x1.2, x2.2, x3.2)
    put(3, x0.3, x1.3, x2.3, x3.3)
}
