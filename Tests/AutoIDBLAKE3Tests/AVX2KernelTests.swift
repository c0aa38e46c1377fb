import AutoIDBLAKE3AVX2
import AutoIDBLAKE3Kernel
import Testing

@testable import AutoIDBLAKE3

/// The hand-written 8-lane AVX2 kernel (Sources/AutoIDBLAKE3AVX2/AVX2Kernel8.swift) against the portable
/// kernel, called directly, for what the official vectors cannot reach: chunk counters whose low word
/// carries into the high word (inside a group of 8 and between groups: inputs beyond 4 TiB), several
/// groups per call, keyed flags, and parents hashed in place.
@Suite("AVX2 8-lane kernel")
struct AVX2KernelTests {
    static let counters: [UInt64] = [0, 5, 0xFFFF_FFFF - 3, 0xFFFF_FFFF - 8 - 2, 0x1_FFFF_FFF0, UInt64.max - 20]

    func requireAVX2() throws {
        guard BLAKE3Kernel.avx2.isSupported else {
            print("SKIPPED: kernel avx2 is not supported by this CPU (compiled, never executed)")
            try Test.cancel("kernel avx2 is not supported by this CPU; skipped")
        }
    }

    func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    func randomKey(seed: UInt64) -> [UInt32] {
        let bytes = randomBytes(32, seed: seed)
        return (0..<8).map { i in (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[4 * i + $1]) << (8 * $1) } }
    }

    @Test("chunks: counters across 2^32, 2, 3 and 5 groups per call, plain and keyed", arguments: counters)
    func chunks(counter: UInt64) throws {
        try requireAVX2()
        // Groups go through the kernel two at a time (`avx2Pairs8`), an odd last one alone.
        for groups in [2, 3, 5] {
            try chunks(counter: counter, groups: groups)
        }
    }

    func chunks(counter: UInt64, groups: Int) throws {
        let input = randomBytes(groups * 8 * 1024, seed: counter)
        for (flags, key) in [(UInt32(0), blake3IVWords), (BLAKE3Flags.keyedHash, randomKey(seed: counter ^ 0x55))] {
            var expected = [UInt8](repeating: 0, count: groups * 8 * 32)
            var actual = [UInt8](repeating: 1, count: groups * 8 * 32)
            input.withUnsafeBytes { inp in
                key.withUnsafeBufferPointer { k in
                    expected.withUnsafeMutableBytes { out in
                        BLAKE3Portable.hashChunks(
                            inp.baseAddress!, count: groups * 8, key: k.baseAddress!, counter: counter, flags: flags,
                            out: out.baseAddress!)
                    }
                    actual.withUnsafeMutableBytes { out in
                        BLAKE3AVX2.hashChunks8(
                            inp.baseAddress!, groups: groups, key: k.baseAddress!, counter: counter, flags: flags,
                            out: out.baseAddress!)
                    }
                }
            }
            #expect(actual == expected, "counter \(counter), \(groups) groups, flags \(flags)")
        }
    }

    @Test("parents: 1, 2, 3 and 5 groups per call, into a separate buffer and in place", arguments: [1, 2, 3, 5])
    func parents(groups: Int) throws {
        try requireAVX2()
        let input = randomBytes(groups * 8 * 64, seed: 7)
        let key = randomKey(seed: 9)
        var expected = [UInt8](repeating: 0, count: groups * 8 * 32)
        var separate = [UInt8](repeating: 1, count: groups * 8 * 32)
        var inPlace = input
        input.withUnsafeBytes { inp in
            key.withUnsafeBufferPointer { k in
                expected.withUnsafeMutableBytes { out in
                    BLAKE3Portable.hashParents(
                        inp.baseAddress!, count: groups * 8, key: k.baseAddress!, flags: BLAKE3Flags.keyedHash,
                        out: out.baseAddress!)
                }
                separate.withUnsafeMutableBytes { out in
                    BLAKE3AVX2.hashParents8(
                        inp.baseAddress!, groups: groups, key: k.baseAddress!, flags: BLAKE3Flags.keyedHash,
                        out: out.baseAddress!)
                }
            }
        }
        key.withUnsafeBufferPointer { k in
            inPlace.withUnsafeMutableBytes { buffer in
                BLAKE3AVX2.hashParents8(
                    UnsafeRawPointer(buffer.baseAddress!), groups: groups, key: k.baseAddress!,
                    flags: BLAKE3Flags.keyedHash, out: buffer.baseAddress!)
            }
        }
        #expect(separate == expected, "\(groups) groups")
        #expect(Array(inPlace.prefix(groups * 8 * 32)) == expected, "\(groups) groups")
        // In place, the second half of the buffer is parents already read: left as it was.
        #expect(Array(inPlace.suffix(groups * 8 * 32)) == Array(input.suffix(groups * 8 * 32)), "\(groups) groups")
    }

    /// The IV as the key of unkeyed hashing.
    var blake3IVWords: [UInt32] {
        [blake3IV.0, blake3IV.1, blake3IV.2, blake3IV.3, blake3IV.4, blake3IV.5, blake3IV.6, blake3IV.7]
    }
}
